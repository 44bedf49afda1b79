// Whether each cluster has Container Insights on, for its agents' sessions (issue 19 §4: an agent labels
// its container series by task only where it is on). The session sends it in its welcome and in every
// heartbeat echo. Read from an informer of the cluster records (issue 14 §2: no cache but informers
// rebuilt from a watch; it was a per-replica answer read again once a heartbeat period old): a setting
// changed through any replica is in the next heartbeat echo of every replica once its watch delivers it
// (milliseconds), and a heartbeat never waits for the store. Memory: every cluster record (ECS's quota is
// 10,000 clusters an account; about 1 KiB each), with its parsed switch; the counts are elsewhere
// (`cluster-stats/`, written every second, not watched here).
import { containerInsightsOn, type Cluster } from '@berth/core';
import type { Logger } from '@berth/api';
import type { Store } from '@berth/store';
import { RecordInformer } from '../informers/records.js';
import { CLUSTERS_PREFIX, clusterKey } from '../state/clusters.js';

const parse = (v: string) => containerInsightsOn((JSON.parse(v) as Cluster).settings);

export class ClusterInsights {
  private readonly clusters: RecordInformer;

  constructor(store: Store, log: Logger) {
    this.clusters = new RecordInformer(store, [CLUSTERS_PREFIX], log, 'clusters');
  }

  /** The switch, once the informer has listed (it waits for the first list, or a relist under way). */
  async get(cluster: string): Promise<boolean> {
    return (await this.clusters.derive(clusterKey(cluster), parse)) ?? false;
  }

  /** The switch as the informer holds it now, without waiting (off before its first list). */
  peek(cluster: string): boolean {
    return this.clusters.peek(clusterKey(cluster), parse) ?? false;
  }

  stop(): Promise<void> {
    return this.clusters.stop();
  }
}
