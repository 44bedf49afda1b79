// Tasks: RunTask (placement), StartTask (on named instances), StopTask, DescribeTasks, ListTasks, and
// applyTaskReport, through which the agent stream moves tasks forward.
//
// A launch reads a snapshot of the cluster's instances (with their modRevisions) and the agent
// sessions, places the tasks with core placeTasks, and commits ONE transaction that compares every
// chosen instance record and writes: the instances' new remainingResources, the task records, one
// assignment record per task (the agent's session watches those) and the clientToken record. A
// conflict means another launch or a stopping task changed an instance: re-read, re-place, retry. So two
// replicas can never oversubscribe an instance, and a clientToken maps to one set of tasks.
import { randomBytes, randomUUID } from 'node:crypto';
import {
  BerthError, CONTAINER_MEMORY_MIN, MAX_PLACEMENT_CONSTRAINTS, TASK_CPU_MAX, TASK_CPU_MIN, agentCheck, applyReport,
  checkPlacementConstraints, checkRunnable, checkPlacementStrategies, checkTags, clientError, clusterName, giveBack, invalid, newTask,
  parseArn, parseCpu, parseMemory, parseTaskDefinitionRef, placeTasks, resourceCheck, resourceId, statusCheck,
  stopTask as stopTaskCore, taskArn, taskReservation,
  type DescribeTasksRequest, type DescribeTasksResponse, type Failure, type LaunchType, type ListTasksRequest,
  type ListTasksResponse, type PlacementCandidate, type PlacementConstraint, type PlacementResult,
  type PlacementStrategy, type Reservation, type Resource, type RunTaskRequest, type RunTaskResponse,
  type StartTaskRequest, type StartTaskResponse, type StopTaskRequest, type StopTaskResponse, type Tag, type Task,
  type TaskDefinition, type TaskDefinitionPlacementConstraint, type TaskOverride, type TaskStateReport, type TaskStopCode,
} from '@berth/core';
import type { Op, Compare, Store } from '@berth/store';
import type { ServerContext } from '../context.js';
import type { AssignmentRecord, ClientTokenRecord, TaskRecord } from '../records.js';
import {
  assignmentKey, clientTokenKey, clusterKey, instanceKey, instancesPrefix, revisionKey, revisionsPrefix, serviceKey,
  sessionKey, taskKey, tasksPrefix,
} from '../keys.js';
import { canonicalHash, commitWithRetry, decode, getJSON, json, listJSON, rangeAll } from '../json-store.js';
import { decodeToken, encodeToken, pageSize } from '../pagination.js';
import { activeCluster, clusterNotFound } from './clusters.js';
import { groupCounts, instanceRefId, type StoredInstance } from './container-instances.js';
import type { RevisionRecord } from './task-definitions.js';
import { instanceEventOps, taskEventOps } from '../events/publish.js';

export const RUN_TASK_MAX = 10;
const DESCRIBE_MAX = 100;
const STARTED_BY_MAX = 128;
const GROUP_MAX = 255;
const STOP_REASON_MAX = 255;
const CLIENT_TOKEN = /^[\x21-\x7e]{1,64}$/;
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

// --- references -----------------------------------------------------------------------------------------

/**
 * The task id a reference names in `cluster`: a bare id, or an ARN `...:task/<cluster>/<id>`. null when the
 * ARN names another cluster; InvalidParameterException on `field` when it is not a task ARN at all.
 */
export function taskRefId(ref: string, cluster: string, field = 'task'): string | null {
  if (typeof ref !== 'string' || ref === '') throw invalid(field, `${field}: Task Identifier is invalid (empty).`);
  if (!ref.startsWith('arn:')) {
    if (ref.includes('/')) throw invalid(field, `${field}: Task Identifier is invalid ('${ref}').`);
    return ref;
  }
  const a = parseArn(ref);
  if (a === null || a.service !== 'ecs' || a.resourceType !== 'task') throw invalid(field, `${field}: Task Identifier is invalid ('${ref}' is not a task ARN).`);
  const parts = a.resource.split('/');
  if (parts.length === 2 && parts[0] !== cluster) return null;
  return resourceId(a.resource);
}

/** Cluster and id of a task ARN (the agent's reports name tasks by ARN). */
export function parseTaskArn(arn: string): { cluster: string; id: string } | null {
  const a = parseArn(arn);
  if (a === null || a.resourceType !== 'task') return null;
  const parts = a.resource.split('/');
  return parts.length === 2 && parts[0] && parts[1] ? { cluster: parts[0], id: parts[1] } : null;
}

async function clusterExists(ctx: ServerContext, cluster: string): Promise<void> {
  if ((await ctx.store.get(clusterKey(cluster))) === null) throw clusterNotFound();
}

/** The task as Describe shows it: tags only when asked for. */
function present(task: Task, withTags: boolean): Task {
  if (withTags) return { ...task, tags: task.tags ?? [] };
  const { tags: _t, ...rest } = task;
  return rest;
}

// --- task definitions -----------------------------------------------------------------------------------

/** The revision a reference names, which must be ACTIVE (a bare family means its latest ACTIVE revision). */
export async function activeTaskDefinition(ctx: ServerContext, ref: string): Promise<RevisionRecord> {
  const { family, revision } = parseTaskDefinitionRef(ref, 'taskDefinition');
  if (revision !== undefined) {
    const rec = await getJSON<RevisionRecord>(ctx.store, revisionKey(family, revision));
    if (!rec) throw clientError('taskDefinition: Unable to describe task definition.', 'taskDefinition');
    if (rec.value.taskDefinition.status !== 'ACTIVE') {
      throw clientError(`taskDefinition: ${family}:${revision} is ${rec.value.taskDefinition.status}; tasks can only be started from an ACTIVE revision.`, 'taskDefinition');
    }
    return rec.value;
  }
  const page = await ctx.store.range(revisionsPrefix(family));
  for (let i = page.kvs.length - 1; i >= 0; i--) {
    const rec = decode<RevisionRecord>(page.kvs[i]!);
    if (rec.taskDefinition.status === 'ACTIVE') return rec;
  }
  throw clientError('taskDefinition: Unable to describe task definition.', 'taskDefinition');
}

/** Task definitions are immutable in what tasks read (containers); cached per store by ARN. */
const tdCache = new WeakMap<Store, Map<string, TaskDefinition>>();

async function taskDefinitionOf(ctx: ServerContext, arn: string): Promise<TaskDefinition | undefined> {
  let cache = tdCache.get(ctx.store);
  if (!cache) tdCache.set(ctx.store, (cache = new Map()));
  const hit = cache.get(arn);
  if (hit) return hit;
  const { family, revision } = parseTaskDefinitionRef(arn);
  const rec = revision !== undefined ? await getJSON<RevisionRecord>(ctx.store, revisionKey(family, revision)) : null;
  if (!rec) return undefined;
  if (cache.size > 1000) cache.clear();
  cache.set(arn, rec.value.taskDefinition);
  return rec.value.taskDefinition;
}

// --- request validation (everything before any read, so bad input writes nothing) ------------------------

type LaunchRequest = RunTaskRequest | StartTaskRequest;

function checkLaunchType(req: RunTaskRequest): 'EC2' | 'EXTERNAL' {
  if (req.capacityProviderStrategy !== undefined && req.capacityProviderStrategy.length > 0) {
    if (req.launchType !== undefined) {
      throw invalid('capacityProviderStrategy', 'capacityProviderStrategy: Specify either Launch Type or Capacity Provider Strategy, but not both.');
    }
    throw invalid('capacityProviderStrategy', 'capacityProviderStrategy: capacity providers are not supported by Berth; use launchType EC2 or EXTERNAL.');
  }
  const lt = req.launchType ?? 'EC2';
  if (lt !== 'EC2' && lt !== 'EXTERNAL') {
    throw invalid('launchType', `launchType: Berth runs EC2 and EXTERNAL tasks on its own container instances; ${lt} is not available.`);
  }
  return lt;
}

/** Strategies and constraints as far as they can be checked without the task definition. */
function checkPlacementArgs(req: RunTaskRequest): void {
  checkPlacementStrategies('placementStrategy', req.placementStrategy);
  checkPlacementConstraints('placementConstraints', req.placementConstraints);
}

function checkCommon(req: LaunchRequest): void {
  if (req.startedBy !== undefined && (req.startedBy.length === 0 || req.startedBy.length > STARTED_BY_MAX)) {
    throw invalid('startedBy', `startedBy: must be 1 to ${STARTED_BY_MAX} characters (${req.startedBy.length} given).`);
  }
  if (req.group !== undefined && (req.group.length === 0 || req.group.length > GROUP_MAX)) {
    throw invalid('group', `group: must be 1 to ${GROUP_MAX} characters (${req.group.length} given).`);
  }
  if (req.tags !== undefined) checkTags('tags', req.tags);
  if (req.enableExecuteCommand === true) {
    throw invalid('enableExecuteCommand', 'enableExecuteCommand: ECS Exec is not supported by Berth yet.');
  }
  if (req.propagateTags === 'SERVICE') {
    throw invalid('propagateTags', 'propagateTags: SERVICE applies to tasks started by a service; use TASK_DEFINITION or NONE.');
  }
  if (req.volumeConfigurations !== undefined && req.volumeConfigurations.length > 0) {
    throw invalid('volumeConfigurations', 'volumeConfigurations: Amazon EBS volumes configured at launch are not supported by Berth.');
  }
  const o = req.overrides;
  if (o === undefined) return;
  if (o.cpu !== undefined) {
    const cpu = parseCpu(o.cpu, 'overrides.cpu');
    if (cpu < TASK_CPU_MIN || cpu > TASK_CPU_MAX) throw invalid('overrides.cpu', `overrides.cpu: must be between ${TASK_CPU_MIN} and ${TASK_CPU_MAX} CPU units (${cpu} given).`);
  }
  if (o.memory !== undefined) {
    const mem = parseMemory(o.memory, 'overrides.memory');
    if (mem < CONTAINER_MEMORY_MIN) throw invalid('overrides.memory', `overrides.memory: must be at least ${CONTAINER_MEMORY_MIN} MiB (${mem} given).`);
  }
  if (o.inferenceAcceleratorOverrides !== undefined && o.inferenceAcceleratorOverrides.length > 0) {
    throw invalid('overrides.inferenceAcceleratorOverrides', 'overrides.inferenceAcceleratorOverrides: inference accelerators are not supported by Berth.');
  }
  if (o.ephemeralStorage !== undefined) {
    throw invalid('overrides.ephemeralStorage', 'overrides.ephemeralStorage: applies to Fargate tasks only.');
  }
  o.containerOverrides?.forEach((c, i) => {
    const f = `overrides.containerOverrides[${i}]`;
    if (c.name === undefined || c.name === '') throw invalid(`${f}.name`, `${f}.name: required (the name of a container in the task definition).`);
    if (c.cpu !== undefined && c.cpu < 0) throw invalid(`${f}.cpu`, `${f}.cpu: must be 0 or more CPU units (${c.cpu} given).`);
    if (c.memory !== undefined && c.memory < CONTAINER_MEMORY_MIN) {
      throw invalid(`${f}.memory`, `${f}.memory: must be at least ${CONTAINER_MEMORY_MIN} MiB (${c.memory} given).`);
    }
    if (c.memoryReservation !== undefined && c.memoryReservation < 1) {
      throw invalid(`${f}.memoryReservation`, `${f}.memoryReservation: must be greater than 0 MiB (${c.memoryReservation} given).`);
    }
    if (c.resourceRequirements !== undefined && c.resourceRequirements.length > 0) {
      throw invalid(`${f}.resourceRequirements`, `${f}.resourceRequirements: GPU and accelerator requirements are not supported by Berth.`);
    }
  });
}

/** The rules that need the task definition: what Berth runs (awsvpc, EFS...), its constraints, override names and limits. */
function checkAgainstTaskDefinition(req: LaunchRequest, td: TaskDefinition, launchType: LaunchType): void {
  const name = `${td.family}:${td.revision}`;
  checkRunnable(td);
  if (req.networkConfiguration !== undefined) {
    throw invalid('networkConfiguration', `networkConfiguration: Network Configuration is not valid for the given networkMode (${td.networkMode}) of this task definition.`);
  }
  const tdConstraints = td.placementConstraints ?? [];
  const reqConstraints = 'placementConstraints' in req ? req.placementConstraints ?? [] : [];
  if (tdConstraints.length + reqConstraints.length > MAX_PLACEMENT_CONSTRAINTS) {
    checkPlacementConstraints('placementConstraints', reqConstraints, tdConstraints);
  }
  if (launchType === 'EXTERNAL' && td.compatibilities !== undefined && !td.compatibilities.includes('EXTERNAL')) {
    throw invalid('launchType', `launchType: ${name} is not compatible with EXTERNAL.`);
  }
  const defs = td.containerDefinitions ?? [];
  const o = req.overrides;
  const seen = new Map<string, number>();
  o?.containerOverrides?.forEach((c, i) => {
    const f = `overrides.containerOverrides[${i}].name`;
    if (!defs.some((d) => d.name === c.name)) throw invalid(f, `${f}: '${c.name}' is not a container of ${name} (${defs.map((d) => d.name).join(', ')}).`);
    const prev = seen.get(c.name!);
    if (prev !== undefined) throw invalid(f, `${f}: '${c.name}' is overridden twice (also overrides.containerOverrides[${prev}]).`);
    seen.set(c.name!, i);
  });
  const taskMemory = o?.memory !== undefined ? parseMemory(o.memory, 'overrides.memory') : td.memory !== undefined ? parseMemory(td.memory) : undefined;
  for (const d of defs) {
    const i = o?.containerOverrides?.findIndex((c) => c.name === d.name) ?? -1;
    const co = i >= 0 ? o!.containerOverrides![i]! : undefined;
    const memory = co?.memory ?? d.memory;
    const res = co?.memoryReservation ?? d.memoryReservation;
    const f = i >= 0 ? `overrides.containerOverrides[${i}]` : 'overrides';
    if (memory !== undefined && res !== undefined && memory < res) {
      throw invalid(`${f}.memory`, `${f}.memory: container '${d.name}' would get memory ${memory} MiB below its memoryReservation ${res} MiB.`);
    }
    if (taskMemory !== undefined && memory !== undefined && memory > taskMemory) {
      const field = co?.memory !== undefined ? `${f}.memory` : 'overrides.memory';
      throw invalid(field, `${field}: container '${d.name}' memory ${memory} MiB exceeds the task memory ${taskMemory} MiB.`);
    }
    if (taskMemory === undefined && memory === undefined && res === undefined) {
      throw invalid('overrides.memory', `overrides.memory: container '${d.name}' would have no memory setting.`);
    }
  }
}

function checkClientToken(token: string): void {
  if (!CLIENT_TOKEN.test(token)) {
    throw invalid('clientToken', 'clientToken: must be 1 to 64 printable ASCII characters without spaces.');
  }
}

/** Canonical JSON (sorted keys) of the request minus clientToken, hashed: what a retry must repeat. */
function requestHash(req: RunTaskRequest, cluster: string): string {
  const { clientToken: _t, ...rest } = req;
  return canonicalHash({ ...rest, cluster, count: req.count ?? 1 });
}

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

// --- StopTask / DescribeTasks / ListTasks ---------------------------------------------------------------

export async function stopTask(ctx: ServerContext, req: StopTaskRequest): Promise<StopTaskResponse> {
  const cluster = clusterName(req.cluster);
  if (req.reason !== undefined && req.reason.length > STOP_REASON_MAX) {
    throw invalid('reason', `reason: at most ${STOP_REASON_MAX} characters (${req.reason.length} given).`);
  }
  const id = taskRefId(req.task, cluster);
  await clusterExists(ctx, cluster);
  const notFound = () => invalid('task', 'The referenced task was not found.');
  if (id === null) throw notFound();
  const task = await requestTaskStop(ctx, cluster, id, req.reason);
  if (!task) throw notFound();
  return { task };
}

/**
 * StopTask's write, for callers inside the control plane too (the service scheduler, with its stopCode;
 * a leader's fence comes through its store): the task's desiredStatus STOPPED and its assignment
 * rewritten, in one transaction. null when the task does not exist.
 */
export async function requestTaskStop(ctx: ServerContext, cluster: string, id: string, reason: string | undefined,
  opts: { stopCode?: TaskStopCode } = {}): Promise<Task | null> {
  const key = taskKey(cluster, id);
  const task = await commitWithRetry<{ task: Task | null; changed: boolean }>(ctx.store, async () => {
    const kv = await ctx.store.get(key);
    if (!kv) return { txn: noWrite, result: { task: null, changed: false } };
    const rec = decode<TaskRecord>(kv);
    const next = stopTaskCore(rec.task, reason, ctx.now(), opts.stopCode);
    if (next === rec.task) return { txn: noWrite, result: { task: rec.task, changed: false } };
    const assignment: AssignmentRecord = { cluster, taskId: id, desiredStatus: 'STOPPED' };
    return {
      txn: {
        compare: [{ key, modRevision: kv.modRevision }],
        success: [
          { put: key, value: json({ ...rec, task: next }) },
          // The agent's session watches the assignment: rewriting it delivers the stop.
          { put: assignmentKey(rec.containerInstanceId, id), value: json(assignment) },
          ...taskEventOps(ctx, cluster, next, rec.task),
        ],
      },
      result: { task: next, changed: true },
    };
  });
  if (task.changed) ctx.log.info('task stop requested', { cluster, task: id, ...(opts.stopCode ? { stopCode: opts.stopCode } : {}) });
  return task.task;
}

export async function describeTasks(ctx: ServerContext, req: DescribeTasksRequest): Promise<DescribeTasksResponse> {
  const cluster = clusterName(req.cluster);
  const refs = req.tasks ?? [];
  if (refs.length === 0) throw invalid('tasks', 'tasks: Tasks cannot be empty.');
  if (refs.length > DESCRIBE_MAX) throw invalid('tasks', `tasks: at most ${DESCRIBE_MAX} per call (${refs.length} given).`);
  const ids = refs.map((ref, i) => taskRefId(ref, cluster, `tasks[${i}]`));
  await clusterExists(ctx, cluster);
  const withTags = req.include?.includes('TAGS') ?? false;
  const recs = await Promise.all(ids.map((id) => (id === null ? null : getJSON<TaskRecord>(ctx.store, taskKey(cluster, id)))));
  const tasks: Task[] = [];
  const failures: Failure[] = [];
  recs.forEach((rec, i) => {
    if (rec) tasks.push(present(rec.value.task, withTags));
    else failures.push({ arn: refs[i]!.startsWith('arn:') ? refs[i]! : taskArn(ctx.identity, cluster, refs[i]!), reason: 'MISSING' });
  });
  return { tasks, failures };
}

const familyOf = (tdArn: string | undefined) => (tdArn ? parseTaskDefinitionRef(tdArn).family : undefined);

export async function listTasks(ctx: ServerContext, req: ListTasksRequest): Promise<ListTasksResponse> {
  const cluster = clusterName(req.cluster);
  const limit = pageSize(req.maxResults);
  const desired = req.desiredStatus ?? 'RUNNING';
  const instanceId = req.containerInstance !== undefined ? instanceRefId(req.containerInstance, cluster) : undefined;
  const prefix = tasksPrefix(cluster);
  let after = decodeToken(req.nextToken, prefix);
  await clusterExists(ctx, cluster);
  if (req.serviceName !== undefined && (await ctx.store.get(serviceKey(cluster, req.serviceName))) === null) {
    throw new BerthError('ServiceNotFoundException', 'Service not found.', 'serviceName');
  }
  // A service's tasks carry group service:<name> (a daemon's, later, daemon:<name>).
  const group = req.serviceName !== undefined ? `service:${req.serviceName}` : req.daemonName !== undefined ? `daemon:${req.daemonName}` : undefined;
  const keep = (r: TaskRecord) =>
    r.task.desiredStatus === desired &&
    (instanceId === undefined || r.containerInstanceId === instanceId) &&
    (req.family === undefined || familyOf(r.task.taskDefinitionArn) === req.family) &&
    (req.startedBy === undefined || r.task.startedBy === req.startedBy) &&
    (req.launchType === undefined || r.task.launchType === req.launchType) &&
    (group === undefined || r.task.group === group);
  const taskArns: string[] = [];
  // PENDING never matches (desiredStatus is never PENDING); an instance ARN of another cluster matches nothing.
  if (desired === 'PENDING' || instanceId === null) return { taskArns };
  for (;;) {
    const page = await ctx.store.range(prefix, { limit: 500, ...(after ? { after } : {}) });
    for (const [i, kv] of page.kvs.entries()) {
      const r = decode<TaskRecord>(kv);
      after = kv.key;
      if (!keep(r)) continue;
      taskArns.push(r.task.taskArn!);
      if (taskArns.length >= limit) {
        const more = page.more || i < page.kvs.length - 1;
        return more ? { taskArns, nextToken: encodeToken(after) } : { taskArns };
      }
    }
    if (!page.more || page.kvs.length === 0) return { taskArns };
  }
}

// --- agent reports --------------------------------------------------------------------------------------

/** A stand-in when a task's definition is gone: every container essential (ECS's default). */
function fallbackDefinition(task: Task): TaskDefinition {
  return { containerDefinitions: (task.containers ?? []).map((c) => ({ name: c.name!, image: c.image!, essential: true })) };
}

/**
 * Applies an agent's report to its task, once committed: the task must be on `instanceId` and the
 * report newer than the last applied (counter), else it is ignored (applied: false). A task reaching
 * STOPPED gives its reservation back to the instance and loses its assignment in the same transaction;
 * a task whose desiredStatus changed (an essential container exited) gets its assignment rewritten.
 */
export async function applyTaskReport(ctx: ServerContext, instanceId: string, report: TaskStateReport): Promise<{ applied: boolean }> {
  const ref = parseTaskArn(report.taskArn);
  if (!ref) {
    ctx.log.warn('report for an unparsable task ARN ignored', { instance: instanceId, task: report.taskArn });
    return { applied: false };
  }
  const key = taskKey(ref.cluster, ref.id);
  type Outcome = { applied: boolean; from?: string; to?: string };
  const ignored = { txn: noWrite, result: { applied: false } };
  const res = await commitWithRetry<Outcome>(ctx.store, async () => {
    const kv = await ctx.store.get(key);
    if (!kv) return ignored;
    const rec = decode<TaskRecord>(kv);
    if (rec.containerInstanceId !== instanceId) {
      ctx.log.warn('report from an instance the task is not on ignored', { instance: instanceId, task: report.taskArn, taskInstance: rec.containerInstanceId });
      return ignored;
    }
    if (report.counter <= rec.reportCounter) return ignored;
    const td = (await taskDefinitionOf(ctx, rec.task.taskDefinitionArn!)) ?? fallbackDefinition(rec.task);
    const task = applyReport(rec.task, report, ctx.now(), td);
    const compare: Compare[] = [{ key, modRevision: kv.modRevision }];
    const success: Op[] = [{ put: key, value: json({ ...rec, task, reportCounter: report.counter } satisfies TaskRecord) }, ...taskEventOps(ctx, ref.cluster, task, rec.task)];
    const akey = assignmentKey(instanceId, ref.id);
    if (rec.task.lastStatus !== 'STOPPED' && task.lastStatus === 'STOPPED') {
      const ikey = instanceKey(ref.cluster, instanceId);
      const ikv = await ctx.store.get(ikey);
      if (ikv) {
        const inst = decode<StoredInstance>(ikv);
        const remainingResources = giveBack(inst.instance.remainingResources ?? [], rec.reservation, inst.instance.registeredResources);
        let taskGroups = inst.taskGroups;
        if (taskGroups !== undefined) {
          const g = rec.task.group ?? '';
          taskGroups = { ...taskGroups };
          if ((taskGroups[g] ?? 0) > 1) taskGroups[g]!--;
          else delete taskGroups[g];
        }
        const instance = { ...inst.instance, remainingResources, version: (inst.instance.version ?? 0) + 1 };
        compare.push({ key: ikey, modRevision: ikv.modRevision });
        // The report came over the instance's session: its agent is connected.
        success.push({ put: ikey, value: json({ ...inst, ...(taskGroups ? { taskGroups } : {}), instance }) }, ...instanceEventOps(ctx, ref.cluster, instance, true));
      }
      success.push({ delete: akey });
    } else if (task.desiredStatus !== rec.task.desiredStatus) {
      const assignment: AssignmentRecord = { cluster: ref.cluster, taskId: ref.id, desiredStatus: task.desiredStatus! };
      success.push({ put: akey, value: json(assignment) });
    }
    return { txn: { compare, success }, result: { applied: true, from: rec.task.lastStatus, to: task.lastStatus } };
  }, { onCommitted: (revision, txn) => ctx.instances?.observe(revision, txn.success) });
  if (res.applied && res.from !== res.to) ctx.log.info('task state changed', { cluster: ref.cluster, task: ref.id, lastStatus: res.to });
  return { applied: res.applied };
}
