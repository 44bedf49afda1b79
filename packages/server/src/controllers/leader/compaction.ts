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

/** `stop` resolves once a compaction under way has ended: none runs after its leader's controllers stopped. */
export function startCompaction(ctx: ServerContext, opts: CompactionOptions = {}): { stop(): Promise<void> } {
  if (ctx.store.kind !== 'etcd') return { stop: async () => {} };
  let running: Promise<void> | undefined;
  const tick = () => {
    running ??= (async () => {
      try {
        const to = await compactOnce(ctx, opts.keepRevisions);
        if (to !== undefined) ctx.log.info('store compacted', { toRevision: to });
      } catch (e) {
        ctx.log.warn('store compaction failed', { error: (e as Error).message });
      } finally {
        running = undefined;
      }
    })();
  };
  const timer = setInterval(tick, opts.intervalMs ?? 300_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
