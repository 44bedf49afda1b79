// Removes what one benchmark cluster left in a shared store (etcd): only keys named by this cluster,
// its instances and its task definition families, all under the server's /berth/v1/ layout. Other
// clusters' keys (other people's runs) are never touched; nothing is deleted by a broad prefix.
import { openStore } from '@berth/store';

const ROOT = '/berth/v1/';
const TXN_OPS = 100;

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
    const prefixes = [
      `${ROOT}tasks/${cluster}/`,
      `${ROOT}instances/${cluster}/`,
      `${ROOT}client-tokens/${cluster}/`,
      ...instanceIds.filter((id) => /^[0-9a-f]{32}$/.test(id)).map((id) => `${ROOT}assignments/${id}/`),
      ...families.filter((f) => f && !f.includes('/')).map((f) => `${ROOT}taskdefs/${f}/`),
    ];
    const keys = [
      `${ROOT}clusters/${cluster}`,
      ...instanceIds.filter((id) => /^[0-9a-f]{32}$/.test(id)).map((id) => `${ROOT}sessions/${id}`),
      ...families.filter((f) => f && !f.includes('/')).map((f) => `${ROOT}taskdef-families/${f}`),
    ];
    let found = 0;
    for (const p of prefixes) found += (await store.range(p, { countOnly: true })).count;
    const ops = [...prefixes.map((p) => ({ deletePrefix: p })), ...keys.map((k) => ({ delete: k }))];
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
