// The ECS Task through its life (ECS API brief §4.3, §4.6, §4.9): built at RunTask, moved forward by the
// agent's state reports, stopped by StopTask. Every time is the control plane's clock (`now`, epoch
// seconds), except the pull and execution times the agent measured itself. Pure: ids come in as inputs.
import type { TaskStateReport } from './agent-protocol.js';
import { containerArn, containerInstanceArn as ciArn, taskArn as tArn, clusterArn, type Identity } from './arn.js';
import type {
  Attribute, Container, ContainerInstance, ContainerOverride, LaunchType, Tag, Task, TaskDefinition,
  TaskOverride, TaskStopCode,
} from './model/types.js';
import { parseCpu, parseMemory } from './taskdef.js';
import { taskHealthFromDefinition } from './task-health.js';

export const DEFAULT_STOP_REASON = 'Task stopped by user';
export const ESSENTIAL_EXIT_REASON = 'Essential container in task exited';
export const FAILED_TO_START_REASON = 'Task failed to start';

/** Task lastStatus values in lifecycle order; a status only ever moves to a later one. */
export const TASK_STATUS_ORDER = [
  'PROVISIONING', 'PENDING', 'ACTIVATING', 'RUNNING', 'DEACTIVATING', 'STOPPING', 'DEPROVISIONING', 'STOPPED', 'DELETED',
] as const;

export function statusRank(status: string | undefined): number {
  return status === undefined ? -1 : (TASK_STATUS_ORDER as readonly string[]).indexOf(status);
}

export interface NewTaskInput {
  identity: Identity;
  /** Cluster name. */
  cluster: string;
  /** 32 lowercase hex characters. */
  taskId: string;
  /** One id (a UUID) per container definition, in order. */
  containerIds: readonly string[];
  taskDefinition: TaskDefinition;
  /**
   * The instance the task was placed on (its ARN, id and attributes are read); absent for a task of a
   * capacity provider that waits for capacity: it is created PROVISIONING, with no instance yet.
   */
  containerInstance?: ContainerInstance & { id: string };
  /** The capacity provider whose machines the task runs on (a capacity provider strategy's). */
  capacityProviderName?: string;
  now: number;
  launchType?: LaunchType;
  overrides?: TaskOverride;
  /** Default `family:<family>`. */
  group?: string;
  startedBy?: string;
  /** The tags the task carries (request tags, propagated and managed ones); absent when none. */
  tags?: Tag[];
  enableExecuteCommand?: boolean;
}

const attr = (list: readonly Attribute[] | undefined, name: string) => list?.find((a) => a.name === name)?.value;

/**
 * The ECS Task RunTask returns: PENDING, desired RUNNING, version 1; one container per container
 * definition (PENDING, with its ARN and its effective cpu/memory as strings); overrides with a
 * containerOverrides entry per container (at least its name, as ECS returns them); task cpu/memory as
 * integer strings when the definition or the overrides give a task size; the instance's availability
 * zone and cpu architecture when it has those attributes.
 */
export function newTask(input: NewTaskInput): Task {
  const { identity, cluster, taskId, taskDefinition: td, now } = input;
  const arn = tArn(identity, cluster, taskId);
  const defs = td.containerDefinitions ?? [];
  const byName = new Map<string, ContainerOverride>();
  for (const o of input.overrides?.containerOverrides ?? []) if (o.name !== undefined) byName.set(o.name, o);

  const containers: Container[] = defs.map((c, i) => {
    const o = byName.get(c.name!);
    const cpu = o?.cpu ?? c.cpu ?? 0;
    const memory = o?.memory ?? c.memory;
    const memoryReservation = o?.memoryReservation ?? c.memoryReservation;
    const id = input.containerIds[i];
    if (id === undefined) throw new Error(`newTask: no container id for container ${i}`);
    return {
      containerArn: containerArn(identity, cluster, taskId, id),
      taskArn: arn,
      name: c.name!,
      image: c.image!,
      lastStatus: 'PENDING',
      networkBindings: [],
      networkInterfaces: [],
      healthStatus: 'UNKNOWN',
      cpu: String(cpu),
      ...(memory !== undefined ? { memory: String(memory) } : {}),
      ...(memoryReservation !== undefined ? { memoryReservation: String(memoryReservation) } : {}),
    };
  });

  const reqOverrides = input.overrides ?? {};
  const { containerOverrides: _co, ...taskLevel } = reqOverrides;
  const overrides: TaskOverride = {
    containerOverrides: defs.map((c) => {
      const { name: _n, ...rest } = byName.get(c.name!) ?? {};
      return { name: c.name!, ...rest };
    }),
    inferenceAcceleratorOverrides: [],
    ...taskLevel,
  };
  if (taskLevel.cpu !== undefined) overrides.cpu = String(parseCpu(taskLevel.cpu, 'overrides.cpu'));
  if (taskLevel.memory !== undefined) overrides.memory = String(parseMemory(taskLevel.memory, 'overrides.memory'));

  const cpu = overrides.cpu ?? td.cpu;
  const memory = overrides.memory ?? td.memory;
  const ci = input.containerInstance;
  const az = attr(ci?.attributes, 'ecs.availability-zone');
  const arch = attr(ci?.attributes, 'ecs.cpu-architecture');

  const task: Task = {
    attachments: [],
    ...(arch !== undefined ? { attributes: [{ name: 'ecs.cpu-architecture', value: arch }] } : {}),
    ...(az !== undefined ? { availabilityZone: az } : {}),
    ...(input.capacityProviderName !== undefined ? { capacityProviderName: input.capacityProviderName } : {}),
    clusterArn: clusterArn(identity, cluster),
    ...(ci ? { containerInstanceArn: ci.containerInstanceArn ?? ciArn(identity, cluster, ci.id) } : {}),
    containers,
    ...(cpu !== undefined ? { cpu } : {}),
    createdAt: now,
    desiredStatus: 'RUNNING',
    enableExecuteCommand: input.enableExecuteCommand ?? false,
    group: input.group ?? `family:${td.family}`,
    healthStatus: 'UNKNOWN',
    lastStatus: ci ? 'PENDING' : 'PROVISIONING',
    launchType: input.launchType ?? 'EC2',
    ...(memory !== undefined ? { memory } : {}),
    overrides,
    ...(input.startedBy !== undefined ? { startedBy: input.startedBy } : {}),
    ...(input.tags !== undefined && input.tags.length > 0 ? { tags: input.tags.map((t) => ({ ...t })) } : {}),
    taskArn: arn,
    taskDefinitionArn: td.taskDefinitionArn!,
    version: 1,
  };
  return task;
}

/**
 * A PROVISIONING task placed once its capacity provider has room: on `ci`, PENDING, as newTask would have
 * made it on that instance.
 */
export function provisionedTask(task: Task, ci: ContainerInstance & { id: string }, identity: Identity, cluster: string): Task {
  if (task.lastStatus !== 'PROVISIONING') return task;
  const az = attr(ci.attributes, 'ecs.availability-zone');
  const arch = attr(ci.attributes, 'ecs.cpu-architecture');
  return {
    ...task,
    ...(arch !== undefined ? { attributes: [{ name: 'ecs.cpu-architecture', value: arch }] } : {}),
    ...(az !== undefined ? { availabilityZone: az } : {}),
    containerInstanceArn: ci.containerInstanceArn ?? ciArn(identity, cluster, ci.id),
    lastStatus: 'PENDING',
    version: (task.version ?? 0) + 1,
  };
}

/** ECS's stop of a task that waited for capacity too long (issue 22 §6; see docs/autoscaling.md). */
export const PROVISIONING_TIMEOUT_STOP: { stopCode: TaskStopCode; stoppedReason: string } = {
  stopCode: 'TaskFailedToStart',
  stoppedReason: 'Capacity is unavailable at this time. Please try again later or in a different availability zone',
};

const FAILED_TO_START = /^(CannotPull|CannotCreate|CannotStart)/;

const isEssential = (td: TaskDefinition, name: string | undefined) =>
  td.containerDefinitions?.find((c) => c.name === name)?.essential !== false;

/** Why a task that nobody asked to stop is stopping: ECS's stopCode and stoppedReason. */
function unrequestedStop(task: Task, td: TaskDefinition, reportReason: string | undefined): { stopCode: TaskStopCode; stoppedReason: string } {
  const containers = task.containers ?? [];
  const failed = [...containers].sort((a, b) => Number(isEssential(td, b.name)) - Number(isEssential(td, a.name)))
    .find((c) => c.reason !== undefined && FAILED_TO_START.test(c.reason));
  if (failed) return { stopCode: 'TaskFailedToStart', stoppedReason: failed.reason! };
  const essentialExited = containers.some((c) => isEssential(td, c.name) && c.lastStatus === 'STOPPED' && c.exitCode !== undefined);
  if (essentialExited) return { stopCode: 'EssentialContainerExited', stoppedReason: ESSENTIAL_EXIT_REASON };
  const started = task.startedAt !== undefined;
  if (!started) return { stopCode: 'TaskFailedToStart', stoppedReason: reportReason ?? FAILED_TO_START_REASON };
  return { stopCode: 'EssentialContainerExited', stoppedReason: reportReason ?? ESSENTIAL_EXIT_REASON };
}

const containerRank = (s: string | undefined) => (s === 'PENDING' ? 0 : s === 'RUNNING' ? 1 : s === 'STOPPED' ? 2 : -1);

/**
 * The task after an agent report, with statuses only moving forward:
 *   containers   lastStatus (forward only), exitCode, reason, runtimeId, networkBindings, imageDigest;
 *   health       healthStatus of the containers the report names (containerHealth), and the task's
 *                healthStatus from them (task-health.ts);
 *   times        pullStartedAt / pullStoppedAt as the agent measured them; connectivity CONNECTED and
 *                connectivityAt at the first report; startedAt when first RUNNING; on STOPPED stoppingAt
 *                (if not already set), executionStoppedAt (the report's, else now) and stoppedAt;
 *   stop cause   if nobody asked the task to stop (desiredStatus RUNNING) and an essential container
 *                stopped, or the task stopped: desiredStatus STOPPED with stopCode TaskFailedToStart
 *                (a container reason CannotPull... / CannotCreate... / CannotStart..., which becomes the
 *                stoppedReason; or the task never ran) or EssentialContainerExited ("Essential container
 *                in task exited"). A stop that was asked for keeps its stopCode and reason.
 * `version` grows by one when anything changed; an unchanged task is returned as is (same object).
 */
export function applyReport(task: Task, report: TaskStateReport, now: number, td: TaskDefinition): Task {
  // `task` itself is never modified here (its members are copied before they change), so whether anything
  // changed is decided at the end: at once when a status or time moved (the usual report), else by
  // comparing the two tasks' JSON (two encodings of the task were a third of applying a report).
  let moved = false;
  // What this changes: the task's own members and its containers' (structuredClone of the whole task was
  // most of a report's cost in the server's profile).
  const next: Task = { ...task, ...(task.containers ? { containers: task.containers.map((c) => ({ ...c })) } : {}) };
  const containers = next.containers ?? [];

  for (const cs of report.containers ?? []) {
    const c = containers.find((x) => x.name === cs.containerName);
    if (c === undefined) continue;
    if (cs.status !== undefined && containerRank(cs.status) > containerRank(c.lastStatus)) {
      c.lastStatus = cs.status;
      moved = true;
    }
    if (cs.runtimeId) c.runtimeId = cs.runtimeId;
    if (cs.exitCode !== undefined && cs.exitCode !== null) c.exitCode = cs.exitCode;
    if (cs.reason) c.reason = cs.reason;
    if (cs.networkBindings && cs.networkBindings.length > 0) c.networkBindings = cs.networkBindings;
    if (cs.imageDigest) c.imageDigest = cs.imageDigest;
  }

  if (report.containerHealth !== undefined && report.containerHealth.length > 0) {
    for (const h of report.containerHealth) {
      const c = containers.find((x) => x.name === h.containerName);
      if (c !== undefined && h.healthStatus !== undefined) c.healthStatus = h.healthStatus;
    }
    const byName = new Map(containers.map((c) => [c.name ?? '', c.healthStatus]));
    next.healthStatus = taskHealthFromDefinition(td, byName);
  }

  if (report.pullStartedAt !== undefined && next.pullStartedAt === undefined) next.pullStartedAt = report.pullStartedAt;
  if (report.pullStoppedAt !== undefined) next.pullStoppedAt = report.pullStoppedAt;
  if (next.connectivity === undefined) {
    next.connectivity = 'CONNECTED';
    next.connectivityAt = now;
    moved = true;
  }

  const wasStopped = next.lastStatus === 'STOPPED';
  if (!wasStopped && report.lastStatus === 'RUNNING' && statusRank(next.lastStatus) < statusRank('RUNNING')) {
    next.lastStatus = 'RUNNING';
    next.startedAt ??= now;
    moved = true;
  }

  const stopping = !wasStopped && report.lastStatus === 'STOPPED';
  const essentialDown = containers.some((c) => c.lastStatus === 'STOPPED' && isEssential(td, c.name));
  if (!wasStopped && next.desiredStatus !== 'STOPPED' && (stopping || essentialDown)) {
    Object.assign(next, unrequestedStop(next, td, report.reason || undefined));
    next.desiredStatus = 'STOPPED';
    next.stoppingAt ??= now;
  }

  if (stopping) {
    moved = true;
    next.lastStatus = 'STOPPED';
    next.desiredStatus = 'STOPPED';
    next.stoppingAt ??= now;
    next.executionStoppedAt = report.executionStoppedAt ?? now;
    next.stoppedAt = now;
    for (const c of containers) c.lastStatus = 'STOPPED';
    if (next.stoppedReason === undefined && report.reason) next.stoppedReason = report.reason;
  }

  if (!moved && JSON.stringify(next) === JSON.stringify(task)) return task;
  next.version = (task.version ?? 0) + 1;
  return next;
}

/**
 * StopTask (or a controller's stop, with its stopCode): desiredStatus STOPPED, the stopCode, the
 * stoppedReason (`reason`, else "Task stopped by user") and stoppingAt. A task already stopped or
 * already asked to stop is returned unchanged (the first stop's cause stays).
 */
export function stopTask(task: Task, reason: string | undefined, now: number, stopCode: TaskStopCode = 'UserInitiated'): Task {
  if (task.lastStatus === 'STOPPED' || task.desiredStatus === 'STOPPED') return task;
  // A task still waiting for capacity has nothing to stop: it is STOPPED at once (no agent is involved).
  if (task.lastStatus === 'PROVISIONING') {
    return {
      ...task, desiredStatus: 'STOPPED', lastStatus: 'STOPPED', stopCode,
      stoppedReason: reason !== undefined && reason !== '' ? reason : DEFAULT_STOP_REASON,
      stoppingAt: now, executionStoppedAt: now, stoppedAt: now, version: (task.version ?? 0) + 1,
      containers: (task.containers ?? []).map((c) => ({ ...c, lastStatus: 'STOPPED' })),
    };
  }
  return {
    ...task,
    desiredStatus: 'STOPPED',
    stopCode,
    stoppedReason: reason !== undefined && reason !== '' ? reason : DEFAULT_STOP_REASON,
    stoppingAt: now,
    version: (task.version ?? 0) + 1,
  };
}

/**
 * A scheduler's stop of a RUNNING task behind a load balancer (ECS's DEACTIVATING): what stopTask writes,
 * and lastStatus DEACTIVATING while its targets drain. Its containers keep serving the connections
 * already open: the agent is told to stop them only by releaseTask, after the deregistration delay. Any
 * other task is stopped at once (stopTask).
 */
export function deactivateTask(task: Task, reason: string | undefined, now: number, stopCode: TaskStopCode): Task {
  const next = stopTask(task, reason, now, stopCode);
  return next === task || task.lastStatus !== 'RUNNING' ? next : { ...next, lastStatus: 'DEACTIVATING' };
}

/** A DEACTIVATING task whose targets have drained: STOPPING, and now its containers stop. Others unchanged. */
export function releaseTask(task: Task): Task {
  if (task.lastStatus !== 'DEACTIVATING') return task;
  return { ...task, lastStatus: 'STOPPING', version: (task.version ?? 0) + 1 };
}

export const ORPHANED_REASON = 'Container instance deregistered with force: the task is no longer tracked (its containers keep running there until stopped on the host)';

/**
 * A task left on a container instance deregistered with `force` (ECS API brief §4.8): orphaned, no longer
 * monitored or accounted for. Its containers keep running, but ECS stops tracking it: desiredStatus and
 * lastStatus STOPPED (so it no longer holds the cluster's counts or blocks DeleteCluster, and retention
 * removes it), stoppedAt now, stopCode UserInitiated and the reason above unless a stop was already asked
 * for (that stop's cause stays). The containers keep their last known status. A STOPPED task is returned
 * unchanged.
 */
export function orphanTask(task: Task, now: number): Task {
  if (task.lastStatus === 'STOPPED') return task;
  const asked = task.desiredStatus === 'STOPPED';
  return {
    ...task,
    desiredStatus: 'STOPPED',
    lastStatus: 'STOPPED',
    stopCode: asked ? (task.stopCode ?? 'UserInitiated') : 'UserInitiated',
    stoppedReason: asked && task.stoppedReason !== undefined ? task.stoppedReason : ORPHANED_REASON,
    stoppingAt: task.stoppingAt ?? now,
    stoppedAt: now,
    version: (task.version ?? 0) + 1,
  };
}
