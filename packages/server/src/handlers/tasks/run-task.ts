// RunTask: each call's own checks first (its errors are its own), then the call joins its cluster's queue
// (run-queue.ts). A batch of queued calls is placed in order over one snapshot, each call seeing what the
// calls before it took, and committed in one transaction (as many calls as fit within the store's limits;
// the rest lead the next batch). A lost compare (another replica, a report, the service scheduler) re-places
// the whole batch; no call is answered before the transaction holding its tasks commits, so each call gets
// exactly its own tasks and failures, as ECS answers it, and nothing is lost or started twice.
import {
  BerthError, clusterName, invalid, resourceId, unsupportedFeature,
  type Failure, type RunTaskRequest, type RunTaskResponse, type Task,
} from '@berth/core';
import { TXN_MAX_BYTES, TXN_MAX_OPS, type Compare, type Op } from '@berth/store';
import type { ServerContext } from '../../context.js';
import { commitWithRetry } from '../../state/kit.js';
import { getTask } from '../../state/tasks.js';
import { clientTokenKey, clientTokenOps, getClientToken, type ClientTokenRecord } from '../../state/client-tokens.js';
import type { CachedInstance, InstanceSnapshot } from '../../informers/instances.js';
import { activeCluster } from '../clusters.js';
import { FARGATE_ONLY } from '../unbuilt.js';
import { activeTaskDefinition, present } from './references.js';
import { checkClientToken, checkCommon, checkLaunchType, checkPlacementArgs, requestHash } from './launch-checks.js';
import {
  CACHED_ATTEMPTS, RUN_TASK_MAX, clusterSnapshot, instanceWrite, launchSpec, newTaskWrite, place, placementFailures, withTasksTaken,
  type LaunchSpec, type Snap,
} from './launch-plan.js';
import { GroupQueue } from './run-queue.js';

/** ECS's ConflictException: a clientToken reused for a different request; resourceIds = its tasks. */
export class ConflictError extends BerthError {
  readonly resourceIds: string[];
  constructor(message: string, resourceIds: string[]) {
    super('ConflictException', message, 'clientToken', { resourceIds });
    this.resourceIds = resourceIds;
  }
}

/** A checked RunTask waiting for its batch. */
interface RunCall {
  spec: LaunchSpec;
  count: number;
  token?: string;
  hash: string;
  resolve(r: RunTaskResponse & { created: number }): void;
  reject(e: unknown): void;
}

/** What a batch decided for one call: its answer, settled once the batch's transaction commits. */
type Outcome = { call: RunCall; result: RunTaskResponse & { created: number } } | { call: RunCall; error: unknown };

interface Pass {
  outcomes: Outcome[];
  /** Calls left for the next batch: they did not fit, or an earlier call of this batch holds their token. */
  deferred: RunCall[];
  compare: Compare[];
  success: Op[];
}

// A transaction's room: the store's limits on each list, and its bytes counted as characters with room to
// spare for multi-byte text (as the report batches count them).
const CHARS_MAX = TXN_MAX_BYTES / 4;
const opChars = (ops: readonly (Op | Compare)[]) => ops.reduce((n, o) => n + ('put' in o ? o.put.length + o.value.length : 'delete' in o ? o.delete.length : 'key' in o ? o.key.length : 0), 0);

/** The queue of each server context (a context is one replica's). */
const queues = new WeakMap<ServerContext, GroupQueue<RunCall>>();
const queueOf = (ctx: ServerContext) => {
  let q = queues.get(ctx);
  if (!q) queues.set(ctx, (q = new GroupQueue<RunCall>((cluster, calls) => runBatch(ctx, cluster, calls))));
  return q;
};

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
  const res = await new Promise<RunTaskResponse & { created: number }>((resolve, reject) => {
    queueOf(ctx).add(cluster, { spec, count, hash: token !== undefined ? requestHash(req, cluster) : '', resolve, reject, ...(token !== undefined ? { token } : {}) });
  });
  if (res.created > 0) ctx.log.info('tasks started', { cluster, taskDefinition: spec.td.taskDefinitionArn, count: res.created, failures: res.failures?.length ?? 0 });
  return { tasks: res.tasks ?? [], failures: res.failures ?? [] };
}

/** Places and commits one batch of a cluster's calls; settles every call but those it hands back. Never rejects. */
async function runBatch(ctx: ServerContext, cluster: string, calls: RunCall[]): Promise<RunCall[]> {
  try {
    const pass = await commitWithRetry<Pass>(ctx.store, async (attempt) => {
      const p = await batchPass(ctx, cluster, calls, attempt);
      return { txn: { compare: p.compare, success: p.success }, result: p };
    }, { onCommitted: (revision, txn) => ctx.instances?.observe(revision, txn.success) });
    for (const o of pass.outcomes) {
      if ('error' in o) o.call.reject(o.error);
      else o.call.resolve(o.result);
    }
    return pass.deferred;
  } catch (e) {
    // The store failed or stayed contended: every call of the batch gets the error.
    for (const c of calls) c.reject(e);
    return [];
  }
}

/**
 * One attempt at a batch: each call's clientToken (a replay or a conflict answers it without placing),
 * then placement of the others in order over one snapshot. The cache is trusted to place, never to
 * refuse: when a call falls short on a cached snapshot, the whole pass is redone over the store itself.
 */
async function batchPass(ctx: ServerContext, cluster: string, calls: RunCall[], attempt: number): Promise<Pass> {
  const outcomes: Outcome[] = [];
  const deferred: RunCall[] = [];
  const toPlace: RunCall[] = [];
  const tokens = new Set<string>();
  const held = await Promise.all(calls.map((c) => (c.token !== undefined ? getClientToken(ctx.store, cluster, c.token) : null)));
  await Promise.all(calls.map(async (call, i) => {
    const rec = held[i]?.value;
    if (rec === undefined) return;
    if (rec.requestHash !== call.hash) {
      outcomes.push({ call, error: new ConflictError('The specified client token has already been used in a different request.', rec.taskArns) });
    } else {
      outcomes.push({ call, result: { ...(await replay(ctx, cluster, rec)), created: 0 } });
    }
  }));
  for (const [i, call] of calls.entries()) {
    if (held[i]) continue;
    if (call.token === undefined) toPlace.push(call);
    else if (tokens.has(call.token)) deferred.push(call);
    else {
      tokens.add(call.token);
      toPlace.push(call);
    }
  }
  const countsRunning = toPlace.some((c) => c.spec.countsRunning);
  let placed = placeInOrder(ctx, cluster, toPlace, await clusterSnapshot(ctx, cluster, countsRunning, attempt));
  if (placed.short && attempt < CACHED_ATTEMPTS && ctx.instances) placed = placeInOrder(ctx, cluster, toPlace, await clusterSnapshot(ctx, cluster, countsRunning));
  return { ...placed, outcomes: [...outcomes, ...placed.outcomes], deferred: [...deferred, ...placed.deferred] };
}

/**
 * Places `calls` one after the other over `view`, each over the instances as the calls before it left
 * them, until the transaction is full: the first call always goes (one call always fits), a later one that
 * does not fit is undone and it and the calls after it are deferred.
 */
function placeInOrder(ctx: ServerContext, cluster: string, calls: RunCall[], view: InstanceSnapshot) {
  const outcomes: Outcome[] = [];
  const deferred: RunCall[] = [];
  const taskCompare: Compare[] = [];
  const taskOps: Op[] = [];
  let chars = 0;
  let short = false;
  let placedAny = false;
  // The instances as placed so far: the snapshot with the records this batch changed, each with the Snap
  // it was read as (what the transaction compares) and its write.
  const working = [...view.instances];
  const at = new Map(working.map((c, i) => [c.rec.id, i]));
  const changed = new Map<string, { read: Snap; write: { compare: Compare[]; success: Op[] } }>();
  const now = ctx.now();
  for (const [n, call] of calls.entries()) {
    const { live, placed, visited } = place(call.spec, { ...view, instances: working }, call.count);
    if (placed.placements.length < call.count) short = true;
    if (live === 0) {
      outcomes.push({ call, error: new BerthError('InvalidParameterException', 'No Container Instances were found in your cluster.') });
      continue;
    }
    const failures = placementFailures(placed, visited);
    if (placed.placements.length === 0) {
      outcomes.push({ call, result: { tasks: [], failures, created: 0 } });
      continue;
    }
    // This call's writes: its instances' (replacing what earlier calls wrote of them), its tasks', its token's.
    const before = new Map<string, { read: Snap; write: { compare: Compare[]; success: Op[] } } | undefined>();
    const next: CachedInstance[] = [];
    for (const [id, rem] of placed.remaining) {
      const prior = changed.get(id);
      before.set(id, prior);
      const read = prior?.read ?? visited.get(id)!;
      const rec = withTasksTaken(call.spec, visited.get(id)!.rec, rem, placed.placements);
      changed.set(id, { read, write: instanceWrite(ctx, cluster, read, rec) });
      next.push({ rec, modRevision: read.modRevision });
    }
    const tasks: Task[] = [];
    const compare: Compare[] = [];
    const success: Op[] = [];
    for (const id of placed.placements) {
      const w = newTaskWrite(ctx, call.spec, visited.get(id)!, now);
      tasks.push(w.task);
      compare.push(...w.compare);
      success.push(...w.success);
    }
    if (call.token !== undefined) {
      compare.push({ key: clientTokenKey(cluster, call.token), modRevision: 0 });
      success.push(...clientTokenOps(cluster, call.token, { requestHash: call.hash, taskArns: tasks.map((x) => x.taskArn!), createdAt: now }));
    }
    const instanceOps = [...changed.values()].reduce((k, c) => k + c.write.success.length, 0);
    const callChars = opChars(compare) + opChars(success);
    const fits = taskOps.length + success.length + instanceOps <= TXN_MAX_OPS && taskCompare.length + compare.length + changed.size <= TXN_MAX_OPS
      && chars + callChars + [...changed.values()].reduce((k, c) => k + opChars(c.write.success) + opChars(c.write.compare), 0) <= CHARS_MAX;
    if (!fits && placedAny) {
      for (const [id, prior] of before) {
        if (prior) changed.set(id, prior);
        else changed.delete(id);
      }
      deferred.push(...calls.slice(n));
      break;
    }
    for (const c of next) working[at.get(c.rec.id)!] = c;
    taskCompare.push(...compare);
    taskOps.push(...success);
    chars += callChars;
    placedAny = true;
    outcomes.push({ call, result: { tasks, failures, created: tasks.length } });
  }
  const writes = [...changed.values()].map((c) => c.write);
  return {
    outcomes, deferred, short,
    compare: [...taskCompare, ...writes.flatMap((w) => w.compare)],
    success: [...taskOps, ...writes.flatMap((w) => w.success)],
  };
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
