// etcd keeps every revision until told otherwise, and its database then grows without bound until it
// hits its quota and refuses all writes. Like kube-apiserver, the control plane compacts it: every few
// minutes, everything older than a window of recent revisions (watches resume within that window; an
// older one relists). The file store bounds its own history, so this runs for etcd only. Compacting is
// idempotent, so every replica may run it.
import type { ServerContext } from '../../context.js';

export interface CompactionOptions {
  /** How many recent revisions to keep (default 10,000). */
  keepRevisions?: number;
  /** How often (default 5 min). */
  intervalMs?: number;
}

export async function compactOnce(ctx: ServerContext, keepRevisions = 10_000): Promise<number | undefined> {
  const rev = await ctx.store.revision();
  const to = rev - keepRevisions;
  if (to <= (await ctx.store.compactedRevision())) return undefined;
  await ctx.store.compact(to);
  return to;
}

export function startCompaction(ctx: ServerContext, opts: CompactionOptions = {}): { stop(): void } {
  if (ctx.store.kind !== 'etcd') return { stop() {} };
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const to = await compactOnce(ctx, opts.keepRevisions);
      if (to !== undefined) ctx.log.info('store compacted', { toRevision: to });
    } catch (e) {
      ctx.log.warn('store compaction failed', { error: (e as Error).message });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), opts.intervalMs ?? 300_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
