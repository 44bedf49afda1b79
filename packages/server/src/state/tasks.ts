// Tasks: one record per task (`tasks/CLUSTER/ID`: the ECS Task as DescribeTasks shows it, its reservation
// and the last report counter applied), and beside it, written in the same transaction by taskOps() and
// removed with it by taskDeleteOps(), the indexes every reader pages instead of scanning the cluster:
//
//   tasks-by-status/CLUSTER/LASTSTATUS/INSTANCE/ID   value: {d: desiredStatus, f: family, l: launchType,
//                                                    s: startedBy, g: group}, what ListTasks filters on
//       The one definition of runningTasksCount and pendingTasksCount (ECS's: lastStatus RUNNING, resp.
//       PENDING): an instance's counts are two count-only ranges bounded by that instance's tasks; the
//       instance informer keeps them from a watch of this prefix for placement; the leader aggregates a
//       cluster's for DescribeClusters. Also: an instance's live tasks (re-registration, deregistration),
//       "any live task" for DeleteCluster, and ListTasks' pages (with a container instance or not).
//   tasks-by-taskdef/FAMILY/REVISION/CLUSTER/ID      whether a revision is still referenced (retention
//                                                    of DELETE_IN_PROGRESS revisions)
//   tasks-by-service/CLUSTER/SERVICE/live|stopped/ID a service's tasks (value: as above): its reconcile
//                                                    reads the live ones, ListTasks by serviceName both
//   tasks-by-status/CLUSTER/PROVISIONING/PROVIDER/ID a task of a capacity provider waiting for capacity
//                                                    (no instance yet: the provider holds the instance's
//                                                    place), so a provider's waiting tasks are one range
//   tasks-provisioning-since/MS/CLUSTER/PROVIDER/ID  the same tasks by creation time, value: their
//                                                    reservation {c: cpu, m: memory}: the provisioner's
//                                                    informer (capacity/provisioner.ts) lists and watches it
//   tasks-stopped-at/MS/CLUSTER/ID                   STOPPED tasks by stop time: the retention sweep reads
//                                                    the oldest page and stops at the window
//   service-stops/CLUSTER/SERVICE/ID                 a service task that reached STOPPED and that its
//                                                    reconcile has not yet taken into account (an inbox:
//                                                    the services controller deletes what it consumed)
//
// Index keys are written once per state (a status change deletes one key and creates another), so a
// watcher reads a put of version 1 as "one more" and a delete as "one less".
import {
  parseTaskDefinitionRef, type PlacementConstraint, type PlacementStrategy, type Reservation, type Task, type TaskDefinitionPlacementConstraint,
} from '@berth/core';
import { TXN_MAX_OPS, type KeyValue, type Op, type Store } from '@berth/store';
import { ROOT, decode, getJSON, json, lastSegment, type Versioned } from './kit.js';
import { assignmentDeleteOp } from './assignments.js';

export const TASKS_ROOT = ROOT + 'tasks/';
export const tasksPrefix = (cluster: string) => `${TASKS_ROOT}${cluster}/`;
export const taskKey = (cluster: string, id: string) => `${tasksPrefix(cluster)}${id}`;

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
  /** Scale-in protection (UpdateTaskProtection, the agent's task-protection endpoint) until then, epoch seconds. */
  protection?: { expiresAt: number };
  /**
   * A PROVISIONING task's placement (its containerInstanceId is ''): the constraints (the task
   * definition's, the request's and its capacity provider's) and strategies it is placed with once a
   * machine of its provider has room. Dropped when it is placed.
   */
  waiting?: { constraints: (PlacementConstraint | TaskDefinitionPlacementConstraint)[]; strategies: PlacementStrategy[] };
}

/** The lastStatus values Berth's tasks take, in key order: each is a bucket of the status index. */
export const TASK_STATUSES = ['PENDING', 'PROVISIONING', 'RUNNING', 'STOPPED'] as const;
/** The buckets of tasks not STOPPED. */
export const LIVE_TASK_STATUSES = ['PENDING', 'PROVISIONING', 'RUNNING'] as const;

export const TASKS_BY_STATUS_ROOT = ROOT + 'tasks-by-status/';
/** A cluster's tasks of one lastStatus, optionally on one instance. */
export const tasksByStatusPrefix = (cluster: string, status: string, instanceId?: string) =>
  `${TASKS_BY_STATUS_ROOT}${cluster}/${status}/${instanceId !== undefined ? instanceId + '/' : ''}`;
const BY_TASKDEF = ROOT + 'tasks-by-taskdef/';
const revisionTasksPrefix = (family: string, revision: number) => `${BY_TASKDEF}${family}/${String(revision).padStart(10, '0')}/`;
/**
 * A service's tasks by service (what the services controller watches: every change its scheduler decides
 * on rewrites the entry, see ServiceTaskListing, so it need not watch every task record of every cluster).
 */
export const TASKS_BY_SERVICE_ROOT = ROOT + 'tasks-by-service/';
const BY_SERVICE = TASKS_BY_SERVICE_ROOT;
/** A service's tasks that are not STOPPED ('live') or are ('stopped'). */
export const serviceTasksPrefix = (cluster: string, service: string, bucket: 'live' | 'stopped') => `${BY_SERVICE}${cluster}/${service}/${bucket}/`;
/** Cluster and service of a service index key. */
export function parseServiceTaskKey(key: string): { cluster: string; service: string; id: string } | undefined {
  if (!key.startsWith(BY_SERVICE)) return undefined;
  const [cluster, service, , id] = key.slice(BY_SERVICE.length).split('/');
  return cluster && service && id ? { cluster, service, id } : undefined;
}
const STOPPED_AT = ROOT + 'tasks-stopped-at/';
export const PROVISIONING_SINCE_ROOT = ROOT + 'tasks-provisioning-since/';
/** A capacity provider's tasks waiting for capacity in a cluster (the PROVISIONING bucket, by provider). */
export const provisioningTasksPrefix = (cluster: string, provider: string) => tasksByStatusPrefix(cluster, 'PROVISIONING', provider);
const SERVICE_STOPS = ROOT + 'service-stops/';
export const serviceStopsPrefix = (cluster: string, service: string) => `${SERVICE_STOPS}${cluster}/${service}/`;
const serviceStopKey = (cluster: string, service: string, id: string) => `${serviceStopsPrefix(cluster, service)}${id}`;

/** What the status index holds of a task: what ListTasks filters on, so a page needs no record reads. */
export interface TaskListing {
  /** desiredStatus */
  d: string;
  /** task definition family */
  f: string;
  /** launchType */
  l: string;
  /** startedBy */
  s?: string;
  /** group */
  g?: string;
}

/**
 * The service index's entry: the listing and what the service scheduler decides on that a task's report or
 * UpdateTaskProtection changes without moving it between buckets (lastStatus, health, protection), so
 * each such change rewrites this small key and the services controller hears of it from this index alone.
 */
export interface ServiceTaskListing extends TaskListing {
  /** lastStatus (ACTIVATING, DEACTIVATING and STOPPING too, which the status index files as RUNNING) */
  ls: string;
  /** healthStatus, when reported */
  h?: string;
  /** scale-in protection's expiry, epoch seconds */
  p?: number;
}

export interface IndexEntry {
  key: string;
  value: string;
}

/** The service a task belongs to (group service:NAME), if any. */
export const serviceOf = (task: Task): string | undefined => (task.group?.startsWith('service:') ? task.group.slice('service:'.length) : undefined);

function statusOf(task: Task): string {
  // A task deactivating behind a load balancer, or stopping after, still runs its containers.
  const s = task.lastStatus === 'DEACTIVATING' || task.lastStatus === 'STOPPING' ? 'RUNNING' : task.lastStatus ?? 'PENDING';
  if (!(TASK_STATUSES as readonly string[]).includes(s)) {
    throw new Error(`task ${task.taskArn}: lastStatus ${s} has no bucket in the task status index (${TASK_STATUSES.join(', ')})`);
  }
  return s;
}

/**
 * What taskIndexEntries may reuse from the record before when it computes the record after (taskOps: a write
 * changes a task's status or times, rarely its definition or the members its listings hold): the parsed
 * definition ARN and the listing's text for the same inputs.
 */
export interface EntriesMemo {
  arn?: string;
  family?: string;
  revision?: number;
  listing?: { d: string; f: string; l: string; s: string | undefined; g: string | undefined; text: string };
}

/** The index entries a task record implies: the one definition the writers, the migration and the checks share. */
export function taskIndexEntries(r: TaskRecord, memo: EntriesMemo = {}): IndexEntry[] {
  const t = r.task;
  const status = statusOf(t);
  const arn = t.taskDefinitionArn!;
  if (memo.family === undefined || memo.arn !== arn) {
    const ref = parseTaskDefinitionRef(arn);
    memo.arn = arn;
    memo.family = ref.family;
    memo.revision = ref.revision;
  }
  const family = memo.family!;
  const revision = memo.revision;
  const d = t.desiredStatus ?? 'RUNNING';
  const l = t.launchType ?? 'EC2';
  let m = memo.listing;
  if (m === undefined || m.d !== d || m.f !== family || m.l !== l || m.s !== t.startedBy || m.g !== t.group) {
    const listing: TaskListing = {
      d, f: family, l,
      ...(t.startedBy !== undefined ? { s: t.startedBy } : {}), ...(t.group !== undefined ? { g: t.group } : {}),
    };
    m = memo.listing = { d, f: family, l, s: t.startedBy, g: t.group, text: json(listing) };
  }
  const listingText = m.text;
  const provisioning = status === 'PROVISIONING';
  const out: IndexEntry[] = [
    { key: `${tasksByStatusPrefix(r.cluster, status, provisioning ? t.capacityProviderName ?? '' : r.containerInstanceId)}${r.id}`, value: listingText },
    { key: `${revisionTasksPrefix(family, revision ?? 0)}${r.cluster}/${r.id}`, value: '' },
  ];
  const service = serviceOf(t);
  if (service !== undefined) {
    // The listing's members, then the service's: the same text as a ServiceTaskListing's JSON.
    const entry: Omit<ServiceTaskListing, keyof TaskListing> = {
      ls: t.lastStatus ?? 'PENDING',
      ...(t.healthStatus !== undefined ? { h: t.healthStatus } : {}), ...(r.protection ? { p: r.protection.expiresAt } : {}),
    };
    out.push({ key: `${serviceTasksPrefix(r.cluster, service, status === 'STOPPED' ? 'stopped' : 'live')}${r.id}`, value: `${listingText.slice(0, -1)},${json(entry).slice(1)}` });
  }
  if (provisioning) {
    out.push({ key: `${PROVISIONING_SINCE_ROOT}${String(Math.round((t.createdAt ?? 0) * 1000)).padStart(15, '0')}/${r.cluster}/${t.capacityProviderName ?? ''}/${r.id}`, value: json({ c: r.reservation.cpu, m: r.reservation.memory }) });
  }
  if (status === 'STOPPED') out.push({ key: `${STOPPED_AT}${String(Math.round((t.stoppedAt ?? 0) * 1000)).padStart(15, '0')}/${r.cluster}/${r.id}`, value: '' });
  return out;
}

/**
 * A task record's JSON around its task's JSON (`taskJson`, when the caller encoded the task already for
 * its assignment): the task is most of a record, and a launch would otherwise encode it once per copy.
 */
export function taskRecordJson(r: TaskRecord, taskJson = json(r.task)): string {
  const { task: _task, ...rest } = r;
  return `${json(rest).slice(0, -1)},"task":${taskJson}}`;
}

/**
 * Writes a task record with its index entries: what `prev` implied and `next` does not is deleted, what
 * is new or changed is put. A service task that reaches STOPPED also lands in its service's stop inbox.
 * `taskJson`: next.task already encoded (see taskRecordJson).
 */
export function taskOps(next: TaskRecord, prev?: TaskRecord, taskJson?: string): Op[] {
  const ops: Op[] = [{ put: taskKey(next.cluster, next.id), value: taskRecordJson(next, taskJson) }];
  // prev's entries, then next's reusing what they share (a handful each: compared pairwise, no maps).
  const memo: EntriesMemo = {};
  const before = prev ? taskIndexEntries(prev, memo) : [];
  const after = taskIndexEntries(next, memo);
  for (const b of before) if (!after.some((a) => a.key === b.key)) ops.push({ delete: b.key });
  for (const a of after) if (!before.some((b) => b.key === a.key && b.value === a.value)) ops.push({ put: a.key, value: a.value });
  const service = serviceOf(next.task);
  if (service !== undefined && next.task.lastStatus === 'STOPPED' && prev?.task.lastStatus !== 'STOPPED') {
    ops.push({ put: serviceStopKey(next.cluster, service, next.id), value: '' });
  }
  return ops;
}

/** Removes a task with everything kept beside it (retention). */
export function taskDeleteOps(r: TaskRecord): Op[] {
  const ops: Op[] = [{ delete: taskKey(r.cluster, r.id) }, ...taskIndexEntries(r).map((e) => ({ delete: e.key })), assignmentDeleteOp(r.containerInstanceId, r.id)];
  const service = serviceOf(r.task);
  if (service !== undefined) ops.push({ delete: serviceStopKey(r.cluster, service, r.id) });
  return ops;
}

export function getTask(store: Store, cluster: string, id: string): Promise<Versioned<TaskRecord> | null> {
  return getJSON<TaskRecord>(store, taskKey(cluster, id));
}

/**
 * Several tasks of a cluster at once (null for those that do not exist): one getMany per TXN_MAX_OPS ids
 * (on etcd one request, where a get per task was a request each).
 */
export async function getTasks(store: Store, cluster: string, ids: readonly string[]): Promise<(Versioned<TaskRecord> | null)[]> {
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += TXN_MAX_OPS) chunks.push(ids.slice(i, i + TXN_MAX_OPS).map((id) => taskKey(cluster, id)));
  const read = await Promise.all(chunks.map((keys) => store.getMany(keys)));
  return read.flat().map((kv) => (kv ? { value: decode<TaskRecord>(kv), modRevision: kv.modRevision } : null));
}

/** An instance's runningTasksCount and pendingTasksCount: two count-only ranges over its own tasks. */
export async function instanceTaskCounts(store: Store, cluster: string, instanceId: string): Promise<{ running: number; pending: number }> {
  const [running, pending] = await Promise.all(['RUNNING', 'PENDING'].map((s) => store.range(tasksByStatusPrefix(cluster, s, instanceId), { countOnly: true })));
  return { running: running!.count ?? 0, pending: pending!.count ?? 0 };
}

/** The instance's tasks that are not STOPPED, with the revisions a write compares. */
export async function liveTasksOnInstance(store: Store, cluster: string, instanceId: string): Promise<Versioned<TaskRecord>[]> {
  const ids: string[] = [];
  for (const s of LIVE_TASK_STATUSES) {
    let after: string | undefined;
    for (;;) {
      const page = await store.range(tasksByStatusPrefix(cluster, s, instanceId), { limit: 500, ...(after ? { after } : {}) });
      ids.push(...page.kvs.map((kv) => lastSegment(kv.key)));
      if (!page.more || page.kvs.length === 0) break;
      after = page.kvs[page.kvs.length - 1]!.key;
    }
  }
  return (await getTasks(store, cluster, ids)).filter((t): t is Versioned<TaskRecord> => t !== null);
}

/** Whether the cluster has a task that is not STOPPED (one key per live status). */
export async function hasLiveTasks(store: Store, cluster: string): Promise<boolean> {
  for (const s of LIVE_TASK_STATUSES) if ((await store.range(tasksByStatusPrefix(cluster, s), { limit: 1 })).kvs.length > 0) return true;
  return false;
}

/** Whether any task still references the revision (one key). */
export async function revisionReferenced(store: Store, family: string, revision: number): Promise<boolean> {
  return (await store.range(revisionTasksPrefix(family, revision), { limit: 1 })).kvs.length > 0;
}

/** Cluster, lastStatus, instance and id of a status index key. */
export function parseStatusIndexKey(key: string): { cluster: string; status: string; instanceId: string; id: string } {
  const [cluster, status, instanceId, id] = key.slice(TASKS_BY_STATUS_ROOT.length).split('/');
  return { cluster: cluster!, status: status!, instanceId: instanceId!, id: id! };
}

export const decodeListing = (kv: KeyValue) => JSON.parse(kv.value.toString('utf8')) as TaskListing;

/** The ids of a service's live tasks (bounded by the service's size, not the cluster's). */
export async function liveServiceTaskIds(store: Store, cluster: string, service: string): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.range(serviceTasksPrefix(cluster, service, 'live'), { limit: 500, ...(after ? { after } : {}) });
    ids.push(...page.kvs.map((kv) => lastSegment(kv.key)));
    if (!page.more || page.kvs.length === 0) return ids;
    after = page.kvs[page.kvs.length - 1]!.key;
  }
}

/** Up to `limit` ids from the service's stop inbox. */
export async function serviceStops(store: Store, cluster: string, service: string, limit: number): Promise<{ ids: string[]; more: boolean }> {
  const page = await store.range(serviceStopsPrefix(cluster, service), { limit });
  return { ids: page.kvs.map((kv) => lastSegment(kv.key)), more: page.more };
}

export const serviceStopConsumedOp = (cluster: string, service: string, id: string): Op => ({ delete: serviceStopKey(cluster, service, id) });

/** Which of these tasks still wait in the service's stop inbox. */
export async function waitingInServiceInbox(store: Store, cluster: string, service: string, ids: readonly string[]): Promise<string[]> {
  const found = await Promise.all(ids.map(async (id) => ((await store.get(serviceStopKey(cluster, service, id))) ? id : null)));
  return found.filter((id): id is string => id !== null);
}

/** The oldest STOPPED tasks, up to `limit`, that stopped before `cutoffMs`: oldest first, with their index key. */
export async function stoppedBefore(store: Store, cutoffMs: number, limit: number): Promise<{ cluster: string; id: string; key: string }[]> {
  const page = await store.range(STOPPED_AT, { limit });
  const out: { cluster: string; id: string; key: string }[] = [];
  for (const kv of page.kvs) {
    const [ms, cluster, id] = kv.key.slice(STOPPED_AT.length).split('/');
    if (Number(ms) >= cutoffMs) break;
    out.push({ cluster: cluster!, id: id!, key: kv.key });
  }
  return out;
}

/** The prefixes of every task index (the consistency checks read them whole). */
export const TASK_INDEX_ROOTS = [TASKS_BY_STATUS_ROOT, BY_TASKDEF, BY_SERVICE, STOPPED_AT, PROVISIONING_SINCE_ROOT] as const;

/** A key of the provisioning-since index: when the task was created (ms), its cluster, provider and id. */
export function parseProvisioningKey(key: string): { sinceMs: number; cluster: string; provider: string; id: string } {
  const [ms, cluster, provider, id] = key.slice(PROVISIONING_SINCE_ROOT.length).split('/');
  return { sinceMs: Number(ms), cluster: cluster!, provider: provider!, id: id! };
}
export const SERVICE_STOPS_ROOT = SERVICE_STOPS;
