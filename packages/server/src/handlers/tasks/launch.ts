// Launching tasks: RunTask (placement), StartTask (on named instances), and placeAndCreateTasks for the
// service scheduler.
//
// A launch reads a snapshot of the cluster's instances (with their modRevisions) and the agent
// sessions, places the tasks with core placeTasks, and commits ONE transaction that compares every
// chosen instance record and writes: the instances' new remainingResources, the task records, one
// assignment record per task (the agent's session watches those) and the clientToken record. A
// conflict means another launch or a stopping task changed an instance: re-read, re-place, retry. So two
// replicas can never oversubscribe an instance, and a clientToken maps to one set of tasks.
import { randomBytes, randomUUID } from 'node:crypto';
import {
  BerthError, agentCheck, clusterName, invalid, newTask, placeTasks, resourceCheck, resourceId, statusCheck, taskReservation,
  type Failure, type PlacementCandidate, type PlacementConstraint, type PlacementResult,
  type PlacementStrategy, type Reservation, type Resource, type RunTaskRequest, type RunTaskResponse,
  type StartTaskRequest, type StartTaskResponse, type Tag, type Task,
  type TaskDefinition, type TaskDefinitionPlacementConstraint, type TaskOverride,
} from '@berth/core';
import type { Op, Compare } from '@berth/store';
import type { ServerContext } from '../../context.js';
import type { AssignmentRecord, ClientTokenRecord, TaskRecord } from '../../records.js';
import { assignmentKey, clientTokenKey, instanceKey, instancesPrefix, sessionKey, taskKey, tasksPrefix } from '../../keys.js';
import { commitWithRetry, decode, getJSON, json, listJSON, rangeAll } from '../../json-store.js';
import { activeCluster } from '../clusters.js';
import { groupCounts, instanceRefId, type StoredInstance } from '../container-instances.js';
import type { RevisionRecord } from '../task-definitions.js';
import { instanceEventOps, taskEventOps } from '../../events/publish.js';
import { activeTaskDefinition, present } from './references.js';
import {
  checkAgainstTaskDefinition, checkClientToken, checkCommon, checkLaunchType, checkPlacementArgs, requestHash, type LaunchRequest,
} from './launch-checks.js';

export const RUN_TASK_MAX = 10;
const SESSIONS_PREFIX = sessionKey('');

/** ECS's ConflictException: a clientToken reused for a different request; resourceIds = its tasks. */
export class ConflictError extends BerthError {
  readonly resourceIds: string[];
  constructor(message: string, resourceIds: string[]) {
    super('ConflictException', message, 'clientToken');
    this.resourceIds = resourceIds;
  }
}

/** What the clientToken record holds (ClientTokenRecord, plus when, for the retention sweep). */
export interface StoredClientToken extends ClientTokenRecord {
  createdAt: number;
}

export const newTaskId = () => randomBytes(16).toString('hex');
const noWrite = { compare: [], success: [] };

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
  if (tags.length > 50) throw invalid('tags', `tags: a task carries at most 50 tags (${tags.length} with the propagated and managed ones).`);
  return {
    cluster, td, launchType, tags,
    ...(req.overrides ? { overrides: req.overrides } : {}),
    ...(req.group !== undefined ? { group: req.group } : {}),
    effectiveGroup: req.group ?? `family:${td.family}`,
    ...(req.startedBy !== undefined ? { startedBy: req.startedBy } : {}),
    reservation: taskReservation(td, req.overrides),
    strategies: 'placementStrategy' in req ? req.placementStrategy ?? [] : [],
    constraints: [...(td.placementConstraints ?? []), ...('placementConstraints' in req ? req.placementConstraints ?? [] : [])],
  };
}

interface Snap {
  rec: StoredInstance;
  modRevision: number;
  agentConnected: boolean;
}

/**
 * The cluster's instances (with the revisions a launch compares) and which agents are connected: from
 * the instance cache on the first attempts, from the store itself after that. A conflict on this
 * replica is already in the cache (observe() runs at commit), and another replica's write arrives by
 * the watch within milliseconds, so a few retries from the cache almost always suffice.
 */
const CACHED_ATTEMPTS = 4;
async function clusterSnapshot(ctx: ServerContext, cluster: string, attempt = CACHED_ATTEMPTS): Promise<Snap[]> {
  if (attempt < CACHED_ATTEMPTS && ctx.instances) {
    const { instances, connected } = await ctx.instances.snapshot<StoredInstance>(cluster);
    return instances.map((c) => ({ rec: c.rec, modRevision: c.modRevision, agentConnected: connected.has(c.rec.id) }));
  }
  const [instances, sessions] = await Promise.all([rangeAll(ctx.store, instancesPrefix(cluster)), rangeAll(ctx.store, SESSIONS_PREFIX)]);
  const connected = new Set(sessions.map((kv) => kv.key.slice(SESSIONS_PREFIX.length)));
  return instances.map((kv) => {
    const rec = decode<StoredInstance>(kv);
    return { rec, modRevision: kv.modRevision, agentConnected: connected.has(rec.id) };
  });
}

/**
 * Instance records written before taskGroups existed: their groups from the cluster's task records (read
 * once, only when such a record is in the snapshot and the request needs groups). Agents re-register at
 * every start, which writes taskGroups, so this is rare.
 */
async function fillTaskGroups(ctx: ServerContext, cluster: string, snap: Snap[]): Promise<void> {
  if (snap.every((s) => s.rec.taskGroups !== undefined)) return;
  const tasks = await listJSON<TaskRecord>(ctx.store, tasksPrefix(cluster));
  for (const s of snap) {
    if (s.rec.taskGroups === undefined) s.rec = { ...s.rec, taskGroups: groupCounts(tasks.filter((t) => t.containerInstanceId === s.rec.id)) };
  }
}

const candidate = (s: Snap, remaining?: Resource[], taskGroups?: Record<string, number>): PlacementCandidate => {
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
    taskGroups: taskGroups ?? s.rec.taskGroups ?? {},
  };
};

/** RunTask's placement over a snapshot (INACTIVE instances are not candidates at all). */
async function place(ctx: ServerContext, spec: LaunchSpec, snap: Snap[], count: number): Promise<{ live: Snap[]; placed: PlacementResult }> {
  const live = snap.filter((s) => s.rec.instance.status !== 'INACTIVE');
  if (live.length > 0 && (spec.strategies.length > 0 || spec.constraints.length > 0)) await fillTaskGroups(ctx, spec.cluster, live);
  const placed = placeTasks({
    instances: live.map((s) => candidate(s)), reservation: spec.reservation, count, group: spec.effectiveGroup,
    strategies: spec.strategies, constraints: spec.constraints,
  });
  return { live, placed };
}

/** ECS failures for what placement could not place: each instance's reason, and why in `detail`. */
function placementFailures(placed: PlacementResult, live: Snap[]): Failure[] {
  const arn = new Map(live.map((s) => [s.rec.id, s.rec.instance.containerInstanceArn!]));
  return placed.failures.map((f) => ({ arn: arn.get(f.instanceId)!, reason: f.reason, detail: `${f.detail}; ${placed.explanation}` }));
}

/**
 * The transaction for placed tasks: compare every chosen instance, write its remaining resources, the
 * task records and their assignments (plus `extra`, e.g. the clientToken record).
 */
function launchTxn(ctx: ServerContext, spec: LaunchSpec, snap: Snap[], placements: string[], remaining: Map<string, Resource[]>,
  extra: { compare: Compare[]; success: Op[] } = noWrite): { compare: Compare[]; success: Op[]; tasks: Task[] } {
  const byId = new Map(snap.map((s) => [s.rec.id, s]));
  const compare: Compare[] = [...extra.compare];
  const success: Op[] = [];
  const now = ctx.now();
  const added = new Map<string, number>();
  for (const id of placements) added.set(id, (added.get(id) ?? 0) + 1);
  for (const [id, rem] of remaining) {
    const s = byId.get(id)!;
    const key = instanceKey(spec.cluster, id);
    compare.push({ key, modRevision: s.modRevision });
    const instance = { ...s.rec.instance, remainingResources: rem, version: (s.rec.instance.version ?? 0) + 1 };
    // A record from before taskGroups existed stays without them (a re-registration recomputes them).
    let taskGroups = s.rec.taskGroups;
    if (taskGroups !== undefined) {
      taskGroups = { ...taskGroups, [spec.effectiveGroup]: (taskGroups[spec.effectiveGroup] ?? 0) + (added.get(id) ?? 0) };
    }
    success.push({ put: key, value: json({ ...s.rec, instance, ...(taskGroups ? { taskGroups } : {}) }) });
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
    const assignment: AssignmentRecord = { cluster: spec.cluster, taskId, desiredStatus: 'RUNNING' };
    const tkey = taskKey(spec.cluster, taskId);
    compare.push({ key: tkey, modRevision: 0 });
    success.push({ put: tkey, value: json(record) }, { put: assignmentKey(instanceId, taskId), value: json(assignment) });
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
    const t = await getJSON<TaskRecord>(ctx.store, taskKey(cluster, resourceId(arn)));
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
    const only = (x: Snap[]) => (opts.instanceIds ? x.filter((i) => opts.instanceIds!.includes(i.rec.id)) : x);
    let snap = only(await clusterSnapshot(ctx, cluster, attempt));
    let { live, placed } = await place(ctx, spec, snap, count);
    if (placed.placements.length < count && attempt < CACHED_ATTEMPTS && ctx.instances) {
      snap = only(await clusterSnapshot(ctx, cluster));
      ({ live, placed } = await place(ctx, spec, snap, count));
    }
    const failures = placementFailures(placed, live);
    if (placed.placements.length === 0) return { txn: noWrite, result: { tasks: [], failures, placement: placed, instances: live.length } };
    const t = launchTxn(ctx, spec, snap, placed.placements, placed.remaining, { compare: opts.compare ?? [], success: [] });
    return { txn: { compare: t.compare, success: [...t.success, ...(opts.success?.(t.tasks, placed) ?? [])] }, result: { tasks: t.tasks, failures, placement: placed, instances: live.length } };
  }, { onCommitted: (revision, txn) => ctx.instances?.observe(revision, txn.success) });
}

export async function runTask(ctx: ServerContext, req: RunTaskRequest): Promise<RunTaskResponse> {
  const cluster = clusterName(req.cluster);
  const count = req.count ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > RUN_TASK_MAX) {
    throw invalid('count', `count: must be between 1 and ${RUN_TASK_MAX} (${count} given).`);
  }
  const launchType = checkLaunchType(req);
  if (req.platformVersion !== undefined) throw invalid('platformVersion', 'platformVersion: applies to Fargate tasks only.');
  checkPlacementArgs(req);
  if (req.clientToken !== undefined) checkClientToken(req.clientToken);
  checkCommon(req);
  await activeCluster(ctx, cluster);
  const spec = launchSpec(req, cluster, await activeTaskDefinition(ctx, req.taskDefinition), launchType);
  const tokenKey = req.clientToken !== undefined ? clientTokenKey(cluster, req.clientToken) : undefined;
  const hash = tokenKey ? requestHash(req, cluster) : '';

  const res = await commitWithRetry<RunTaskResponse & { created: number }>(ctx.store, async (attempt) => {
    let tokenCompare: Compare[] = [];
    if (tokenKey) {
      const kv = await ctx.store.get(tokenKey);
      if (kv) {
        const rec = decode<StoredClientToken>(kv);
        if (rec.requestHash !== hash) {
          throw new ConflictError(`clientToken: the token was already used for a different RunTask request (tasks ${rec.taskArns.join(', ') || 'none'}).`, rec.taskArns);
        }
        return { txn: noWrite, result: { ...(await replay(ctx, cluster, rec)), created: 0 } };
      }
      tokenCompare = [{ key: tokenKey, modRevision: 0 }];
    }
    let snap = await clusterSnapshot(ctx, cluster, attempt);
    let { live, placed } = await place(ctx, spec, snap, count);
    // The cache is trusted to place, never to refuse: a shortfall is checked against the store itself.
    if (placed.placements.length < count && attempt < CACHED_ATTEMPTS && ctx.instances) {
      snap = await clusterSnapshot(ctx, cluster);
      ({ live, placed } = await place(ctx, spec, snap, count));
    }
    if (live.length === 0) {
      throw new BerthError('InvalidParameterException', 'No Container Instances were found in your cluster.');
    }
    const failures = placementFailures(placed, live);
    // Nothing placed: nothing to write, and the token stays free for a retry.
    if (placed.placements.length === 0) return { txn: noWrite, result: { tasks: [], failures, created: 0 } };
    const tokenOps: Op[] = [];
    const t = launchTxn(ctx, spec, snap, placed.placements, placed.remaining);
    if (tokenKey) {
      const rec: StoredClientToken = { requestHash: hash, taskArns: t.tasks.map((x) => x.taskArn!), createdAt: ctx.now() };
      tokenOps.push({ put: tokenKey, value: json(rec) });
    }
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
    throw invalid('containerInstances', `containerInstances: give between 1 and ${RUN_TASK_MAX} container instances (${refs.length} given).`);
  }
  checkCommon(req);
  await activeCluster(ctx, cluster);
  const spec = launchSpec(req, cluster, await activeTaskDefinition(ctx, req.taskDefinition), 'EC2');
  const res = await commitWithRetry<StartTaskResponse>(ctx.store, async () => {
    const snap = await clusterSnapshot(ctx, cluster);
    const byId = new Map(snap.map((s) => [s.rec.id, s]));
    const placements: string[] = [];
    const remaining = new Map<string, Resource[]>();
    const failures: Failure[] = [];
    for (const ref of refs) {
      const id = instanceRefId(ref, cluster);
      const s = id !== null ? byId.get(id) : undefined;
      if (!s) {
        failures.push({ arn: ref.startsWith('arn:') ? ref : `arn:${ctx.identity.partition}:ecs:${ctx.identity.region}:${ctx.identity.accountId}:container-instance/${cluster}/${ref}`, reason: 'MISSING' });
        continue;
      }
      // No scheduler: each named instance takes one task or says why not (INACTIVE, DRAINING, AGENT,
      // RESOURCE:*). ECS's StartTask bypasses placement constraints and strategies.
      const placed = placeTasks({
        instances: [candidate(s, remaining.get(s.rec.id))], reservation: spec.reservation, count: 1,
        checks: [statusCheck, agentCheck, resourceCheck],
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
    const t = launchTxn(ctx, spec, snap, placements, remaining);
    return { txn: { compare: t.compare, success: t.success }, result: { tasks: t.tasks, failures } };
  });
  if (res.tasks?.length) ctx.log.info('tasks started', { cluster, taskDefinition: spec.td.taskDefinitionArn, count: res.tasks.length });
  return res;
}

