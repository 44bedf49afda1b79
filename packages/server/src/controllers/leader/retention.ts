// Retention: STOPPED tasks stay describable for a while (ECS keeps them about an hour), then their
// records are deleted; RunTask clientTokens go once they are that old and their tasks are gone; task
// definition revisions in DELETE_IN_PROGRESS go once no task references them (as ECS does). Every
// delete compares the revision it read, so any number of replicas can sweep at once.
import type { ServerContext } from '../../context.js';
import type { TaskRecord } from '../../records.js';
import { REVISIONS_PREFIX, ROOT, taskKey } from '../../keys.js';
import type { RevisionRecord } from '../../handlers/task-definitions.js';
import { decode } from '../../json-store.js';
import { type StoredClientToken } from '../../handlers/tasks/launch.js';
import { parseTaskArn } from '../../handlers/tasks/references.js';
import { startPeriodic } from '../periodic.js';

export const DEFAULT_TASK_RETENTION_SECONDS = 3600;
const TASKS_ROOT = ROOT + 'tasks/';
const TOKENS_ROOT = ROOT + 'client-tokens/';

export interface RetentionOptions {
  /** How long a STOPPED task stays (from its stoppedAt). Default 3600. */
  retentionSeconds?: number;
  /** How often to sweep. Default 60 s. */
  intervalMs?: number;
}

export interface SweepResult {
  tasks: number;
  clientTokens: number;
  taskDefinitions: number;
}

/** One sweep over every cluster: deletes what is past the window; returns how many records went. */
export async function sweepRetention(ctx: ServerContext, retentionSeconds = DEFAULT_TASK_RETENTION_SECONDS, stopped: () => boolean = () => false): Promise<SweepResult> {
  const cutoff = ctx.now() - retentionSeconds;
  const out: SweepResult = { tasks: 0, clientTokens: 0, taskDefinitions: 0 };
  const referenced = new Set<string>();
  let after: string | undefined;
  for (;;) {
    if (stopped()) return out;
    const page = await ctx.store.range(TASKS_ROOT, { limit: 500, ...(after ? { after } : {}) });
    for (const kv of page.kvs) {
      const rec = decode<TaskRecord>(kv);
      const t = rec.task;
      if (t?.lastStatus !== 'STOPPED' || (t.stoppedAt ?? 0) >= cutoff) {
        if (t?.taskDefinitionArn) referenced.add(t.taskDefinitionArn);
        continue;
      }
      // A task that changed since this read (it cannot un-stop, but be exact) is left for the next sweep.
      const res = await ctx.store.txn({ compare: [{ key: kv.key, modRevision: kv.modRevision }], success: [{ delete: kv.key }] });
      if (res.succeeded) out.tasks++;
      else if (t.taskDefinitionArn) referenced.add(t.taskDefinitionArn);
    }
    if (!page.more || page.kvs.length === 0) break;
    after = page.kvs[page.kvs.length - 1]!.key;
  }
  // Task definitions being deleted go once nothing references them. RunTask needs an ACTIVE revision,
  // so no new reference can appear after the scan above.
  after = undefined;
  for (;;) {
    if (stopped()) return out;
    const page = await ctx.store.range(REVISIONS_PREFIX, { limit: 500, ...(after ? { after } : {}) });
    for (const kv of page.kvs) {
      const td = decode<RevisionRecord>(kv).taskDefinition;
      if (td.status !== 'DELETE_IN_PROGRESS' || referenced.has(td.taskDefinitionArn!)) continue;
      const res = await ctx.store.txn({ compare: [{ key: kv.key, modRevision: kv.modRevision }], success: [{ delete: kv.key }] });
      if (res.succeeded) out.taskDefinitions++;
    }
    if (!page.more || page.kvs.length === 0) break;
    after = page.kvs[page.kvs.length - 1]!.key;
  }
  after = undefined;
  for (;;) {
    if (stopped()) return out;
    const page = await ctx.store.range(TOKENS_ROOT, { limit: 500, ...(after ? { after } : {}) });
    for (const kv of page.kvs) {
      const rec = decode<StoredClientToken>(kv);
      if ((rec.createdAt ?? 0) >= cutoff) continue;
      let live = false;
      for (const arn of rec.taskArns ?? []) {
        const ref = parseTaskArn(arn);
        if (ref && (await ctx.store.get(taskKey(ref.cluster, ref.id)))) {
          live = true;
          break;
        }
      }
      if (live) continue;
      const res = await ctx.store.txn({ compare: [{ key: kv.key, modRevision: kv.modRevision }], success: [{ delete: kv.key }] });
      if (res.succeeded) out.clientTokens++;
    }
    if (!page.more || page.kvs.length === 0) break;
    after = page.kvs[page.kvs.length - 1]!.key;
  }
  return out;
}

/** Sweeps now and then every intervalMs until stop(). Errors are logged, never thrown. */
export function startRetention(ctx: ServerContext, opts: RetentionOptions = {}): { stop(): void } {
  const retentionSeconds = opts.retentionSeconds ?? DEFAULT_TASK_RETENTION_SECONDS;
  const intervalMs = opts.intervalMs ?? 60_000;
  return startPeriodic(ctx, 'retention sweep', intervalMs, async (stopped) => {
    const r = await sweepRetention(ctx, retentionSeconds, stopped);
    if (r.tasks > 0 || r.clientTokens > 0) ctx.log.info('retention sweep', { deletedTasks: r.tasks, deletedClientTokens: r.clientTokens });
  }, { runNow: true });
}
