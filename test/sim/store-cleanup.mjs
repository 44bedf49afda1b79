// Removes what one benchmark run left in a shared store (etcd): the namespace its server kept its keys
// under (server-process.mjs), and nothing else: other people's keys are never touched.
import { PrefixedStore, openStore } from '@berth/store';

/**
 * @param {string} storeUrl   e.g. etcd://127.0.0.1:2379
 * @param {string} namespace  the run's prefix (/berth-bench/NAME)
 * @returns {Promise<number>} keys found in the namespace (before deletion)
 */
export async function clearNamespace(storeUrl, namespace) {
  if (!/^\/berth-bench\/[^/]+$/.test(namespace ?? '')) throw new Error(`refusing to clear namespace "${namespace}"`);
  const store = new PrefixedStore(await openStore(storeUrl), namespace);
  try {
    const found = (await store.inner.range(namespace + '/', { countOnly: true })).count;
    await store.clear();
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
