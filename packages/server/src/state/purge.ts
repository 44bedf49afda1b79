// Everything one cluster left in a store, as delete ops: what a benchmark removes from a shared etcd after
// its run (test/sim/store-cleanup.mjs), by the prefixes and keys the state modules name, never a broad
// prefix. Entries indexed by time across clusters (tasks by stop time, clientTokens by review time) are
// not named: retention removes them once their records are gone.
import type { Op } from '@berth/store';
import { clusterKey, clusterStatsKey } from './clusters.js';
import { instancesByStatusPrefix, instancesPrefix } from './instances.js';
import { clusterTaskPrefixes, familyTaskPrefix } from './tasks.js';
import { clusterServicePrefixes } from './services.js';
import { clusterTaskSetsPrefix } from './task-sets.js';
import { clusterTokensPrefix } from './client-tokens.js';
import { eventsDeletedKey, eventsPrefix } from './events.js';
import { assignmentsPrefix } from './assignments.js';
import { sessionKey } from './sessions.js';
import { familyKey, familyPrefixes } from './task-definitions.js';

/** The ops that remove a cluster, the assignments and sessions of its instances, and its task definition families. */
export function clusterPurgeOps(cluster: string, instanceIds: readonly string[], families: readonly string[] = []): Op[] {
  const prefixes = [
    instancesPrefix(cluster), instancesByStatusPrefix(cluster), ...clusterTaskPrefixes(cluster), ...clusterServicePrefixes(cluster),
    clusterTaskSetsPrefix(cluster), clusterTokensPrefix(cluster), eventsPrefix(cluster),
    ...instanceIds.map(assignmentsPrefix),
    ...families.flatMap((f) => [...familyPrefixes(f), familyTaskPrefix(f)]),
  ];
  const keys = [clusterKey(cluster), clusterStatsKey(cluster), eventsDeletedKey(cluster), ...instanceIds.map(sessionKey), ...families.map(familyKey)];
  return [...prefixes.map((p) => ({ deletePrefix: p })), ...keys.map((k) => ({ delete: k }))];
}
