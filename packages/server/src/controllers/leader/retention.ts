// Retention: STOPPED tasks stay describable for a while (ECS keeps them about an hour), then leave the
// store with their indexes and assignment; RunTask clientTokens go once they are that old and their tasks
// are gone; task definition revisions in DELETE_IN_PROGRESS go once no task references them (as ECS does);
// INACTIVE container instances go a window after their deregistration, with the assignments left behind;
// secrets go, sealed values and all, once DeleteSecret's recovery window has passed; join tokens go a
// window after they expired or were used up.
// Each kind is swept in pages of at most K from its own index (tasks by stop time, tokens by review time,
// revisions and instances by status), so a page's work never grows with the cluster. Every delete compares
// the record it read, so a sweep racing a writer (or another sweeper) never removes what changed.
//
// A sweep goes in turns: each turn takes at most PAGES_PER_TURN pages of STOPPED tasks and of tokens (the
// kinds that come by the thousand), then every kind after it, so a backlog of one kind never keeps the
// others waiting (under churn on a slow store, tokens once held the task and instance sweeps back for
// good); a turn that left work behind is followed at once by the next.
import type { Compare, Op } from '@berth/store';
import type { ServerContext } from '../../context.js';
import { TXN_MAX_OPS } from '@berth/store';
import { getTask, getTasks, revisionReferenced, stoppedBefore, taskDeleteOps, taskKey } from '../../state/tasks.js';
import { clientTokenDeleteOps, clientTokenRescheduleOps, tokensDue } from '../../state/client-tokens.js';
import {
  getRevision, parseRevisionIndexKey, revisionDeleteOps, revisionKey, revisionsByStatusPrefix,
} from '../../state/task-definitions.js';
import { getInstance, instanceDeleteOps, instanceKey, instancesByStatusPrefix, parseInstanceIndexKey } from '../../state/instances.js';
import { instanceAssignmentsDeleteOp } from '../../state/assignments.js';
import { clustersPage } from '../../state/clusters.js';
import { parseTaskArn } from '../../handlers/tasks/references.js';
import { getSecret, secretDeleteOps, secretKey, secretsDue } from '../../state/secrets.js';
import { getJoinToken, joinTokenDeleteOps, joinTokenEntryKey, joinTokenKey, joinTokensRetiredBefore } from '../../state/join-tokens.js';
import { startPeriodic } from '../periodic.js';

export const DEFAULT_TASK_RETENTION_SECONDS = 3600;
/** What one page of a sweep deletes at most (K). */
export const RETENTION_PAGE = 100;
/** Pages of tasks, and of tokens, one turn of a sweep takes at most before the other kinds' turn. */
export const PAGES_PER_TURN = 10;
/** Room in a transaction for the leader's fence and stamp. */
const OPS_PER_TXN = TXN_MAX_OPS - 8;

export interface RetentionOptions {
  /** How long a STOPPED task (and an INACTIVE instance) stays. Default 3600. */
  retentionSeconds?: number;
  /** How often to sweep. Default 60 s. */
  intervalMs?: number;
}

export interface SweepResult {
  tasks: number;
  clientTokens: number;
  taskDefinitions: number;
  instances: number;
  secrets: number;
  joinTokens: number;
}

/**
 * Commits deletions, each with its compares, as few transactions as fit, all at once (they are
 * independent: each compares only its own records); a transaction whose compare fails is retried item by
 * item, so one changed record only keeps itself. Returns how many committed.
 */
async function commitEach(ctx: ServerContext, items: { compare: Compare[]; ops: Op[] }[]): Promise<number> {
  const batches: (typeof items)[] = [];
  let size = 0;
  for (const item of items) {
    if (batches.length === 0 || size + item.ops.length > OPS_PER_TXN) {
      batches.push([]);
      size = 0;
    }
    batches.at(-1)!.push(item);
    size += item.ops.length;
  }
  const commit = async (batch: typeof items) => (await ctx.store.txn({ compare: batch.flatMap((i) => i.compare), success: batch.flatMap((i) => i.ops) })).succeeded;
  const done = await Promise.all(batches.map(async (batch) => {
    if (await commit(batch)) return batch.length;
    if (batch.length === 1) return 0;
    return (await Promise.all(batch.map((i) => commit([i])))).filter(Boolean).length;
  }));
  return done.reduce((a, n) => a + n, 0);
}

/** One page: deletes up to `k` of the oldest STOPPED tasks that stopped before the cutoff; returns how many. */
export async function sweepStoppedTasks(ctx: ServerContext, cutoffMs: number, k = RETENTION_PAGE): Promise<number> {
  const due = await stoppedBefore(ctx.store, cutoffMs, k);
  if (due.length === 0) return 0;
  const byCluster = new Map<string, typeof due>();
  for (const d of due) byCluster.set(d.cluster, [...(byCluster.get(d.cluster) ?? []), d]);
  const items: { compare: Compare[]; ops: Op[] }[] = [];
  for (const [cluster, ds] of byCluster) {
    const recs = await getTasks(ctx.store, cluster, ds.map((d) => d.id));
    ds.forEach((d, i) => {
      const cur = recs[i];
      // An index entry whose task is already gone leaves alone.
      if (!cur) items.push({ compare: [{ key: taskKey(cluster, d.id), modRevision: 0 }], ops: [{ delete: d.key }] });
      else if (cur.value.task.lastStatus === 'STOPPED') items.push({ compare: [{ key: taskKey(cluster, d.id), modRevision: cur.modRevision }], ops: taskDeleteOps(cur.value) });
    });
  }
  return commitEach(ctx, items);
}

/**
 * One page of clientTokens due for review: a token whose tasks are all gone leaves; one whose tasks still
 * exist is looked at again a window later (so it keeps answering retries while they live).
 */
export async function sweepClientTokens(ctx: ServerContext, cutoffMs: number, k = RETENTION_PAGE): Promise<{ deleted: number; examined: number }> {
  const due = await tokensDue(ctx.store, cutoffMs, k);
  // Whether any of each token's tasks still exists: every read of the page at once.
  const live = await Promise.all(due.map(async (t) => {
    const refs = (t.record?.value.taskArns ?? []).flatMap((arn) => parseTaskArn(arn) ?? []);
    return (await Promise.all(refs.map((ref) => getTask(ctx.store, ref.cluster, ref.id)))).some((rec) => rec !== null);
  }));
  const items: { compare: Compare[]; ops: Op[] }[] = [];
  let deleted = 0;
  due.forEach((t, i) => {
    if (!t.record) {
      items.push({ compare: [{ key: t.key, modRevision: 0 }], ops: clientTokenDeleteOps(t) });
      return;
    }
    items.push({ compare: [{ key: t.key, modRevision: t.record.modRevision }], ops: live[i] ? clientTokenRescheduleOps(t, ctx.now() * 1000) : clientTokenDeleteOps(t) });
    if (!live[i]) deleted++;
  });
  await commitEach(ctx, items);
  return { deleted, examined: due.length };
}

/** One page of DELETE_IN_PROGRESS revisions after `after`: those no task references leave. */
async function sweepDeletedRevisions(ctx: ServerContext, after: string | undefined, k = RETENTION_PAGE): Promise<{ deleted: number; next?: string }> {
  const prefix = revisionsByStatusPrefix('DELETE_IN_PROGRESS');
  const page = await ctx.store.range(prefix, { limit: k, ...(after ? { after } : {}) });
  const items: { compare: Compare[]; ops: Op[] }[] = [];
  for (const kv of page.kvs) {
    const { family, revision } = parseRevisionIndexKey(kv.key);
    // RunTask needs an ACTIVE revision, so no new reference can appear once it is DELETE_IN_PROGRESS.
    if (await revisionReferenced(ctx.store, family, revision)) continue;
    const cur = await getRevision(ctx.store, family, revision);
    if (cur?.value.taskDefinition.status === 'DELETE_IN_PROGRESS') {
      items.push({ compare: [{ key: revisionKey(family, revision), modRevision: cur.modRevision }], ops: revisionDeleteOps(cur.value) });
    }
  }
  const deleted = await commitEach(ctx, items);
  return { deleted, ...(page.more ? { next: page.kvs[page.kvs.length - 1]!.key } : {}) };
}

/** One page of secrets whose recovery window has passed (their index entries, oldest first): they leave. */
export async function sweepDueSecrets(ctx: ServerContext, nowSeconds: number, k = RETENTION_PAGE): Promise<number> {
  const due = await secretsDue(ctx.store, nowSeconds, k);
  const recs = await Promise.all(due.map((d) => getSecret(ctx.store, d.name)));
  const items = due.map((d, i) => {
    const cur = recs[i];
    const compare: Compare[] = [{ key: secretKey(d.name), modRevision: cur?.modRevision ?? 0 }];
    // An entry left by a restore or a recreation (the record no longer names this date) goes alone.
    return cur?.value.deletionDate !== undefined && Math.floor(cur.value.deletionDate) === d.deletionDate ? { compare, ops: secretDeleteOps(cur.value) } : { compare, ops: [{ delete: d.key }] };
  });
  await commitEach(ctx, items);
  return items.filter((it) => it.ops.length > 1).length;
}

/** One page of join tokens retired (expired or used up) before the cutoff: they leave with their entries. */
export async function sweepRetiredJoinTokens(ctx: ServerContext, cutoffMs: number, k = RETENTION_PAGE): Promise<number> {
  const due = await joinTokensRetiredBefore(ctx.store, cutoffMs, k);
  const recs = await Promise.all(due.map((d) => getJoinToken(ctx.store, d.id)));
  const items = due.map((d, i) => {
    const cur = recs[i];
    const compare: Compare[] = [{ key: joinTokenKey(d.id), modRevision: cur?.modRevision ?? 0 }];
    // An entry its token no longer names (deleted, or a use moved it) goes alone.
    return cur && joinTokenEntryKey(cur.value) === d.key ? { compare, ops: joinTokenDeleteOps(cur.value) } : { compare, ops: [{ delete: d.key }] };
  });
  await commitEach(ctx, items);
  return items.filter((it) => it.ops.length > 1).length;
}

/** One page of a cluster's INACTIVE instances after `after`: those deregistered before the cutoff leave. */
async function sweepInactiveInstances(ctx: ServerContext, cluster: string, cutoff: number, after: string | undefined, k = RETENTION_PAGE): Promise<{ deleted: number; next?: string }> {
  const page = await ctx.store.range(instancesByStatusPrefix(cluster, 'INACTIVE'), { limit: k, ...(after ? { after } : {}) });
  const items: { compare: Compare[]; ops: Op[] }[] = [];
  const ids = page.kvs.map((kv) => parseInstanceIndexKey(kv.key).id);
  const recs = await Promise.all(ids.map((id) => getInstance(ctx.store, cluster, id)));
  ids.forEach((id, i) => {
    const cur = recs[i];
    if (cur && cur.value.instance.status === 'INACTIVE' && (cur.value.inactiveAt ?? 0) < cutoff) {
      // Its orphaned tasks stay until their own retention; the assignments left for them go now.
      items.push({ compare: [{ key: instanceKey(cluster, id), modRevision: cur.modRevision }], ops: [...instanceDeleteOps(cur.value), instanceAssignmentsDeleteOp(id)] });
    }
  });
  const deleted = await commitEach(ctx, items);
  return { deleted, ...(page.more ? { next: page.kvs[page.kvs.length - 1]!.key } : {}) };
}

/**
 * One turn: at most PAGES_PER_TURN pages of STOPPED tasks and of tokens, every DELETE_IN_PROGRESS revision
 * and INACTIVE instance; `more` when tasks or tokens past the window were left for the next turn.
 */
export async function sweepRetentionTurn(ctx: ServerContext, retentionSeconds = DEFAULT_TASK_RETENTION_SECONDS, stopped: () => boolean = () => false): Promise<SweepResult & { more: boolean }> {
  const cutoff = ctx.now() - retentionSeconds;
  const out = { tasks: 0, clientTokens: 0, taskDefinitions: 0, instances: 0, secrets: 0, joinTokens: 0, more: false };
  for (let page = 0; ; page++) {
    if (stopped()) return out;
    const n = await sweepStoppedTasks(ctx, cutoff * 1000);
    out.tasks += n;
    if (n < RETENTION_PAGE) break;
    if (page + 1 === PAGES_PER_TURN) {
      out.more = true;
      break;
    }
  }
  let after: string | undefined;
  do {
    if (stopped()) return out;
    const r = await sweepDeletedRevisions(ctx, after);
    out.taskDefinitions += r.deleted;
    after = r.next;
  } while (after !== undefined);
  for (let page = 0; ; page++) {
    if (stopped()) return out;
    const r = await sweepClientTokens(ctx, cutoff * 1000);
    out.clientTokens += r.deleted;
    if (r.examined < RETENTION_PAGE) break;
    if (page + 1 === PAGES_PER_TURN) {
      out.more = true;
      break;
    }
  }
  for (;;) {
    if (stopped()) return out;
    const n = await sweepDueSecrets(ctx, ctx.now());
    out.secrets += n;
    if (n < RETENTION_PAGE) break;
  }
  for (let page = 0; ; page++) {
    if (stopped()) return out;
    const n = await sweepRetiredJoinTokens(ctx, cutoff * 1000);
    out.joinTokens += n;
    if (n < RETENTION_PAGE) break;
    if (page + 1 === PAGES_PER_TURN) {
      out.more = true;
      break;
    }
  }
  let clusterAfter: string | undefined;
  for (;;) {
    const page = await clustersPage(ctx.store, clusterAfter, 100);
    for (const { key, cluster } of page.clusters) {
      clusterAfter = key;
      let instAfter: string | undefined;
      do {
        if (stopped()) return out;
        const r = await sweepInactiveInstances(ctx, cluster.clusterName!, cutoff, instAfter);
        out.instances += r.deleted;
        instAfter = r.next;
      } while (instAfter !== undefined);
    }
    if (!page.more || page.clusters.length === 0) return out;
  }
}

/** One whole sweep over every cluster: turn after turn until nothing is past the window. */
export async function sweepRetention(ctx: ServerContext, retentionSeconds = DEFAULT_TASK_RETENTION_SECONDS, stopped: () => boolean = () => false): Promise<SweepResult> {
  const total: SweepResult = { tasks: 0, clientTokens: 0, taskDefinitions: 0, instances: 0, secrets: 0, joinTokens: 0 };
  for (;;) {
    const { more, ...turn } = await sweepRetentionTurn(ctx, retentionSeconds, stopped);
    for (const k of Object.keys(total) as (keyof SweepResult)[]) total[k] += turn[k];
    if (!more || stopped()) return total;
  }
}

/** Sweeps now and then every intervalMs until stop(). Errors are logged, never thrown. */
export function startRetention(ctx: ServerContext, opts: RetentionOptions = {}): { stop(): void } {
  const retentionSeconds = opts.retentionSeconds ?? DEFAULT_TASK_RETENTION_SECONDS;
  const intervalMs = opts.intervalMs ?? 60_000;
  return startPeriodic(ctx, 'retention sweep', intervalMs, async (stopped) => {
    const started = performance.now();
    const r = await sweepRetentionTurn(ctx, retentionSeconds, stopped);
    if (r.tasks > 0 || r.clientTokens > 0 || r.taskDefinitions > 0 || r.instances > 0 || r.secrets > 0 || r.joinTokens > 0) {
      ctx.log.info('retention sweep', {
        deletedTasks: r.tasks, deletedClientTokens: r.clientTokens, deletedTaskDefinitions: r.taskDefinitions, deletedInstances: r.instances,
        deletedSecrets: r.secrets, deletedJoinTokens: r.joinTokens,
        more: r.more, ms: Math.round(performance.now() - started),
      });
    }
    return r.more;
  }, { runNow: true });
}
