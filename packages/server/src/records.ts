// What the control plane stores for instances, tasks and assignments. The ECS object is kept whole
// (what Describe* returns); the few fields beside it are Berth's bookkeeping.
import type { Attribute, ContainerInstance, Task } from '@berth/core';

/** Resources a task holds on its instance from placement until it is STOPPED. */
export interface Reservation {
  cpu: number;
  memory: number;
  ports: number[];
  portsUdp: number[];
}

export interface InstanceRecord {
  cluster: string;
  id: string;
  /**
   * ECS shape. registeredResources are what the agent registered; remainingResources are kept
   * authoritative here (decremented by RunTask, given back when a task stops), in the same
   * transactions that write the tasks, so two replicas never oversubscribe an instance.
   * runningTasksCount, pendingTasksCount and agentConnected are computed when described.
   */
  instance: ContainerInstance;
  /**
   * The tasks on the instance, by group, from placement until they are STOPPED: what distinctInstance,
   * spread, task:group and runningTasksCount read at placement. Kept in the same transactions as
   * remainingResources (launch +1, STOPPED -1, re-registration recomputes), so a launch's compare on the
   * instance record covers them too. Absent on records written before placement constraints existed.
   */
  taskGroups?: Record<string, number>;
  /**
   * The custom attributes added with PutAttributes (kept across re-registrations, at most 10); absent:
   * none. instance.attributes holds the agent's attributes, then these.
   */
  customAttributes?: Attribute[];
  /**
   * The agent's attributes that a custom one of the same name hides (usually absent), so that deleting
   * the custom one brings the agent's back. The agent's attributes are instance.attributes minus the
   * custom ones, plus these: nothing is stored twice.
   */
  hiddenAgentAttributes?: Attribute[];
  /**
   * When the agent's session went away (epoch seconds), set by the agent-connectivity controller while
   * agentConnected is false: past the agent-lost grace period the instance's service tasks are replaced.
   */
  agentDisconnectedAt?: number;
}

export interface TaskRecord {
  cluster: string;
  id: string;
  containerInstanceId: string;
  /** ECS shape: what DescribeTasks returns. */
  task: Task;
  /** What the task holds on its instance while not STOPPED. */
  reservation: Reservation;
  /** The highest agent report counter applied (stale reports are ignored). */
  reportCounter: number;
}

export interface AssignmentRecord {
  cluster: string;
  taskId: string;
  /** Mirrors the task's desiredStatus, so a StopTask wakes the instance's session watch. */
  desiredStatus: string;
}

export interface ClientTokenRecord {
  /** Hash of the RunTask request, to tell a retry from a different request reusing the token. */
  requestHash: string;
  taskArns: string[];
}

export interface ServiceRecord {
  cluster: string;
  name: string;
  /** ECS shape: what DescribeServices returns (tags shown only when asked for). */
  service: import('@berth/core').Service;
  /** Hash of the CreateService request (minus clientToken): a repeat with the same parameters returns the service. */
  requestHash: string;
  /** The replica scheduler's bookkeeping (failures counted, tasks seen healthy, throttling, last completed). */
  scheduler: import('@berth/core').SchedulerState;
  /** When the service became INACTIVE (epoch seconds): the record is deleted a retention window later. */
  inactiveAt?: number;
}
