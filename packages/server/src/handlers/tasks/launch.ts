// Launching tasks: RunTask (placement), StartTask (on named instances), and placeAndCreateTasks for the
// service scheduler.
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
  BerthError, agentCheck, clientError, clusterName, invalid, newTask, unsupportedFeature, parseQuery, placeTasks, querySubjects, resourceCheck, resourceId, statusCheck, taskReservation,
  type Failure, type PlacementCandidate, type PlacementConstraint, type PlacementResult,
  type PlacementStrategy, type Reservation, type Resource, type RunTaskRequest, type RunTaskResponse,
  type StartTaskRequest, type StartTaskResponse, type Tag, type Task,
  type TaskDefinition, type TaskDefinitionPlacementConstraint, type TaskOverride,
} from '@berth/core';
import type { Op, Compare } from '@berth/store';
import type { ServerContext } from '../../context.js';
import { commitWithRetry, decode, noWrite, rangeAll } from '../../state/kit.js';
import { getInstance, instanceKey, instanceOps, instancesPrefix, type InstanceRecord } from '../../state/instances.js';
import { getTask, instanceTaskCounts, taskKey, taskOps, type TaskRecord } from '../../state/tasks.js';
import { assignmentOp } from '../../state/assignments.js';
import { clientTokenKey, clientTokenOps, getClientToken, type ClientTokenRecord } from '../../state/client-tokens.js';
import { isConnected } from '../../state/sessions.js';
import type { CachedInstance, InstanceSnapshot } from '../../informers/instances.js';
import type { RevisionRecord } from '../../state/task-definitions.js';
import { activeCluster } from '../clusters.js';
import { instanceRefId } from '../container-instances.js';
import { instanceEventOps, taskEventOps } from '../../events/publish.js';
import { FARGATE_ONLY } from '../unbuilt.js';
import { activeTaskDefinition, present } from './references.js';
import {
  checkAgainstTaskDefinition, checkClientToken, checkCommon, checkLaunchType, checkPlacementArgs, requestHash, type LaunchRequest,
} from './launch-checks.js';

export const RUN_TASK_MAX = 10;

/** ECS's ConflictException: a clientToken reused for a different request; resourceIds = its tasks. */
export class ConflictError extends BerthError {
  readonly resourceIds: string[];
  constructor(message: string, resourceIds: string[]) {
    super('ConflictException', message, 'clientToken', { resourceIds });
    this.resourceIds = resourceIds;
  }
}

export const newTaskId = () => randomBytes(16).toString('hex');

// --- launching ------------------------------------------------------------------------------------------

interface LaunchSpec {
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
  strategies: PlacementStrategy[];
  /** The task definition's constraints, then the request's: all binding. */
  constraints: (PlacementConstraint | TaskDefinitionPlacementConstraint)[];
  /** Whether a constraint reads runningTasksCount (placement then needs each instance's count). */
  countsRunning: boolean;
}

function launchSpec(req: LaunchRequest, cluster: string, rec: RevisionRecord, launchType: 'EC2' | 'EXTERNAL'): LaunchSpec {
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
    reservation: taskReservation(td, req.overrides),
    strategies: 'placementStrategy' in req ? req.placementStrategy ?? [] : [],
  };
}

interface Snap {
  rec: InstanceRecord;
  modRevision: number;
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
const CACHED_ATTEMPTS = 4;
async function clusterSnapshot(ctx: ServerContext, spec: LaunchSpec, attempt = CACHED_ATTEMPTS): Promise<InstanceSnapshot> {
  if (attempt < CACHED_ATTEMPTS && ctx.instances) return ctx.instances.snapshot(spec.cluster);
  const instances = (await rangeAll(ctx.store, instancesPrefix(spec.cluster))).map((kv) => ({ rec: decode<InstanceRecord>(kv), modRevision: kv.modRevision }));
  const connected = new Set<string>();
  const running = new Map<string, number>();
  await Promise.all(instances.map(async ({ rec }) => {
    if (await isConnected(ctx.store, rec.id)) connected.add(rec.id);
    if (spec.countsRunning) running.set(rec.id, (await instanceTaskCounts(ctx.store, spec.cluster, rec.id)).running);
  }));
  return { instances, connected, ...(spec.countsRunning ? { running } : {}) };
}

const snapOf = (view: InstanceSnapshot, c: CachedInstance): Snap => ({
  rec: c.rec, modRevision: c.modRevision, agentConnected: view.connected.has(c.rec.id),
  ...(view.running ? { running: view.running.get(c.rec.id) ?? 0 } : {}),
});

const candidate = (s: Snap, remaining?: Resource[]): PlacementCandidate => {
  const ci = s.rec.instance;
  return {
    id: s.rec.id,
    arn: ci.containerInstanceArn!,
    status: ci.status ?? 'ACTIVE',
    agentConnected: s.agentConnected,
    remainingResources: remaining ?? ci.remainingResources ?? [],
    ...(ci.attributes ? { attributes: ci.attributes } : {}),
    ...(ci.versionInfo?.agentVersion !== undefined ? { agentVersion: ci.versionInfo.agentVersion } : {}),
    ...(ci.ec2InstanceId !== undefined ? { ec2InstanceId: ci.ec2InstanceId } : {}),
    ...(ci.registeredAt !== undefined ? { registeredAt: ci.registeredAt } : {}),
    taskGroups: s.rec.taskGroups,
    ...(s.running !== undefined ? { runningTasksCount: s.running } : {}),
  };
};

/**
 * RunTask's placement over a snapshot (INACTIVE instances are not candidates at all): how many instances
 * were live, the placement, and the Snap of every instance placement visited, by id (every one that took
 * a task or, when some could not be placed, every live one).
 */
function place(ctx: ServerContext, spec: LaunchSpec, view: InstanceSnapshot, count: number): { live: number; placed: PlacementResult; visited: Map<string, Snap> } {
  const live = view.instances.filter((c) => c.rec.instance.status !== 'INACTIVE');
  const visited = new Map<string, Snap>();
  const placed = placeTasks({
    instances: {
      length: live.length,
      at: (i) => {
        const s = snapOf(view, live[i]!);
        visited.set(s.rec.id, s);
        return candidate(s);
      },
    },
    reservation: spec.reservation, count, group: spec.effectiveGroup,
    strategies: spec.strategies, constraints: spec.constraints, taskDefinition: spec.td,
  });
  ctx.metrics?.placement(placed);
  return { live: live.length, placed, visited };
}

/** ECS failures for what placement could not place: each instance's reason, and why in `detail`. */
function placementFailures(placed: PlacementResult, visited: ReadonlyMap<string, Snap>): Failure[] {
  return placed.failures.map((f) => ({ arn: visited.get(f.instanceId)!.rec.instance.containerInstanceArn!, reason: f.reason, detail: `${f.detail}; ${placed.explanation}` }));
}

/**
 * The transaction for placed tasks: compare every chosen instance, write its remaining resources and task
 * groups, the task records with their indexes and their assignments (plus `extra`).
 */
function launchTxn(ctx: ServerContext, spec: LaunchSpec, byId: ReadonlyMap<string, Snap>, placements: string[], remaining: Map<string, Resource[]>,
  extra: { compare: Compare[]; success: Op[] } = noWrite): { compare: Compare[]; success: Op[]; tasks: Task[] } {
  const compare: Compare[] = [...extra.compare];
  const success: Op[] = [];
  const now = ctx.now();
  const added = new Map<string, number>();
  for (const id of placements) added.set(id, (added.get(id) ?? 0) + 1);
  for (const [id, rem] of remaining) {
    const s = byId.get(id)!;
    compare.push({ key: instanceKey(spec.cluster, id), modRevision: s.modRevision });
    const instance = { ...s.rec.instance, remainingResources: rem, version: (s.rec.instance.version ?? 0) + 1 };
    const taskGroups = { ...s.rec.taskGroups, [spec.effectiveGroup]: (s.rec.taskGroups[spec.effectiveGroup] ?? 0) + (added.get(id) ?? 0) };
    success.push(...instanceOps({ ...s.rec, instance, taskGroups }, s.rec));
    success.push(...instanceEventOps(ctx, spec.cluster, instance, s.agentConnected));
  }
  const tasks: Task[] = [];
  for (const instanceId of placements) {
    const s = byId.get(instanceId)!;
    const taskId = newTaskId();
    const task = newTask({
      identity: ctx.identity,
      cluster: spec.cluster,
      taskId,
      containerIds: (spec.td.containerDefinitions ?? []).map(() => randomUUID()),
      taskDefinition: spec.td,
      containerInstance: { ...s.rec.instance, id: instanceId },
      now,
      launchType: spec.launchType,
      ...(spec.overrides ? { overrides: spec.overrides } : {}),
      ...(spec.group !== undefined ? { group: spec.group } : {}),
      ...(spec.startedBy !== undefined ? { startedBy: spec.startedBy } : {}),
      tags: spec.tags,
    });
    const record: TaskRecord = { cluster: spec.cluster, id: taskId, containerInstanceId: instanceId, task, reservation: spec.reservation, reportCounter: 0 };
    compare.push({ key: taskKey(spec.cluster, taskId), modRevision: 0 });
    success.push(...taskOps(record), assignmentOp(record));
    success.push(...taskEventOps(ctx, spec.cluster, task));
    tasks.push(task);
  }
  success.push(...extra.success);
  return { compare, success, tasks };
}

/** The tasks a clientToken created, as they are now (retention may have removed some: MISSING). */
async function replay(ctx: ServerContext, cluster: string, rec: ClientTokenRecord): Promise<RunTaskResponse> {
  const tasks: Task[] = [];
  const failures: Failure[] = [];
  for (const arn of rec.taskArns) {
    const t = await getTask(ctx.store, cluster, resourceId(arn));
    if (t) tasks.push(present(t.value.task, true));
    else failures.push({ arn, reason: 'MISSING' });
  }
  return { tasks, failures };
}

export interface PlacedTasks { tasks: Task[]; failures: Failure[]; placement?: PlacementResult; instances: number; aborted?: boolean }

/**
 * RunTask's placement and task creation for callers inside the control plane (the service scheduler):
 * validates `req` as RunTask does, places `count` tasks and commits them in one transaction that also
 * checks `compare` (e.g. the service record's revision, and later a leader fence). `instances` is how many
 * live container instances placement saw (0: none in the cluster).
 */
export async function placeAndCreateTasks(ctx: ServerContext, req: RunTaskRequest,
  opts: {
    compare?: Compare[]; stillValid?: () => Promise<boolean>; revision?: RevisionRecord;
    /** Place only on these instances (a daemon service's). */
    instanceIds?: readonly string[];
    /** More writes for the same transaction, given the tasks it creates (e.g. the service record). */
    success?: (tasks: Task[], placement: PlacementResult) => Op[];
  } = {}):
  Promise<PlacedTasks> {
  const cluster = clusterName(req.cluster);
  const launchType = checkLaunchType(req);
  checkPlacementArgs(req);
  checkCommon(req);
  // A service keeps launching its revision after it is deregistered (as ECS does): it passes the record.
  const spec = launchSpec(req, cluster, opts.revision ?? await activeTaskDefinition(ctx, req.taskDefinition), launchType);
  const count = req.count ?? 1;
  return commitWithRetry<PlacedTasks>(ctx.store, async (attempt) => {
    // A retry after a conflict on `compare` (not on an instance) must stop: the caller re-decides.
    if (attempt > 0 && opts.stillValid && !(await opts.stillValid())) return { txn: noWrite, result: { tasks: [], failures: [], instances: 0, aborted: true } };
    const only = (v: InstanceSnapshot): InstanceSnapshot => (opts.instanceIds ? { ...v, instances: v.instances.filter((i) => opts.instanceIds!.includes(i.rec.id)) } : v);
    let { live, placed, visited } = place(ctx, spec, only(await clusterSnapshot(ctx, spec, attempt)), count);
    if (placed.placements.length < count && attempt < CACHED_ATTEMPTS && ctx.instances) {
      ({ live, placed, visited } = place(ctx, spec, only(await clusterSnapshot(ctx, spec)), count));
    }
    const failures = placementFailures(placed, visited);
    if (placed.placements.length === 0) return { txn: noWrite, result: { tasks: [], failures, placement: placed, instances: live } };
    const t = launchTxn(ctx, spec, visited, placed.placements, placed.remaining, { compare: opts.compare ?? [], success: [] });
    return { txn: { compare: t.compare, success: [...t.success, ...(opts.success?.(t.tasks, placed) ?? [])] }, result: { tasks: t.tasks, failures, placement: placed, instances: live } };
  }, { onCommitted: (revision, txn) => ctx.instances?.observe(revision, txn.success) });
}

export async function runTask(ctx: ServerContext, req: RunTaskRequest): Promise<RunTaskResponse> {
  const cluster = clusterName(req.cluster);
  const count = req.count ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > RUN_TASK_MAX) {
    throw invalid('count', `'count' must be between 1 and ${RUN_TASK_MAX} (${count} given).`);
  }
  const launchType = checkLaunchType(req);
  if (req.platformVersion !== undefined) throw unsupportedFeature('platformVersion', FARGATE_ONLY);
  checkPlacementArgs(req);
  if (req.clientToken !== undefined) checkClientToken(req.clientToken);
  checkCommon(req);
  await activeCluster(ctx, cluster);
  const spec = launchSpec(req, cluster, await activeTaskDefinition(ctx, req.taskDefinition), launchType);
  const token = req.clientToken;
  const hash = token !== undefined ? requestHash(req, cluster) : '';

  const res = await commitWithRetry<RunTaskResponse & { created: number }>(ctx.store, async (attempt) => {
    let tokenCompare: Compare[] = [];
    if (token !== undefined) {
      const cur = await getClientToken(ctx.store, cluster, token);
      if (cur) {
        const rec = cur.value;
        if (rec.requestHash !== hash) {
          throw new ConflictError('The specified client token has already been used in a different request.', rec.taskArns);
        }
        return { txn: noWrite, result: { ...(await replay(ctx, cluster, rec)), created: 0 } };
      }
      tokenCompare = [{ key: clientTokenKey(cluster, token), modRevision: 0 }];
    }
    let { live, placed, visited } = place(ctx, spec, await clusterSnapshot(ctx, spec, attempt), count);
    // The cache is trusted to place, never to refuse: a shortfall is checked against the store itself.
    if (placed.placements.length < count && attempt < CACHED_ATTEMPTS && ctx.instances) {
      ({ live, placed, visited } = place(ctx, spec, await clusterSnapshot(ctx, spec), count));
    }
    if (live === 0) {
      throw new BerthError('InvalidParameterException', 'No Container Instances were found in your cluster.');
    }
    const failures = placementFailures(placed, visited);
    // Nothing placed: nothing to write, and the token stays free for a retry.
    if (placed.placements.length === 0) return { txn: noWrite, result: { tasks: [], failures, created: 0 } };
    const t = launchTxn(ctx, spec, visited, placed.placements, placed.remaining);
    const tokenOps = token !== undefined
      ? clientTokenOps(cluster, token, { requestHash: hash, taskArns: t.tasks.map((x) => x.taskArn!), createdAt: ctx.now() })
      : [];
    return {
      txn: { compare: [...tokenCompare, ...t.compare], success: [...t.success, ...tokenOps] },
      result: { tasks: t.tasks, failures, created: t.tasks.length },
    };
  }, { onCommitted: (revision, txn) => ctx.instances?.observe(revision, txn.success) });
  if (res.created > 0) ctx.log.info('tasks started', { cluster, taskDefinition: spec.td.taskDefinitionArn, count: res.created, failures: res.failures?.length ?? 0 });
  return { tasks: res.tasks ?? [], failures: res.failures ?? [] };
}

export async function startTask(ctx: ServerContext, req: StartTaskRequest): Promise<StartTaskResponse> {
  const cluster = clusterName(req.cluster);
  const refs = req.containerInstances ?? [];
  if (refs.length < 1 || refs.length > RUN_TASK_MAX) {
    throw refs.length === 0 ? clientError('Container Instances cannot be empty.', 'containerInstances')
      : invalid('containerInstances', `At most ${RUN_TASK_MAX} container instances can be given (${refs.length} given).`);
  }
  checkCommon(req);
  await activeCluster(ctx, cluster);
  const spec = launchSpec(req, cluster, await activeTaskDefinition(ctx, req.taskDefinition), 'EC2');
  const ids = refs.map((ref) => instanceRefId(ref, cluster));
  const res = await commitWithRetry<StartTaskResponse>(ctx.store, async () => {
    // Only the named instances are read.
    const snap = await namedInstances(ctx, cluster, ids.filter((id): id is string => id !== null));
    const byId = new Map(snap.map((s) => [s.rec.id, s]));
    const placements: string[] = [];
    const remaining = new Map<string, Resource[]>();
    const failures: Failure[] = [];
    for (const [i, ref] of refs.entries()) {
      const id = ids[i];
      const s = id !== null ? byId.get(id) : undefined;
      if (!s) {
        failures.push({ arn: ref.startsWith('arn:') ? ref : `arn:${ctx.identity.partition}:ecs:${ctx.identity.region}:${ctx.identity.accountId}:container-instance/${cluster}/${ref}`, reason: 'MISSING' });
        continue;
      }
      // No scheduler: each named instance takes one task or says why not (INACTIVE, DRAINING, AGENT,
      // RESOURCE:*, ATTRIBUTE for what the task definition requires). ECS's StartTask bypasses placement
      // constraints and strategies.
      const placed = placeTasks({
        instances: [candidate(s, remaining.get(s.rec.id))], reservation: spec.reservation, count: 1,
        checks: [statusCheck, agentCheck, resourceCheck], taskDefinition: spec.td,
      });
      if (placed.placements.length === 1) {
        placements.push(s.rec.id);
        remaining.set(s.rec.id, placed.remaining.get(s.rec.id)!);
      } else {
        const f = placed.failures[0]!;
        failures.push({ arn: s.rec.instance.containerInstanceArn!, reason: f.reason, detail: f.detail });
      }
    }
    if (placements.length === 0) return { txn: noWrite, result: { tasks: [], failures } };
    const t = launchTxn(ctx, spec, byId, placements, remaining);
    return { txn: { compare: t.compare, success: t.success }, result: { tasks: t.tasks, failures } };
  }, { onCommitted: (revision, txn) => ctx.instances?.observe(revision, txn.success) });
  if (res.tasks?.length) ctx.log.info('tasks started', { cluster, taskDefinition: spec.td.taskDefinitionArn, count: res.tasks.length });
  return res;
}

/** The named instances of the cluster (those that exist), read from the store. */
async function namedInstances(ctx: ServerContext, cluster: string, ids: readonly string[]): Promise<Snap[]> {
  const found = await Promise.all([...new Set(ids)].map(async (id) => {
    const cur = await getInstance(ctx.store, cluster, id);
    return cur ? { rec: cur.value, modRevision: cur.modRevision, agentConnected: await isConnected(ctx.store, id) } : null;
  }));
  return found.filter((s): s is Snap => s !== null);
}
