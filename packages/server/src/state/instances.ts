// Container instances: one record per instance (`instances/CLUSTER/ID`) holding the ECS ContainerInstance
// whole, with its authoritative remaining resources and its live tasks by group, and beside it, in the same
// transactions, the index of instances by status (`instances-by-status/CLUSTER/STATUS/ID`): what
// ListContainerInstances pages by, what DeleteCluster checks with one key, what the leader counts for
// DescribeClusters, and what the dispatcher watches to close a deregistered instance's session.
import { giveBack, type Attribute, type ContainerInstance, type PlatformDevice, type Reservation } from '@berth/core';
import type { Op, Store } from '@berth/store';
import { ROOT, decode, getJSON, indexMoveOps, json, type Versioned } from './kit.js';

export const INSTANCES_ROOT = ROOT + 'instances/';
export const instancesPrefix = (cluster: string) => `${INSTANCES_ROOT}${cluster}/`;
export const instanceKey = (cluster: string, id: string) => `${instancesPrefix(cluster)}${id}`;
export const INSTANCES_BY_STATUS_ROOT = ROOT + 'instances-by-status/';
/** Instances of one status in a cluster (all of the cluster's without a status). */
export const instancesByStatusPrefix = (cluster: string, status?: string) => `${INSTANCES_BY_STATUS_ROOT}${cluster}/${status !== undefined ? status + '/' : ''}`;
const statusIndexKey = (r: InstanceRecord) => `${instancesByStatusPrefix(r.cluster, r.instance.status ?? 'ACTIVE')}${r.id}`;

/** ECS's container instance statuses, in key order (the listing order of the status index). */
export const INSTANCE_STATUSES = ['ACTIVE', 'DEREGISTERING', 'DRAINING', 'INACTIVE', 'REGISTERING', 'REGISTRATION_FAILED'] as const;

export interface InstanceRecord {
  cluster: string;
  id: string;
  /**
   * ECS shape. registeredResources are what the agent registered; remainingResources are kept
   * authoritative here (decremented by RunTask, given back when a task stops), in the same
   * transactions that write the tasks, so two replicas never oversubscribe an instance.
   * runningTasksCount, pendingTasksCount and agentConnected are read from the task index and the session
   * when described, never from here.
   */
  instance: ContainerInstance;
  /**
   * The tasks on the instance, by group, from placement until they are STOPPED: what distinctInstance,
   * spread and task:group read. Kept in the same transactions as remainingResources (launch +1,
   * STOPPED -1, re-registration recomputes), so a launch's compare on the instance record covers them too.
   */
  taskGroups: Record<string, number>;
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
  /** When the instance became INACTIVE (epoch seconds): retention removes it a window later. */
  inactiveAt?: number;
  /** What RegisterContainerInstance gave that ContainerInstance has no member for. */
  platformDevices?: PlatformDevice[];
}

export function getInstance(store: Store, cluster: string, id: string): Promise<Versioned<InstanceRecord> | null> {
  return getJSON<InstanceRecord>(store, instanceKey(cluster, id));
}

/** The index entries an instance record implies. */
export function instanceIndexKeys(r: InstanceRecord): string[] {
  return [statusIndexKey(r)];
}

/** Writes an instance record with its status index entry (moved when the status changes). */
export function instanceOps(next: InstanceRecord, prev?: InstanceRecord): Op[] {
  const ops: Op[] = [{ put: instanceKey(next.cluster, next.id), value: json(next) }];
  ops.push(...indexMoveOps(prev ? statusIndexKey(prev) : undefined, statusIndexKey(next)));
  return ops;
}

/**
 * The record once a task has left the instance (it reached STOPPED, or was orphaned): its reservation
 * given back and its group counted one less. The version is the caller's to bump.
 */
export function withTaskReleased(r: InstanceRecord, reservation: Reservation, group: string | undefined): InstanceRecord {
  const g = group ?? '';
  const taskGroups = { ...r.taskGroups };
  if ((taskGroups[g] ?? 0) > 1) taskGroups[g]!--;
  else delete taskGroups[g];
  const remainingResources = giveBack(r.instance.remainingResources ?? [], reservation, r.instance.registeredResources);
  return { ...r, taskGroups, instance: { ...r.instance, remainingResources } };
}

/** Removes an instance record and its index entry (retention of INACTIVE instances). */
export function instanceDeleteOps(r: InstanceRecord): Op[] {
  return [{ delete: instanceKey(r.cluster, r.id) }, { delete: statusIndexKey(r) }];
}

/** A page of the cluster's instance records in id order, after `after` (an instance key). */
export async function instancesPage(store: Store, cluster: string, after: string | undefined, limit: number): Promise<{ recs: { key: string; rec: InstanceRecord }[]; more: boolean }> {
  const page = await store.range(instancesPrefix(cluster), { limit, ...(after ? { after } : {}) });
  return { recs: page.kvs.map((kv) => ({ key: kv.key, rec: decode<InstanceRecord>(kv) })), more: page.more };
}

/** Cluster, status and id of a status index key. */
export function parseInstanceIndexKey(key: string): { cluster: string; status: string; id: string } {
  const [cluster, status, id] = key.slice(INSTANCES_BY_STATUS_ROOT.length).split('/');
  return { cluster: cluster!, status: status!, id: id! };
}

/** Whether the cluster has an instance of one of these statuses (one key per status). */
export async function hasInstances(store: Store, cluster: string, statuses: readonly string[]): Promise<boolean> {
  for (const s of statuses) if ((await store.range(instancesByStatusPrefix(cluster, s), { limit: 1 })).kvs.length > 0) return true;
  return false;
}
