// The file store's group commit: the writes of one turn share a SQLite transaction, run without
// savepoints; one that throws rolls the transaction back and the batch runs again, each write in its own
// savepoint, so the failing write rejects alone and leaves no trace, and the others commit as if it had
// not been there. And the WAL checkpoint policy the store sets.
import t from 'tap';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from '../src/file-store.js';
import type { WatchEvent } from '../src/store.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-file-group-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

t.test('a write that throws in a group rejects alone, leaves no trace, and the others commit in order', async (t) => {
  const store = await FileStore.open(join(dir, `g${n++}`, 'berth.db'));
  t.teardown(() => store.close());
  const lease = await store.grantLease(60);
  const gone = await store.grantLease(60);
  await store.put('/g/before', 'x');
  await gone.revoke();
  const start = await store.revision();
  const seen: Array<[number, WatchEvent[]]> = [];
  const watch = await store.watch('/g/', { onEvents: (events, revision) => void seen.push([revision, events]), onError: (e) => t.fail(String(e)) });
  t.teardown(() => watch.cancel());

  // One turn: five writes, the third a transaction whose first put succeeds before its second throws
  // (its lease is gone), so the batch's first run is rolled back after changes were made.
  const results = await Promise.allSettled([
    store.put('/g/a', '1'),
    store.txn({ compare: [{ key: '/g/before', modRevision: start }], success: [{ put: '/g/b', value: '2' }] }),
    store.txn({ compare: [], success: [{ put: '/g/c', value: '3' }, { put: '/g/d', value: '4', lease: gone.id }] }),
    store.put('/g/e', '5', { lease: lease.id }),
    store.delete('/g/before'),
  ]);
  t.same(results.map((r) => r.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
  t.match((results[2] as PromiseRejectedResult).reason.message, /lease .* not found/);
  const revisions = results.filter((r) => r.status === 'fulfilled').map((r) => (r.value as { revision: number }).revision);
  t.same(revisions, [start + 1, start + 2, start + 3, start + 4], 'each write that changed something at the next revision, none skipped');
  t.same((results[1] as PromiseFulfilledResult<{ succeeded: boolean }>).value.succeeded, true);

  const kvs = (await store.range('/g/')).kvs.map((kv) => [kv.key, kv.value.toString(), kv.modRevision]);
  t.same(kvs, [['/g/a', '1', start + 1], ['/g/b', '2', start + 2], ['/g/e', '5', start + 3]], 'the failed transaction left neither of its puts');
  t.equal(await store.revision(), start + 4);
  // The history agrees: nothing at a revision of the failed write, and the watchers heard each commit once.
  t.same((await store.range('/g/', { revision: start + 2 })).kvs.map((kv) => kv.key), ['/g/a', '/g/b', '/g/before']);
  for (let i = 0; i < 500 && seen.length < 4; i++) await new Promise((r) => setTimeout(r, 10));
  t.same(seen.map(([rev, evs]) => [rev, evs.map((e) => `${e.type} ${e.type === 'put' ? e.kv.key : e.key}`)]), [
    [start + 1, ['put /g/a']],
    [start + 2, ['put /g/b']],
    [start + 3, ['put /g/e']],
    [start + 4, ['delete /g/before']],
  ]);

  // The store's revision is on disk: a reopened store goes on from it.
  await watch.cancel();
  await store.close();
  const again = await FileStore.open(join(dir, `g${n - 1}`, 'berth.db'));
  t.equal(await again.revision(), start + 4);
  t.equal((await again.put('/g/f', '6')).revision, start + 5);
  await again.close();
});

t.test('a group whose every write throws changes nothing', async (t) => {
  const store = await FileStore.open(join(dir, `g${n++}`, 'berth.db'));
  t.teardown(() => store.close());
  const gone = await store.grantLease(60);
  await gone.revoke();
  const start = await store.revision();
  const results = await Promise.allSettled([
    store.put('/h/a', '1', { lease: gone.id }),
    store.txn({ compare: [], success: [{ put: '/h/b', value: '2' }, { put: '/h/c', value: '3', lease: gone.id }] }),
  ]);
  t.same(results.map((r) => r.status), ['rejected', 'rejected']);
  t.equal(await store.revision(), start);
  t.same((await store.range('/h/')).kvs, []);
  t.equal((await store.put('/h/d', '4')).revision, start + 1);
});

t.test('the WAL holds up to 10,000 pages before a commit checkpoints it (SQLite\'s default: 1,000)', async (t) => {
  const path = join(dir, `g${n++}`, 'berth.db');
  const store = await FileStore.open(path);
  t.teardown(() => store.close());
  // ~2,500 pages of commits, one at a time: with a checkpoint each 1,000 pages the WAL would start over
  // at its beginning and stay near 1,000 pages long.
  const value = Buffer.alloc(20_000, 7);
  for (let i = 0; i < 400; i++) await store.put(`/w/${i}`, value);
  const pages = statSync(path + '-wal').size / (4096 + 24);
  t.ok(pages > 2000, `the WAL holds ${Math.round(pages)} pages`);
  t.ok(pages < 10_000);
  // What the WAL holds is read as the file's: a reopened store has every key.
  await store.close();
  const again = await FileStore.open(path);
  t.equal((await again.range('/w/', { countOnly: true })).count, 400);
  await again.close();
});
