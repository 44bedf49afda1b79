// DescribeClusters' counts, aggregated by the leader: each cluster's ACTIVE and DRAINING instances, ACTIVE
// and DRAINING services, and tasks whose lastStatus is RUNNING or PENDING (ECS's meanings, from the same
// status indexes every other reader counts). Counted once per term from the indexes (count-only ranges at
// one revision), then kept by watching the indexes from the next revision (an index key created is one
// more, one deleted is one less), and written about once a second for the clusters that changed. So no
// launch or report ever writes a per-cluster key (which every writer in the cluster would then contend
// on), and DescribeClusters reads one key; its counts lag the store by about a second, as ECS's do.
import { CompactedError, type Watch, type WatchEvent } from '@berth/store';
import type { ServerContext } from '../../context.js';
import { NO_STATS, clusterStats, clustersPage, putClusterStatsOp, type ClusterStats } from '../../state/clusters.js';
import { INSTANCES_BY_STATUS_ROOT, instancesByStatusPrefix, parseInstanceIndexKey } from '../../state/instances.js';
import { SERVICES_BY_STATUS_ROOT, parseServiceIndexKey, servicesByStatusPrefix } from '../../state/services.js';
import { TASKS_BY_STATUS_ROOT, parseStatusIndexKey, tasksByStatusPrefix } from '../../state/tasks.js';

const RETRY_MS = 1000;

export interface ClusterStatsController {
  /** Writes what changed now (tests; the timer does it every flushMs). */
  flush(): Promise<void>;
  /** Entries of each in-memory map (tests: they shrink when clusters empty out). */
  sizes(): Record<string, number>;
  stop(): Promise<void>;
}

/** Which count an index key moves, if any. */
function counted(key: string): { cluster: string; field: keyof ClusterStats } | undefined {
  if (key.startsWith(TASKS_BY_STATUS_ROOT)) {
    const { cluster, status } = parseStatusIndexKey(key);
    if (status === 'RUNNING') return { cluster, field: 'runningTasksCount' };
    if (status === 'PENDING') return { cluster, field: 'pendingTasksCount' };
  } else if (key.startsWith(INSTANCES_BY_STATUS_ROOT)) {
    const { cluster, status } = parseInstanceIndexKey(key);
    if (status === 'ACTIVE' || status === 'DRAINING') return { cluster, field: 'registeredContainerInstancesCount' };
  } else if (key.startsWith(SERVICES_BY_STATUS_ROOT)) {
    const { cluster, status } = parseServiceIndexKey(key);
    if (status === 'ACTIVE' || status === 'DRAINING') return { cluster, field: 'activeServicesCount' };
  }
  return undefined;
}

/** All zero (an empty or deleted cluster): statsOf gives the same from nothing, so the map keeps nothing. */
const isZero = (s: ClusterStats) => Object.values(s).every((n) => n === 0);

export function startClusterStats(ctx: ServerContext, opts: { flushMs?: number } = {}): ClusterStatsController {
  let counts = new Map<string, ClusterStats>();
  const dirty = new Set<string>();
  let watches: Watch[] = [];
  let stopped = false;
  let generation = 0;

  const statsOf = (cluster: string) => {
    let s = counts.get(cluster);
    if (!s) counts.set(cluster, (s = { ...NO_STATS }));
    return s;
  };

  function apply(events: WatchEvent[]): void {
    for (const e of events) {
      // Index keys are created once per state: a put of version 1 is one more, a delete one less.
      if (e.type === 'put' && e.kv.version !== 1) continue;
      const c = counted(e.type === 'put' ? e.kv.key : e.key);
      if (!c) continue;
      statsOf(c.cluster)[c.field] += e.type === 'put' ? 1 : -1;
      dirty.add(c.cluster);
    }
  }

  async function count(cluster: string, revision: number): Promise<ClusterStats> {
    const n = async (prefixes: string[]) => {
      let total = 0;
      for (const p of prefixes) total += (await ctx.store.range(p, { countOnly: true, revision })).count ?? 0;
      return total;
    };
    return {
      registeredContainerInstancesCount: await n(['ACTIVE', 'DRAINING'].map((s) => instancesByStatusPrefix(cluster, s))),
      runningTasksCount: await n([tasksByStatusPrefix(cluster, 'RUNNING')]),
      pendingTasksCount: await n([tasksByStatusPrefix(cluster, 'PENDING')]),
      activeServicesCount: await n(['ACTIVE', 'DRAINING'].map((s) => servicesByStatusPrefix(cluster, s))),
    };
  }

  /** Counts every cluster at one revision, then watches the indexes from the next. */
  async function start(): Promise<void> {
    const gen = ++generation;
    const current = () => gen === generation && !stopped;
    await Promise.all(watches.splice(0).map((w) => w.cancel().catch(() => {})));
    const revision = await ctx.store.revision();
    const fresh = new Map<string, ClusterStats>();
    let after: string | undefined;
    for (;;) {
      const page = await clustersPage(ctx.store, after, 100);
      for (const { key, cluster } of page.clusters) {
        after = key;
        const name = cluster.clusterName!;
        const c = await count(name, revision);
        if (JSON.stringify(await clusterStats(ctx.store, name)) !== JSON.stringify(c)) dirty.add(name);
        if (!isZero(c)) fresh.set(name, c);
      }
      if (!page.more || page.clusters.length === 0) break;
    }
    if (!current()) return;
    counts = fresh;
    for (const prefix of [TASKS_BY_STATUS_ROOT, INSTANCES_BY_STATUS_ROOT, SERVICES_BY_STATUS_ROOT]) {
      const w = await ctx.store.watch(prefix, {
        onEvents: (events) => {
          if (current()) apply(events);
        },
        onError: (err) => {
          if (!current()) return;
          ctx.log.warn('cluster counts watch ended; counting again', { error: err.message, compacted: err instanceof CompactedError });
          restart();
        },
      }, { fromRevision: revision + 1 });
      if (!current()) {
        await w.cancel().catch(() => {});
        return;
      }
      watches.push(w);
    }
  }

  function restart(): void {
    void start().catch((e) => {
      if (stopped) return;
      ctx.log.warn('cluster counts could not start; retrying', { error: String((e as Error)?.message ?? e) });
      setTimeout(restart, RETRY_MS).unref();
    });
  }

  let flushing: Promise<void> = Promise.resolve();
  function flush(): Promise<void> {
    flushing = flushing.then(async () => {
      const names = [...dirty];
      dirty.clear();
      for (const name of names) {
        try {
          const stats = statsOf(name);
          await ctx.store.txn({ compare: [], success: [putClusterStatsOp(name, stats)] });
          if (!dirty.has(name) && isZero(stats)) counts.delete(name);
        } catch (e) {
          dirty.add(name);
          if (!stopped) ctx.log.warn('cluster counts could not be written', { cluster: name, error: String((e as Error)?.message ?? e) });
        }
      }
    });
    return flushing;
  }

  restart();
  const timer = setInterval(() => void flush(), opts.flushMs ?? 1000);
  timer.unref();
  return {
    flush,
    sizes: () => ({ clusters: counts.size, dirty: dirty.size }),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.all(watches.splice(0).map((w) => w.cancel().catch(() => {})));
      await flushing;
    },
  };
}
