// Clusters: one record per name (the ECS Cluster; an INACTIVE one stays describable), and beside it the
// cluster's counts as the leader last aggregated them (controllers/leader/cluster-stats.ts): written about
// once a second from the index changes, so no launch or report ever writes a per-cluster key (that would
// serialise the cluster), and DescribeClusters reads one key instead of counting.
import type { Cluster } from '@berth/core';
import type { Op, Store } from '@berth/store';
import { ROOT, decode, getJSON, json, type Versioned } from './kit.js';

export const CLUSTERS_PREFIX = ROOT + 'clusters/';
export const clusterKey = (name: string) => `${CLUSTERS_PREFIX}${name}`;
const STATS_PREFIX = ROOT + 'cluster-stats/';
export const clusterStatsKey = (name: string) => `${STATS_PREFIX}${name}`;

/** What DescribeClusters counts, as of the leader's last aggregation (ECS's meanings). */
export interface ClusterStats {
  /** ACTIVE and DRAINING container instances. */
  registeredContainerInstancesCount: number;
  /** Tasks whose lastStatus is RUNNING. */
  runningTasksCount: number;
  /** Tasks whose lastStatus is PENDING. */
  pendingTasksCount: number;
  /** ACTIVE and DRAINING services. */
  activeServicesCount: number;
}

export const NO_STATS: ClusterStats = { registeredContainerInstancesCount: 0, runningTasksCount: 0, pendingTasksCount: 0, activeServicesCount: 0 };

export function getCluster(store: Store, name: string): Promise<Versioned<Cluster> | null> {
  return getJSON<Cluster>(store, clusterKey(name));
}

export function putClusterOp(cluster: Cluster): Op & { put: string } {
  return { put: clusterKey(cluster.clusterName!), value: json(cluster) };
}

/** A page of cluster records in name order, after `after` (a cluster key). */
export async function clustersPage(store: Store, after: string | undefined, limit: number): Promise<{ clusters: { key: string; cluster: Cluster }[]; more: boolean }> {
  const page = await store.range(CLUSTERS_PREFIX, { limit, ...(after ? { after } : {}) });
  return { clusters: page.kvs.map((kv) => ({ key: kv.key, cluster: decode<Cluster>(kv) })), more: page.more };
}

export async function clusterStats(store: Store, name: string): Promise<ClusterStats> {
  return (await getJSON<ClusterStats>(store, clusterStatsKey(name)))?.value ?? NO_STATS;
}

export function putClusterStatsOp(name: string, stats: ClusterStats): Op {
  return { put: clusterStatsKey(name), value: json(stats) };
}
