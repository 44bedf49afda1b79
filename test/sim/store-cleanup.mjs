// Removes what one benchmark cluster left in a shared store (etcd): only keys named by this cluster, its
// instances and its task definition families, as the server's state layer names them (clusterPurgeOps).
// Other clusters' keys (other people's runs) are never touched; nothing is deleted by a broad prefix.
import { openStore } from '@berth/store';
import { clusterPurgeOps } from '@berth/server';

const TXN_OPS = 100;
const HEX32 = /^[0-9a-f]{32}$/;

/**
 * @param {string} storeUrl      e.g. etcd://127.0.0.1:2379
 * @param {string} cluster
 * @param {string[]} instanceIds container instance ids (32 hex) registered in the cluster
 * @param {string[]} families    task definition families registered for the run
 * @returns {Promise<number>}    keys found under the deleted prefixes (before deletion)
 */
export async function deleteClusterKeys(storeUrl, cluster, instanceIds, families = []) {
  if (!cluster || cluster.includes('/')) throw new Error(`refusing to clean up cluster "${cluster}"`);
  const store = await openStore(storeUrl);
  try {
    const ops = clusterPurgeOps(cluster, instanceIds.filter((id) => HEX32.test(id)), families.filter((f) => f && !f.includes('/')));
    let found = 0;
    for (const op of ops) if ('deletePrefix' in op) found += (await store.range(op.deletePrefix, { countOnly: true })).count;
    for (let i = 0; i < ops.length; i += TXN_OPS) await store.txn({ compare: [], success: ops.slice(i, i + TXN_OPS) });
    return found;
  } finally {
    await store.close();
  }
}

/** True when an etcd answers at the URL (a quick probe, so a scenario can skip the etcd run). */
export async function storeReachable(storeUrl, timeoutMs = 3000) {
  try {
    const store = await Promise.race([openStore(storeUrl), new Promise((_, rej) => setTimeout(() => rej(new Error('timeout')), timeoutMs))]);
    try {
      await Promise.race([store.revision(), new Promise((_, rej) => setTimeout(() => rej(new Error('timeout')), timeoutMs))]);
      return true;
    } finally {
      await store.close().catch(() => {});
    }
  } catch {
    return false;
  }
}
