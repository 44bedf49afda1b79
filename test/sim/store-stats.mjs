// How big a store is: live keys by kind (the first path segment under the root: tasks, events,
// assignments, instances, ...), the file store's bytes on disk, and etcd's database size. For the
// scenarios that watch a store over time (test/bench/churn.mjs); none of this is on a hot path.
import { statSync } from 'node:fs';

/**
 * Live keys under `root` by kind, with one count-only range per kind: kinds are discovered by asking
 * for the first key after the previous kind, so a kind the server adds later is counted too.
 * @returns {Promise<Record<string, number>>}
 */
export async function keysByKind(store, root) {
  const counts = {};
  let after;
  for (;;) {
    const next = (await store.range(root, { limit: 1, ...(after ? { after } : {}) })).kvs[0];
    if (!next) return counts;
    const rest = next.key.slice(root.length);
    const slash = rest.indexOf('/');
    if (slash < 0) {
      // A single key (the schema version, the leader key).
      counts[rest] = (counts[rest] ?? 0) + 1;
      after = next.key;
      continue;
    }
    const kind = rest.slice(0, slash);
    counts[kind] = (counts[kind] ?? 0) + (await store.range(`${root}${kind}/`, { countOnly: true })).count;
    // '0' is the byte after '/': the next key past everything under KIND/.
    after = `${root}${kind}0`;
  }
}

/** The file store's SQLite database, its write-ahead log and shared-memory index, in bytes on disk. */
export function fileStoreBytes(path) {
  const size = (p) => {
    try {
      return statSync(p).size;
    } catch {
      return 0;
    }
  };
  const db = size(path);
  const wal = size(`${path}-wal`);
  const shm = size(`${path}-shm`);
  return { db, wal, shm, total: db + wal + shm };
}

/** etcd's backend size (dbSize: the file; dbSizeInUse: its live pages) via its JSON gateway; undefined when not available. */
export async function etcdStatus(url) {
  try {
    const host = url.replace('etcd://', '').split(',')[0];
    const r = await fetch(`http://${host}/v3/maintenance/status`, { method: 'POST', body: '{}', signal: AbortSignal.timeout(3000) });
    const s = await r.json();
    const dbSize = Number(s.dbSize);
    if (!dbSize) return undefined;
    return { dbSize, dbSizeInUse: Number(s.dbSizeInUse ?? s.dbSize) };
  } catch {
    return undefined;
  }
}

/**
 * Defragments etcd (its JSON gateway's maintenance call) when its file holds far more free pages than live
 * ones, as an operator's periodic defrag would: a long-lived test etcd collects gigabytes of free pages from
 * earlier runs, and bbolt's allocation and commits slow down with them. Returns what it found and did.
 */
export async function etcdDefragmentIfBloated(url) {
  const before = await etcdStatus(url);
  if (!before || before.dbSize <= 2 * before.dbSizeInUse + 256 * 2 ** 20) return { before, defragmented: false };
  const host = url.replace('etcd://', '').split(',')[0];
  const r = await fetch(`http://${host}/v3/maintenance/defragment`, { method: 'POST', body: '{}', signal: AbortSignal.timeout(120_000) });
  if (!r.ok) throw new Error(`etcd defragment: HTTP ${r.status} ${await r.text()}`);
  return { before, after: await etcdStatus(url), defragmented: true };
}
