// Event retention: ECS events leave the store once older than the window (--event-retention, default 1h).
// Event keys sort by time within a cluster, so a sweep reads each cluster's oldest events and stops at the
// first one inside the window. A batch (the events of one transaction: state/events.ts) goes whole, by its
// key's time, its earliest event's; its mark is the key's position without an index, after all its events. Each page's deletes start with the cluster's "deleted" mark (the newest
// stream position the page deletes), compared on its revision, so concurrent sweepers on several replicas
// keep it exact; a stream refuses a cursor behind it (events/stream.ts). The mark goes with the first
// batch of deletes, the page's other batches follow all at once: the mark may run ahead of the deletes
// for a moment (a cursor there is refused a little early, for events past the window anyway), never
// behind them.
//
// Then the instance attribute sets (state/instance-attribute-sets.ts) of windows that ended a whole
// window before the cutoff: every event naming one was older than the cutoff, so it went first.
import type { ServerContext } from '../../context.js';
import { DEFAULT_EVENT_RETENTION_SECONDS, EVENTS_ROOT, eventKeyCluster, eventKeyTime, eventsDeletedKey, eventsPrefix, type EventPosition } from '../../state/events.js';
import { commitWithRetry, decode, json } from '../../state/kit.js';
import { sweepAttributeSets } from '../../state/instance-attribute-sets.js';
import { after } from '../../events/stream.js';
import { startPeriodic } from '../periodic.js';

export { DEFAULT_EVENT_RETENTION_SECONDS };
/** Events one page reads. */
const PAGE = 500;
/** Deletes per transaction: etcd's 128 operations, less the mark and the leader's fence and stamp. */
const BATCH = 120;

/**
 * One sweep: deletes every event older than the window, then the attribute sets of windows that ended a
 * window before that; returns how many events went.
 */
export async function sweepEvents(ctx: ServerContext, retentionSeconds = DEFAULT_EVENT_RETENTION_SECONDS, stopped: () => boolean = () => false): Promise<number> {
  const cutoffMs = (ctx.now() - retentionSeconds) * 1000;
  const deleted = await sweepOldEvents(ctx, cutoffMs, stopped);
  if (!stopped()) await sweepAttributeSets(ctx.store, cutoffMs - retentionSeconds * 1000, stopped);
  return deleted;
}

async function sweepOldEvents(ctx: ServerContext, cutoffMs: number, stopped: () => boolean): Promise<number> {
  let deleted = 0;
  let next: string | undefined;
  for (;;) {
    if (stopped()) return deleted;
    // Keys only: the sweep needs each event's key and creating revision, never its body.
    const page = await ctx.store.range(EVENTS_ROOT, { limit: PAGE, keysOnly: true, ...(next ? { after: next } : {}) });
    if (page.kvs.length === 0) return deleted;
    const cluster = eventKeyCluster(page.kvs[0]!.key);
    const old = page.kvs.filter((kv) => kv.key.startsWith(eventsPrefix(cluster)) && eventKeyTime(kv.key) < cutoffMs);
    if (old.length > 0) {
      let newest: EventPosition | undefined;
      for (const kv of old) {
        const p = { r: kv.createRevision, k: kv.key };
        if (after(p, newest)) newest = p;
      }
      const mark = eventsDeletedKey(cluster);
      const deletes = old.map((kv) => ({ delete: kv.key }));
      await commitWithRetry(ctx.store, async () => {
        const cur = await ctx.store.get(mark);
        const prev = cur ? decode<EventPosition>(cur) : undefined;
        const value = prev !== undefined && !after(newest!, prev) ? prev : newest!;
        return {
          txn: { compare: [{ key: mark, modRevision: cur?.modRevision ?? 0 }], success: [{ put: mark, value: json(value) }, ...deletes.slice(0, BATCH)] },
          result: undefined,
        };
      });
      const rest: (typeof deletes)[] = [];
      for (let i = BATCH; i < deletes.length; i += BATCH) rest.push(deletes.slice(i, i + BATCH));
      await Promise.all(rest.map((batch) => ctx.store.txn({ compare: [], success: batch })));
      deleted += old.length;
    }
    // The rest of this cluster is inside the window: go on with the next cluster ('~' sorts after digits).
    next = old.length === page.kvs.length ? old[old.length - 1]!.key : `${eventsPrefix(cluster)}~`;
    if (old.length === page.kvs.length && !page.more) return deleted;
  }
}

/** Sweeps now and then every intervalMs until stop(). Errors are logged, never thrown. */
export function startEventRetention(ctx: ServerContext, opts: { retentionSeconds?: number; intervalMs?: number } = {}): { stop(): void } {
  const retentionSeconds = opts.retentionSeconds ?? DEFAULT_EVENT_RETENTION_SECONDS;
  const intervalMs = opts.intervalMs ?? Math.min(60_000, Math.max(200, retentionSeconds * 250));
  return startPeriodic(ctx, 'event retention sweep', intervalMs, async (stopped) => {
    const started = performance.now();
    const n = await sweepEvents(ctx, retentionSeconds, stopped);
    if (n > 0) ctx.log.info('event retention sweep', { deletedEvents: n, ms: Math.round(performance.now() - started) });
  });
}
