// Whether each cluster has Container Insights on, for its agents' sessions (issue 19 §4: an agent labels
// its container series by task only where it is on). The session sends it in its welcome and in every
// heartbeat echo; the answer is cached per cluster and read again once it is older than the refresh
// period, so a replica reads a cluster's record at most once a period whatever its number of agents, and
// a heartbeat never waits for the store.
import { containerInsightsOn } from '@berth/core';
import type { Store } from '@berth/store';
import { getCluster } from '../state/clusters.js';

export class ClusterInsights {
  private readonly known = new Map<string, { on: boolean; at: number; reading?: Promise<boolean> }>();

  constructor(private readonly store: Store, private readonly refreshMs: number) {}

  /** The answer, read from the store (or the read already under way) when this replica has none yet. */
  async get(cluster: string): Promise<boolean> {
    const k = this.known.get(cluster);
    if (!k || k.at === 0) return k?.reading ?? this.read(cluster);
    return this.peek(cluster);
  }

  /** The cached answer (off until read), and a read in the background when it is stale. */
  peek(cluster: string): boolean {
    const k = this.known.get(cluster);
    if (!k || (Date.now() - k.at > this.refreshMs && !k.reading)) void this.read(cluster).catch(() => undefined);
    return k?.on ?? false;
  }

  private read(cluster: string): Promise<boolean> {
    const k = this.known.get(cluster);
    if (k?.reading) return k.reading;
    const reading = getCluster(this.store, cluster).then(
      (rec) => {
        const on = containerInsightsOn(rec?.value.settings);
        this.known.set(cluster, { on, at: Date.now() });
        return on;
      },
      (e: unknown) => {
        // Kept as it was (off if never read) until a later read succeeds.
        this.known.set(cluster, { on: k?.on ?? false, at: k?.at ?? 0 });
        throw e;
      },
    );
    this.known.set(cluster, { on: k?.on ?? false, at: k?.at ?? 0, reading });
    return reading;
  }
}
