// What every launch shares (RunTask, StartTask, the service scheduler): the launch spec a request and its
// task definition make, the cluster snapshot placement reads, placement over it, and the writes of placed
// tasks and of the instances they took.
//
// A launch reads a snapshot of the cluster's instances (with their modRevisions), the agent sessions
// and the instances' running counts from the instance informer, places the tasks with core placeTasks,
// and commits ONE transaction that compares every chosen instance record and writes: the instances' new
// remainingResources and task groups, the task records with their indexes, one assignment record per
// task (the agent's session watches those) and the clientToken record with its own. A
// conflict means another launch or a stopping task changed an instance: re-read, re-place, retry. So two
// replicas can never oversubscribe an instance, and a clientToken maps to one set of tasks.
import { randomBytes, randomUUID } from 'node:crypto';
import {
  CAPACITY_PROVIDER_ATTRIBUTE, DEFAULT_CHECKS, invalid, listenerPortsCheck, newTask, parseQuery, passedRoles, placeTasks, querySubjects, taskReservation,
  type FeasibilityCheck, type Failure, type PlacementCandidate, type PlacementConstraint, type PlacementResult,
  type PlacementStrategy, type Reservation, type Resource, type RunTaskRequest, type StartTaskRequest, type Tag, type Task,
  type TaskDefinition, type TaskDefinitionPlacementConstraint, type TaskOverride,
} from '@berth/core';
import type { Op, Compare } from '@berth/store';
import { parseArn, parseTaskDefinitionRef } from '@berth/core';
import type { CallContext } from '@berth/api';
import type { ServerContext } from '../../context.js';
import { requirePassRole } from '../../auth/pass-role.js';
import { noWrite } from '../../state/kit.js';
import { instanceKey, listInstances, type InstanceRecord } from '../../state/instances.js';
import { instanceTaskCounts, taskKey, taskOps, type TaskRecord } from '../../state/tasks.js';
import { assignmentOp } from '../../state/assignments.js';
import { isConnected } from '../../state/sessions.js';
import type { CachedInstance, InstanceSnapshot } from '../../informers/instances.js';
import type { RevisionRecord } from '../../state/task-definitions.js';
import { instanceChange, taskEventOps } from '../../events/publish.js';
import { listenerPortsByGroup } from '../../state/listeners.js';
import { checkAgainstTaskDefinition, type LaunchRequest } from './launch-checks.js';
import { activeTaskDefinition } from './references.js';

export const RUN_TASK_MAX = 10;

// Task ids: ECS's 32 hex digits, the first 12 the launch's time in milliseconds and the other 20 random
// (80 bits, from a pool: one getrandom call per 256 ids rather than one per task), as UUIDv7 orders ids.
// A task's keys that end in its id (its record, its revision's index, its service's) then land beside the
// keys of the tasks launched just before it, not on a random page of the file store's tables: a quarter
// fewer bytes written per launch there (docs/benchmarks.md, "Session 14"). Nothing reads meaning into an
// id; ids were never secrets (the credentials endpoint has its own random ids).
const RANDOM_BYTES = 10;
let idPool = Buffer.alloc(0);
let idAt = 0;
export const newTaskId = (nowMs = Date.now()) => {
  if (idAt + RANDOM_BYTES > idPool.length) {
    idPool = randomBytes(RANDOM_BYTES * 256);
    idAt = 0;
  }
  idAt += RANDOM_BYTES;
  return Math.floor(nowMs).toString(16).padStart(12, '0').slice(-12) + idPool.toString('hex', idAt - RANDOM_BYTES, idAt);
};

export interface LaunchSpec {
  cluster: string;
  td: TaskDefinition;
  overrides?: TaskOverride;
  group?: string;
  /** The tasks' group as they will carry it (family:FAMILY by default): placement counts it. */
  effectiveGroup: string;
  startedBy?: string;
  launchType: 'EC2' | 'EXTERNAL';
  tags: Tag[];
  reservation: Reservation;
  /** Load-balancer groups' listener ports, read when the task has static host ports (withListenerPorts). */
  listenerPorts?: ReadonlyMap<string, ReadonlySet<number>>;
  strategies: PlacementStrategy[];
  /** The task definition's constraints, then the request's: all binding. */
  constraints: (PlacementConstraint | TaskDefinitionPlacementConstraint)[];
  /** Whether a constraint reads runningTasksCount (placement then needs each instance's count). */
  countsRunning: boolean;
  /** ECS Exec: `berth exec` may run commands in the tasks. */
  enableExecuteCommand?: boolean;
  /**
   * The capacity provider the tasks run on (a strategy's): placement keeps to its machines, the tasks carry
   * its name, and with `managed` (managed scaling ENABLED) what cannot be placed waits PROVISIONING.
   */
  capacityProvider?: { name: string; managed: boolean };
}

/** The spec of a capacity provider's share of a launch: only its machines (the attribute), and its name. */
export function providerSpec(spec: LaunchSpec, name: string, managed: boolean): LaunchSpec {
  return {
    ...spec,
    constraints: [...spec.constraints, { type: 'memberOf', expression: `attribute:${CAPACITY_PROVIDER_ATTRIBUTE} == ${name}` }],
    capacityProvider: { name, managed },
  };
}

/** The spec with the listener ports its static host ports must stay off; unchanged when it has none. */
export async function withListenerPorts(ctx: ServerContext, spec: LaunchSpec): Promise<LaunchSpec> {
  return spec.reservation.ports.length === 0 ? spec : { ...spec, listenerPorts: await listenerPortsByGroup(ctx.store) };
}

/** The feasibility checks of a launch: status, agent, resources, and listener ports on load-balancer machines. */
export const launchChecks = (spec: LaunchSpec): readonly FeasibilityCheck[] =>
  (spec.listenerPorts ? [...DEFAULT_CHECKS, listenerPortsCheck(spec.listenerPorts)] : DEFAULT_CHECKS);

export function launchSpec(req: LaunchRequest, cluster: string, rec: RevisionRecord, launchType: 'EC2' | 'EXTERNAL'): LaunchSpec {
  const td = rec.taskDefinition;
  checkAgainstTaskDefinition(req, td, launchType);
  const tags: Tag[] = [...(req.tags ?? [])];
  const add = (t: Tag) => {
    if (!tags.some((x) => x.key === t.key)) tags.push(t);
  };
  if (req.propagateTags === 'TASK_DEFINITION') rec.tags.forEach(add);
  if (req.enableECSManagedTags === true) add({ key: 'aws:ecs:clusterName', value: cluster });
  if (tags.length > 50) throw invalid('tags', `A task can have at most 50 tags (${tags.length} with the propagated and managed ones).`);
  const constraints = [...(td.placementConstraints ?? []), ...('placementConstraints' in req ? req.placementConstraints ?? [] : [])];
  return {
    cluster, td, launchType, tags, constraints,
    countsRunning: constraints.some((c) => c.type === 'memberOf' && querySubjects(parseQuery(c.expression ?? '')).has('runningTasksCount')),
    ...(req.overrides ? { overrides: req.overrides } : {}),
    ...(req.group !== undefined ? { group: req.group } : {}),
    effectiveGroup: req.group ?? `family:${td.family}`,
    ...(req.startedBy !== undefined ? { startedBy: req.startedBy } : {}),
    ...(req.enableExecuteCommand === true ? { enableExecuteCommand: true } : {}),
    reservation: taskReservation(td, req.overrides),
    strategies: 'placementStrategy' in req ? req.placementStrategy ?? [] : [],
  };
}

export interface Snap {
  rec: InstanceRecord;
  modRevision: number;
  /** The live record's stored value, when the record is a write not known to have committed (compared by value). */
  value?: string;
  agentConnected: boolean;
  /** Its tasks whose lastStatus is RUNNING, when placement needs them. */
  running?: number;
}

/**
 * The cluster's instances (with the revisions a launch compares), which agents are connected and, when
 * known, the running counts: from the instance cache on the first attempts, from the store itself after
 * that. A conflict on this replica is already in the cache (observe() runs at commit), and another
 * replica's write arrives by the watch within milliseconds, so a few retries from the cache almost always
 * suffice. The running counts (for memberOf expressions on runningTasksCount) come from the cache, or are
 * counted per instance. Nothing here is built per instance from the cache: placement builds the Snap of
 * an instance only when it visits it (a random placement visits O(log N) of them).
 */
export const CACHED_ATTEMPTS = 4;
export async function clusterSnapshot(ctx: ServerContext, cluster: string, countsRunning: boolean, attempt = CACHED_ATTEMPTS): Promise<InstanceSnapshot> {
  if (attempt < CACHED_ATTEMPTS && ctx.instances) return ctx.instances.snapshot(cluster);
  const instances = (await listInstances(ctx.store, cluster)).map((v) => ({ rec: v.value, modRevision: v.modRevision }));
  const connected = new Set<string>();
  const running = new Map<string, number>();
  await Promise.all(instances.map(async ({ rec }) => {
    if (await isConnected(ctx.store, rec.id)) connected.add(rec.id);
    if (countsRunning) running.set(rec.id, (await instanceTaskCounts(ctx.store, cluster, rec.id)).running);
  }));
  return { instances, connected, ...(countsRunning ? { running } : {}) };
}

// snapOf and candidate run for every instance placement visits (a dozen or more per task placed): their
// optional members are assigned, not spread from a fresh object each (those allocations fed the GC).
const snapOf = (view: InstanceSnapshot, c: CachedInstance): Snap => {
  const s: Snap = { rec: c.rec, modRevision: c.modRevision, agentConnected: view.connected.has(c.rec.id) };
  if (c.value !== undefined) s.value = c.value;
  if (view.running) s.running = view.running.get(c.rec.id) ?? 0;
  return s;
};

export const candidate = (s: Snap, remaining?: Resource[]): PlacementCandidate => {
  const ci = s.rec.instance;
  const c: PlacementCandidate = {
    id: s.rec.id,
    arn: ci.containerInstanceArn!,
    status: ci.status ?? 'ACTIVE',
    agentConnected: s.agentConnected,
    remainingResources: remaining ?? ci.remainingResources ?? [],
  };
  if (ci.attributes) c.attributes = ci.attributes;
  const agentVersion = ci.versionInfo?.agentVersion;
  if (agentVersion !== undefined) c.agentVersion = agentVersion;
  if (ci.ec2InstanceId !== undefined) c.ec2InstanceId = ci.ec2InstanceId;
  if (ci.registeredAt !== undefined) c.registeredAt = ci.registeredAt;
  c.taskGroups = s.rec.taskGroups;
  if (s.running !== undefined) c.runningTasksCount = s.running;
  return c;
};

/** Instances by position, as placement reads them: an array, or an array with some of its records replaced (WithChanges). */
export interface InstanceList {
  readonly length: number;
  at(i: number): CachedInstance | undefined;
}

/**
 * `base` with the records `changed` holds (by instance id) in place of its own: what a RunTask batch places
 * over (the snapshot, with what the batch before and its own calls wrote), without copying the snapshot
 * or indexing every instance by id for each batch. An id that `base` does not hold changes nothing.
 */
export class WithChanges implements InstanceList {
  constructor(private readonly base: readonly CachedInstance[], readonly changed = new Map<string, CachedInstance>()) {}

  get length(): number {
    return this.base.length;
  }

  at(i: number): CachedInstance | undefined {
    const c = this.base[i];
    return c === undefined ? undefined : this.changed.get(c.rec.id) ?? c;
  }
}

/** The instances placement may consider: INACTIVE ones are not candidates at all. */
export const liveInstances = (view: InstanceSnapshot): readonly CachedInstance[] => view.live ?? view.instances.filter((c) => c.rec.instance.status !== 'INACTIVE');

/**
 * RunTask's placement over a snapshot's `live` instances (a caller placing several calls over one
 * snapshot filters them once): how many there were, the placement, and the Snap of every instance
 * placement visited, by id (every one that took a task or, when some could not be placed, every live one).
 */
export function place(ctx: ServerContext, spec: LaunchSpec, view: InstanceSnapshot, count: number, live: InstanceList = liveInstances(view)): { live: number; placed: PlacementResult; visited: Map<string, Snap> } {
  const visited = new Map<string, Snap>();
  const placed = placeTasks({
    instances: {
      length: live.length,
      at: (i) => {
        const s = snapOf(view, live.at(i)!);
        visited.set(s.rec.id, s);
        return candidate(s);
      },
    },
    reservation: spec.reservation, count, group: spec.effectiveGroup, checks: launchChecks(spec),
    strategies: spec.strategies, constraints: spec.constraints, taskDefinition: spec.td,
  });
  ctx.metrics?.placement(placed);
  return { live: live.length, placed, visited };
}

/** ECS failures for what placement could not place: each instance's reason, and why in `detail`. */
export function placementFailures(placed: PlacementResult, visited: ReadonlyMap<string, Snap>): Failure[] {
  return placed.failures.map((f) => ({ arn: visited.get(f.instanceId)!.rec.instance.containerInstanceArn!, reason: f.reason, detail: `${f.detail}; ${placed.explanation}` }));
}

/**
 * The writes of one new task placed on `s`: its record with its indexes, its assignment, its event.
 * Without `s` (a capacity provider's task that found no room), the task waits PROVISIONING: its record,
 * indexes and event, no assignment, and its placement kept for when a machine of its provider has room.
 */
export function newTaskWrite(ctx: ServerContext, spec: LaunchSpec, s: Snap | undefined, now: number): { task: Task; compare: Compare[]; success: Op[] } {
  const taskId = newTaskId();
  const task = newTask({
    identity: ctx.identity,
    cluster: spec.cluster,
    taskId,
    containerIds: (spec.td.containerDefinitions ?? []).map(() => randomUUID()),
    taskDefinition: spec.td,
    ...(s ? { containerInstance: { ...s.rec.instance, id: s.rec.id } } : {}),
    ...(spec.capacityProvider ? { capacityProviderName: spec.capacityProvider.name } : {}),
    now,
    launchType: spec.launchType,
    ...(spec.overrides ? { overrides: spec.overrides } : {}),
    ...(spec.group !== undefined ? { group: spec.group } : {}),
    ...(spec.startedBy !== undefined ? { startedBy: spec.startedBy } : {}),
    ...(spec.enableExecuteCommand ? { enableExecuteCommand: true } : {}),
    tags: spec.tags,
  });
  const record: TaskRecord = { cluster: spec.cluster, id: taskId, containerInstanceId: s?.rec.id ?? '', task, reservation: spec.reservation, reportCounter: 0 };
  if (!s) {
    record.waiting = { constraints: spec.constraints, strategies: spec.strategies };
    return { task, compare: [{ key: taskKey(spec.cluster, taskId), modRevision: 0 }], success: [...taskOps(record), ...taskEventOps(ctx, spec.cluster, task)] };
  }
  // The task's JSON once, for its record and its assignment.
  const taskJson = JSON.stringify(task);
  return {
    task,
    compare: [{ key: taskKey(spec.cluster, taskId), modRevision: 0 }],
    success: [...taskOps(record, undefined, taskJson), assignmentOp(record, taskJson), ...taskEventOps(ctx, spec.cluster, task)],
  };
}

/** The record of an instance once `placements` (task instance ids) of `spec` took `remaining` of it. */
export function withTasksTaken(spec: LaunchSpec, rec: InstanceRecord, remaining: Resource[], placements: readonly string[]): InstanceRecord {
  const added = placements.reduce((n, id) => (id === rec.id ? n + 1 : n), 0);
  return {
    ...rec,
    instance: { ...rec.instance, remainingResources: remaining },
    taskGroups: { ...rec.taskGroups, [spec.effectiveGroup]: (rec.taskGroups[spec.effectiveGroup] ?? 0) + added },
  };
}

/**
 * The write of an instance a launch changed: compared at the revision it was read (`s`), or by its value
 * when `s` is a write still committing; its new record with the version bumped, and its state-change event;
 * `value`, the live record's value it writes (what a launch placed over this write compares).
 */
export function instanceWrite(ctx: ServerContext, cluster: string, s: Snap, next: InstanceRecord): { compare: Compare[]; success: Op[]; record: InstanceRecord; value: string } {
  const { ops, record } = instanceChange(ctx, { ...next, instance: { ...next.instance, version: (s.rec.instance.version ?? 0) + 1 } }, s.rec, s.agentConnected);
  const key = instanceKey(cluster, s.rec.id);
  let value = '';
  for (const op of ops) if ('put' in op && op.put === key) value = op.value as string;
  return { compare: [s.value !== undefined ? { key, value: s.value } : { key, modRevision: s.modRevision }], success: ops, record, value };
}

/**
 * The transaction for placed tasks: compare every chosen instance, write its remaining resources and task
 * groups, the task records with their indexes and their assignments (plus `extra`), and `waiting` tasks
 * PROVISIONING (a managed capacity provider's that found no room).
 */
export function launchTxn(ctx: ServerContext, spec: LaunchSpec, byId: ReadonlyMap<string, Snap>, placements: string[], remaining: Map<string, Resource[]>,
  extra: { compare: Compare[]; success: Op[] } = noWrite, waiting = 0): { compare: Compare[]; success: Op[]; tasks: Task[] } {
  const compare: Compare[] = [...extra.compare];
  const success: Op[] = [];
  for (const [id, rem] of remaining) {
    const s = byId.get(id)!;
    const w = instanceWrite(ctx, spec.cluster, s, withTasksTaken(spec, s.rec, rem, placements));
    compare.push(...w.compare);
    success.push(...w.success);
  }
  const now = ctx.now();
  const tasks: Task[] = [];
  for (let i = 0; i < placements.length + waiting; i++) {
    // Past the placements: tasks of a managed capacity provider that wait PROVISIONING.
    const w = newTaskWrite(ctx, spec, i < placements.length ? byId.get(placements[i]!)! : undefined, now);
    compare.push(...w.compare);
    success.push(...w.success);
    tasks.push(w.task);
  }
  success.push(...extra.success);
  return { compare, success, tasks };
}

/**
 * A RunTask's or StartTask's task definition, once the caller is known to be allowed to pass its roles
 * (iam:PassRole). A bare family was resolved to its latest ACTIVE revision when the call was authorized
 * (the revision named in call.resources): that revision is the one launched, without resolving it again.
 */
export async function launchedTaskDefinition(ctx: ServerContext, req: RunTaskRequest | StartTaskRequest, call: CallContext): Promise<RevisionRecord> {
  const rec = await activeTaskDefinition(ctx, authorizedRevision(req.taskDefinition, call.resources) ?? req.taskDefinition);
  await requirePassRole(ctx, call, passedRoles(rec.taskDefinition, req.overrides));
  return rec;
}

/** The revision authorization resolved a bare family to (`family:N`), if it did. */
function authorizedRevision(ref: string, resources: readonly string[] | undefined): string | undefined {
  if (typeof ref !== 'string' || resources === undefined) return undefined;
  const { family, revision } = parseTaskDefinitionRef(ref, 'taskDefinition');
  if (revision !== undefined) return undefined;
  for (const arn of resources) {
    const a = parseArn(arn);
    if (a?.resourceType !== 'task-definition') continue;
    const named = parseTaskDefinitionRef(arn);
    if (named.family === family && named.revision !== undefined) return `${family}:${named.revision}`;
  }
  return undefined;
}
