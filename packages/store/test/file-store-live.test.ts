// The file store's table of live keys (schema 2): a store written before it (schema 1) is opened with the
// table filled from its log (and, for schema 3, prev_id), and ranges of the newest state then answer what
// the log says.
import t from 'tap';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from '../src/file-store.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-file-live-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

const listing = async (store: FileStore, prefix: string) => (await store.range(prefix)).kvs.map((kv) => `${kv.key}=${kv.value.toString()}`);

t.test('a schema-1 store gets its live keys from the log at open', async (t) => {
  const path = join(dir, 'v1', 'berth.db');
  let store = await FileStore.open(path);
  for (let i = 0; i < 20; i++) await store.put(`/p/${String(i).padStart(2, '0')}`, `a${i}`);
  for (let i = 0; i < 20; i += 3) await store.delete(`/p/${String(i).padStart(2, '0')}`);
  for (let i = 1; i < 20; i += 4) await store.put(`/p/${String(i).padStart(2, '0')}`, `b${i}`);
  const before = await listing(store, '/p/');
  const revision = await store.revision();
  await store.close();
  // What a berth of schema 1 left: the log without the table, without prev_id (schema 3), indexed by key.
  const db = new Database(path);
  db.exec('DROP TABLE live; ALTER TABLE log DROP COLUMN prev_id; CREATE UNIQUE INDEX log_key_revision ON log (key, revision)');
  db.pragma('user_version = 1');
  db.close();

  store = await FileStore.open(path);
  t.teardown(() => store.close());
  t.same(await listing(store, '/p/'), before);
  t.equal((await store.range('/p/', { countOnly: true })).count, before.length);
  t.equal(await store.revision(), revision);
  // Writes after the upgrade keep the table: a deleted key leaves the newest state, a new one joins it.
  await store.delete('/p/01');
  await store.put('/p/00', 'c');
  t.same(await listing(store, '/p/'), ['/p/00=c', ...before.filter((kv) => !kv.startsWith('/p/01='))].sort());
});

t.test('a range of the newest state skips the keys deleted under its prefix', async (t) => {
  const store = await FileStore.open(join(dir, 'deleted', 'berth.db'));
  t.teardown(() => store.close());
  for (let i = 0; i < 500; i++) await store.put(`/q/a/${String(i).padStart(3, '0')}`, 'x');
  await store.put('/q/b/1', 'y');
  for (let i = 0; i < 250; i++) await store.delete(`/q/a/${String(i).padStart(3, '0')}`);
  await store.txn({ compare: [], success: [{ deletePrefix: '/q/a/' }] });
  const page = await store.range('/q/', { limit: 1 });
  t.same(page.kvs.map((kv) => kv.key), ['/q/b/1']);
  t.equal(page.more, false);
  t.same((await store.range('/q/', { reverse: true, limit: 5 })).kvs.map((kv) => kv.key), ['/q/b/1']);
});
