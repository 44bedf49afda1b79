// RunTask: each call's own checks first (its errors are its own), then the call joins its cluster's queue
// (run-queue.ts). A batch of queued calls is placed in order over one snapshot, each call seeing what the
// calls before it took. Calls whose tasks share instances form a group, which must commit in one
// transaction; the groups (over disjoint instances) are packed into as few transactions as the store's
// limits allow, and these go to the store together. A call that would not fit leads the next batch. The
// next batch is placed while this one commits, over the instances as this one leaves them, and commits at
// once, comparing the values this one writes (run-queue.ts says why that is enough). A lost compare
// (another replica, a report, the service scheduler, a batch before it that lost) re-places the calls of that transaction;
// a call's clientToken is claimed by the transaction holding its tasks (it compares that the token's key
// does not exist), so nothing reads tokens before a commit, and only a lost compare reads them: a used one
// answers its call (a replay of its tasks, or ConflictException). No call is answered before the transaction holding its tasks commits, so each call gets exactly its own
// tasks and failures, as ECS answers it, and nothing is lost or started twice.
import {
  BerthError, capacityProviderArn, clusterName, invalid, launchStrategy, resourceId, splitByStrategy, unsupportedFeature, type StrategyItem,
  type Failure, type RunTaskRequest, type RunTaskResponse, type Task,
} from '@berth/core';
import { TXN_MAX_BYTES, TXN_MAX_OPS, type Compare, type Op } from '@berth/store';
import type { CallContext, CallTimes } from '@berth/api';
import type { ServerContext } from '../../context.js';
import { withRepeatedPutsOnce } from '../../state/kit.js';
import { withEventBatches } from '../../state/events.js';
import { getTask } from '../../state/tasks.js';
import { clientTokenKey, clientTokenOps, getClientTokens, type ClientTokenRecord } from '../../state/client-tokens.js';
import type { CachedInstance, InstanceSnapshot } from '../../informers/instances.js';
import { instanceKey, type InstanceRecord } from '../../state/instances.js';
import { launchCluster } from '../clusters.js';
import { FARGATE_ONLY } from '../unbuilt.js';
import { activeTaskDefinition, present } from './references.js';
import { checkClientToken, checkCommon, checkLaunchType, checkPlacementArgs, requestHash } from './launch-checks.js';
import {
  CACHED_ATTEMPTS, RUN_TASK_MAX, clusterSnapshot, instanceWrite, launchSpec, launchedTaskDefinition, liveInstances, newTaskWrite, place, placementFailures, providerSpec, withListenerPorts, withTasksTaken, WithChanges,
  type LaunchSpec, type Snap,
} from './launch-plan.js';
import { GroupQueue, type Stage } from './run-queue.js';
import { getCapacityProvider } from '../../state/capacity-providers.js';

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
  /** Transactions of this call lost so far (the first attempts place from the cache, later ones from the store). */
  lost: number;
  /** The API call's clock, for the stage timings' marks (server/src/call-stages.ts). */
  times?: CallTimes;
  resolve(r: RunTaskResponse & { created: number }): void;
  reject(e: unknown): void;
}

type Answer = RunTaskResponse & { created: number };

/** What a batch decided for a call that writes nothing: an error, failures only. */
type Outcome = { call: RunCall; result: Answer } | { call: RunCall; error: unknown };

/**
 * Calls whose tasks share instances: they commit in one transaction. Groups of a batch touch disjoint
 * instances, so their transactions cannot conflict with each other and go to the store at once (the file
 * store commits them in one flush, etcd pipelines them).
 */
interface Group {
  answers: { call: RunCall; result: Answer }[];
  /** Each instance the group changed: as it was read (what the transaction compares) and its write. */
  instances: Map<string, { read: Snap; write: { compare: Compare[]; success: Op[]; record: InstanceRecord; value: string } }>;
  compare: Compare[];
  success: Op[];
  chars: number;
}

/** A batch's placement so far: its snapshot, the instances as its calls left them, and what it decided. */
interface Placing {
  view: InstanceSnapshot;
  /** The live instances as placed so far: the snapshot's, with the records the batch before and this one changed. */
  working: WithChanges;
  groups: Group[];
  groupOf: Map<string, Group>;
  outcomes: Outcome[];
  /** Calls left for the next batch: an earlier call (of this batch or the one before) holds their token, or their tasks would join two groups or overfill one. */
  deferred: RunCall[];
  /** The clientTokens of this batch's calls. */
  tokens: Set<string>;
  /** Some call got fewer tasks than it asked for. */
  short: boolean;
  /** Placed over the instance cache (not the store itself). */
  cached: boolean;
  /** A call was deferred because a batch still committing holds its clientToken. */
  tokenWait?: boolean;
}

// A transaction's room: the store's limits on each list, and its bytes counted as characters with room to
// spare for multi-byte text (as the report batches count them).
const CHARS_MAX = TXN_MAX_BYTES / 4;
const opChars = (ops: readonly (Op | Compare)[]) => ops.reduce((n, o) => n + ('put' in o ? o.put.length + o.value.length : 'delete' in o ? o.delete.length : 'key' in o ? o.key.length : 0), 0);
/** As commitWithRetry: past this many lost transactions a call fails with ServerException. */
const MAX_LOST = 100;

/** The queue of each server context (a context is one replica's). */
const queues = new WeakMap<ServerContext, GroupQueue<RunCall>>();
const queueOf = (ctx: ServerContext) => {
  let q = queues.get(ctx);
  if (!q) queues.set(ctx, (q = new GroupQueue<RunCall>((cluster, committing) => new RunStage(ctx, cluster, committing as readonly RunStage[]))));
  return q;
};

export async function runTask(ctx: ServerContext, req: RunTaskRequest, call: CallContext): Promise<RunTaskResponse> {
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
  const clusterRec = await launchCluster(ctx, cluster);
  const chosen = launchStrategy('capacityProviderStrategy', req.capacityProviderStrategy, req.launchType, clusterRec);
  const spec = await withListenerPorts(ctx, launchSpec(req, cluster, await launchedTaskDefinition(ctx, req, call), launchType));
  const token = req.clientToken;
  const hash = token !== undefined ? requestHash(req, cluster) : '';
  const times = call.times;
  if (times) times.marks.queued = performance.now();
  const queued = (s: LaunchSpec, n: number, t: string | undefined) => new Promise<Answer>((resolve, reject) => {
    queueOf(ctx).add(cluster, { spec: s, count: n, hash, lost: 0, resolve, reject, ...(t !== undefined ? { token: t } : {}), ...(times ? { times } : {}) });
  });
  const res = chosen ? await byStrategy(ctx, spec, chosen.strategy, count, token, queued) : await queued(spec, count, token);
  if (res.created > 0) ctx.log.info('tasks started', { cluster, taskDefinition: spec.td.taskDefinitionArn, count: res.created, failures: res.failures?.length ?? 0 });
  return { tasks: res.tasks ?? [], failures: res.failures ?? [] };
}

/**
 * A launch over a capacity provider strategy: the tasks split base first, then by weight (core's
 * splitByStrategy), each provider's share one call of the queue, placed on that provider's machines only.
 * A clientToken covers the whole launch: the first share holds it, the others hold it with their provider's
 * name after a space (which a token cannot contain), so a repeated call replays every share.
 */
async function byStrategy(ctx: ServerContext, spec: LaunchSpec, strategy: readonly StrategyItem[], count: number, token: string | undefined,
  queued: (s: LaunchSpec, n: number, t: string | undefined) => Promise<Answer>): Promise<Answer> {
  const shares = [...splitByStrategy(strategy, count)];
  const settled = await Promise.allSettled(shares.map(async ([name, n], i) => {
    const rec = await getCapacityProvider(ctx.store, name);
    const managed = rec?.value.provider.autoScalingGroupProvider?.managedScaling?.status === 'ENABLED';
    return queued(providerSpec(spec, name, managed), n, token === undefined ? undefined : i === 0 ? token : `${token} ${name}`);
  }));
  const out: Answer = { tasks: [], failures: [], created: 0 };
  const errors: unknown[] = [];
  settled.forEach((r, i) => {
    if (r.status === 'fulfilled') {
      out.tasks!.push(...(r.value.tasks ?? []));
      out.failures!.push(...(r.value.failures ?? []));
      out.created += r.value.created;
    } else {
      errors.push(r.reason);
      // Another share got tasks: this one's error is its failure, naming its provider.
      const e = r.reason as BerthError;
      out.failures!.push({ arn: capacityProviderArn(ctx.identity, shares[i]![0]), reason: e?.ecsName ?? 'ServerException', detail: String(e?.message ?? e) });
    }
  });
  if (errors.length === shares.length) throw errors[0];
  return out;
}

/**
 * One batch of a cluster's calls (a stage of the queue). Placed over the cluster's snapshot and over the
 * writes of the batches still committing: each instance they wrote, as they wrote it, compared by the value
 * written (which holds exactly when that write committed and nothing changed the instance since), so this
 * batch compares exactly what it placed over. Calls that arrive before it commits are placed after the
 * others, over what they took. Nothing is answered before the batch commits: even a call that got only
 * failures found less room because of the writes before it.
 */
class RunStage implements Stage<RunCall> {
  /** Every call placed and not yet settled, in order. */
  private calls: RunCall[] = [];
  private placing: Placing | undefined;
  /** The clientTokens of the batches still committing: a call holding one waits for the next batch. */
  private readonly inherited: ReadonlySet<string>;
  /** The batches this one was placed over: what they write, and when they are done (a call deferred for a token waits for them). */
  private before: readonly RunStage[];
  /** Resolves when this batch's commit is done. */
  readonly finished: Promise<void>;
  /** A transaction of this batch lost its compare or failed: some of its writes never happened. */
  lost = false;
  private finish!: () => void;

  constructor(private readonly ctx: ServerContext, private readonly cluster: string, committing: readonly RunStage[]) {
    this.before = committing;
    this.inherited = new Set(committing.flatMap((b) => [...(b.placing?.tokens ?? [])]));
    this.finished = new Promise((r) => (this.finish = r));
  }

  async place(calls: RunCall[]): Promise<void> {
    const now = performance.now();
    for (const c of calls) if (c.times) c.times.marks.batch ??= now;
    const all = [...this.calls, ...calls];
    try {
      if (this.placing) {
        await this.into(this.placing, calls);
        // The cache is trusted to place, never to refuse: a call short on it re-places the batch over the store.
        if (this.placing.short && this.placing.cached) this.placing = await this.over(all, CACHED_ATTEMPTS);
      } else {
        const p = await this.over(all, Math.max(0, ...all.map((c) => c.lost)));
        this.placing = p.short && p.cached ? await this.over(all, CACHED_ATTEMPTS) : p;
      }
      this.calls = all;
      const placedAt = performance.now();
      for (const c of calls) if (c.times) c.times.marks.placed ??= placedAt;
    } catch (e) {
      // The store failed a read: the calls of the batch fail with it.
      for (const c of all) c.reject(e);
      this.calls = [];
      this.placing = undefined;
    }
  }

  /** What this batch writes, for a batch placed over it: each instance's record and the value compared for it. */
  private written(out: Map<string, CachedInstance>): void {
    for (const g of this.placing?.groups ?? []) for (const [id, i] of g.instances) out.set(id, { rec: i.write.record, modRevision: -1, value: i.write.value });
  }

  /** A fresh placement of `calls` over the cluster's snapshot (from the cache below CACHED_ATTEMPTS), over the writes of the batches still committing. */
  private async over(calls: RunCall[], attempt: number): Promise<Placing> {
    const countsRunning = calls.some((c) => c.spec.countsRunning);
    const cached = attempt < CACHED_ATTEMPTS && this.ctx.instances !== undefined;
    const view = await clusterSnapshot(this.ctx, this.cluster, countsRunning, attempt);
    const changed = new Map<string, CachedInstance>();
    for (const b of this.before) b.written(changed);
    const working = new WithChanges(liveInstances(view), changed);
    const p: Placing = { view, working, groups: [], groupOf: new Map(), outcomes: [], deferred: [], tokens: new Set(), short: false, cached };
    await this.into(p, calls);
    return p;
  }

  /**
   * Places `calls` into `p`, after what it holds, in order. A clientToken is not read here: the transaction
   * holding a call's tasks writes its token record and compares that it does not exist yet, so a token
   * already used loses the compare, and only then is it read (commit: a replay or a conflict answers it).
   * A token held by an earlier call of this batch or of the batch before (still committing) waits for the
   * next batch.
   */
  private async into(p: Placing, calls: RunCall[]): Promise<void> {
    const toPlace: RunCall[] = [];
    for (const call of calls) {
      if (call.token === undefined) toPlace.push(call);
      else if (p.tokens.has(call.token)) p.deferred.push(call);
      else if (this.inherited.has(call.token)) {
        p.deferred.push(call);
        p.tokenWait = true;
      }
      else {
        p.tokens.add(call.token);
        toPlace.push(call);
      }
    }
    placeInOrder(this.ctx, this.cluster, toPlace, p);
  }

  /**
   * Commits the batch's groups at once (batches placed before it may still be committing: the compares of
   * their writes by value decide); settles every call but those it hands back (deferred ones, and those
   * whose transaction lost a compare: they are placed again), and says whether a compare was lost.
   */
  async commit(): Promise<{ handBack: RunCall[]; lost: boolean }> {
    try {
      return { handBack: await this.committed(), lost: this.lost };
    } finally {
      // Done with the batches before it: dropped, or every batch would keep the ones before it alive.
      this.before = [];
      this.finish();
    }
  }

  private async committed(): Promise<RunCall[]> {
    const p = this.placing;
    const { ctx, cluster } = this;
    this.calls = [];
    if (!p) return [];
    const again: RunCall[] = [];
    // A call that got only failures was refused room that batches still committing took: its answer waits
    // for them, and if one of them lost a compare (its writes never happened) the call is placed again.
    const refused: { call: RunCall; result: Answer }[] = [];
    for (const o of p.outcomes) {
      if ('error' in o) o.call.reject(o.error);
      else if (this.before.length > 0) refused.push(o);
      else o.call.resolve(o.result);
    }
    const answerRefused = async () => {
      await Promise.all(this.before.map((b) => b.finished));
      const voided = this.before.some((b) => b.lost);
      for (const o of refused) {
        if (voided) again.push(o.call);
        else o.call.resolve(o.result);
      }
    };
    await Promise.all([...(refused.length > 0 ? [answerRefused()] : []), ...packed(p.groups).map(async ({ groups, txn }) => {
      const answers = groups.flatMap((g) => g.answers);
      try {
        const res = await ctx.store.txn({ compare: txn.compare, success: withEventBatches(withRepeatedPutsOnce(txn.success)) });
        if (res.succeeded) {
          const records = new Map(groups.flatMap((g) => [...g.instances.values()].map((i) => [instanceKey(cluster, i.read.rec.id), i.write.record] as const)));
          ctx.instances?.observe(res.revision, txn.success, records);
          const committedAt = performance.now();
          for (const a of answers) {
            if (a.call.times) a.call.times.marks.committed = committedAt;
            a.call.resolve(a.result);
          }
          return;
        }
      } catch (e) {
        this.lost = true;
        for (const a of answers) a.call.reject(e);
        return;
      }
      this.lost = true;
      // Another writer changed one of its instances, or a call's clientToken was used before (a retry, or
      // another request): the tokens are read now, a used one answers its call (a replay or a conflict),
      // and the other calls are placed again.
      let settled: Set<RunCall>;
      try {
        settled = await settleUsedTokens(ctx, cluster, answers.map((a) => a.call));
      } catch (e) {
        for (const a of answers) a.call.reject(e);
        return;
      }
      for (const { call } of answers) {
        if (settled.has(call)) continue;
        // A compare lost to a used token is not contention: the calls beside it keep placing from the cache.
        if (settled.size === 0 && ++call.lost >= MAX_LOST) call.reject(new BerthError('ServerException', 'Too much contention on the store; try again.'));
        else again.push(call);
      }
    })]);
    // As commitWithRetry: after a lost compare, back off a little, with jitter, so racing writers spread out.
    const lost = Math.max(0, ...again.map((c) => c.lost));
    if (lost > 0) await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 ** lost)));
    // A call deferred because a batch before this one holds its clientToken waits for that batch to be done.
    if (p.tokenWait) await Promise.all(this.before.map((b) => b.finished));
    return [...again, ...p.deferred];
  }
}

/** A group's whole transaction: its tasks' and tokens' writes and its instances'. */
function groupTxn(g: Group): { compare: Compare[]; success: Op[] } {
  const writes = [...g.instances.values()].map((i) => i.write);
  return { compare: [...g.compare, ...writes.flatMap((w) => w.compare)], success: [...g.success, ...writes.flatMap((w) => w.success)] };
}

/**
 * The groups packed, in order, into as few transactions as the store's limits allow: fewer store calls
 * (etcd pays per request). Groups touch disjoint instances, so packing them only couples their fate: a
 * compare lost by one re-places the calls of its whole transaction.
 */
function packed(groups: readonly Group[]): { groups: Group[]; txn: { compare: Compare[]; success: Op[] } }[] {
  const out: { groups: Group[]; txn: { compare: Compare[]; success: Op[] }; chars: number }[] = [];
  for (const g of groups) {
    const t = groupTxn(g);
    const chars = opChars(t.compare) + opChars(t.success);
    let cur = out[out.length - 1];
    if (!cur || cur.txn.compare.length + t.compare.length > TXN_MAX_OPS || cur.txn.success.length + t.success.length > TXN_MAX_OPS || cur.chars + chars > CHARS_MAX) {
      out.push((cur = { groups: [], txn: { compare: [], success: [] }, chars: 0 }));
    }
    cur.groups.push(g);
    cur.txn.compare.push(...t.compare);
    cur.txn.success.push(...t.success);
    cur.chars += chars;
  }
  return out;
}

/**
 * Places `calls` one after the other into `p`, each over the instances as the calls before it (and the
 * batch before) left them, and groups them by the instances they share (a call whose tasks land on a group's instances joins
 * that group's transaction). A call that would join two groups, or overfill its group's transaction, is
 * undone and deferred to the next batch; a call alone always fits.
 */
function placeInOrder(ctx: ServerContext, cluster: string, calls: RunCall[], p: Placing): void {
  const { view, working, outcomes, deferred, groups, groupOf } = p;
  const now = ctx.now();
  for (const call of calls) {
    const { live, placed, visited } = place(ctx, call.spec, view, call.count, working);
    if (placed.placements.length < call.count) p.short = true;
    // A capacity provider with managed scaling: what found no room waits PROVISIONING for a machine, as on ECS.
    const waiting = call.spec.capacityProvider?.managed ? call.count - placed.placements.length : 0;
    if (live === 0 && waiting === 0) {
      outcomes.push({ call, error: new BerthError('InvalidParameterException', 'No Container Instances were found in your cluster.') });
      continue;
    }
    const failures = waiting > 0 ? [] : placementFailures(placed, visited);
    if (placed.placements.length === 0 && waiting === 0) {
      outcomes.push({ call, result: { tasks: [], failures, created: 0 } });
      continue;
    }
    const joins = new Set([...placed.remaining.keys()].flatMap((id) => groupOf.get(id) ?? []));
    if (joins.size > 1) {
      deferred.push(call);
      continue;
    }
    const g: Group = [...joins][0] ?? { answers: [], instances: new Map(), compare: [], success: [], chars: 0 };
    // This call's writes: its instances' (replacing what earlier calls of the group wrote of them), its tasks', its token's.
    const instances = new Map(g.instances);
    const next: CachedInstance[] = [];
    for (const [id, rem] of placed.remaining) {
      const read = g.instances.get(id)?.read ?? visited.get(id)!;
      const rec = withTasksTaken(call.spec, visited.get(id)!.rec, rem, placed.placements);
      instances.set(id, { read, write: instanceWrite(ctx, cluster, read, rec) });
      next.push(read.value !== undefined ? { rec, modRevision: read.modRevision, value: read.value } : { rec, modRevision: read.modRevision });
    }
    const tasks: Task[] = [];
    const compare: Compare[] = [];
    const success: Op[] = [];
    for (let i = 0; i < placed.placements.length + waiting; i++) {
      const id = placed.placements[i];
      const w = newTaskWrite(ctx, call.spec, id === undefined ? undefined : visited.get(id)!, now);
      tasks.push(w.task);
      compare.push(...w.compare);
      success.push(...w.success);
    }
    if (call.token !== undefined) {
      compare.push({ key: clientTokenKey(cluster, call.token), modRevision: 0 });
      success.push(...clientTokenOps(cluster, call.token, { requestHash: call.hash, taskArns: tasks.map((x) => x.taskArn!), createdAt: now }));
    }
    const writes = [...instances.values()].map((i) => i.write);
    const chars = opChars(compare) + opChars(success);
    const fits = g.success.length + success.length + writes.reduce((k, w) => k + w.success.length, 0) <= TXN_MAX_OPS
      && g.compare.length + compare.length + writes.length <= TXN_MAX_OPS
      && g.chars + chars + writes.reduce((k, w) => k + opChars(w.success) + opChars(w.compare), 0) <= CHARS_MAX;
    if (!fits && g.answers.length > 0) {
      deferred.push(call);
      continue;
    }
    if (g.answers.length === 0) groups.push(g);
    g.instances = instances;
    g.compare.push(...compare);
    g.success.push(...success);
    g.chars += chars;
    g.answers.push({ call, result: { tasks, failures, created: tasks.length } });
    for (const c of next) {
      working.changed.set(c.rec.id, c);
      groupOf.set(c.rec.id, g);
    }
  }
}

/**
 * After a lost compare: the clientTokens of `calls` that are already used (one read for all), each such
 * call answered (a replay of the same request's tasks, or ConflictException for a different request).
 * Returns the calls answered.
 */
async function settleUsedTokens(ctx: ServerContext, cluster: string, calls: readonly RunCall[]): Promise<Set<RunCall>> {
  const withToken = calls.filter((c) => c.token !== undefined);
  const out = new Set<RunCall>();
  if (withToken.length === 0) return out;
  const records = await getClientTokens(ctx.store, cluster, withToken.map((c) => c.token!));
  await Promise.all(withToken.map(async (call, i) => {
    const rec = records[i];
    if (!rec) return;
    out.add(call);
    if (rec.requestHash !== call.hash) {
      call.reject(new ConflictError('The specified client token has already been used in a different request.', rec.taskArns));
      return;
    }
    try {
      call.resolve({ ...(await replay(ctx, cluster, rec)), created: 0 });
    } catch (e) {
      call.reject(e);
    }
  }));
  return out;
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
