// The latest container statistics of each container instance (issue 19 §1): one record per instance,
// apart from the instance record, so no instance event is written for it and the instance's revision
// (which placement compares) does not move. It is put on the agent's session lease: when the agent's
// session ends, the record goes with it, and a reader sees a gap, never stale figures or zeros.
import type { InstanceStatistics } from '@berth/core';
import type { Store } from '@berth/store';
import { ROOT, decode, getJSON, json, rangeAll, type Versioned } from './kit.js';

export const INSTANCE_STATISTICS_PREFIX = ROOT + 'instance-statistics/';
export const instanceStatisticsKey = (cluster: string, instanceId: string) => `${INSTANCE_STATISTICS_PREFIX}${cluster}/${instanceId}`;

export interface InstanceStatisticsRecord extends InstanceStatistics {
  /** Control-plane clock, epoch seconds: when it was written. */
  receivedAt: number;
}

export async function putInstanceStatistics(store: Store, cluster: string, instanceId: string, rec: InstanceStatisticsRecord, lease?: string): Promise<void> {
  await store.put(instanceStatisticsKey(cluster, instanceId), json(rec), lease ? { lease } : {});
}

export function getInstanceStatistics(store: Store, cluster: string, instanceId: string): Promise<Versioned<InstanceStatisticsRecord> | null> {
  return getJSON<InstanceStatisticsRecord>(store, instanceStatisticsKey(cluster, instanceId));
}

/** Every instance's latest statistics, with its cluster and id (the leader's metric derivation, once a period; never a request path). */
export async function allInstanceStatistics(store: Store): Promise<{ cluster: string; instanceId: string; rec: InstanceStatisticsRecord }[]> {
  return (await rangeAll(store, INSTANCE_STATISTICS_PREFIX)).map((kv) => {
    const [cluster, instanceId] = kv.key.slice(INSTANCE_STATISTICS_PREFIX.length).split('/') as [string, string];
    return { cluster, instanceId, rec: decode<InstanceStatisticsRecord>(kv) };
  });
}
