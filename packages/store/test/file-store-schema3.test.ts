// The file store's schema 3 (file-schema.ts: `prev_id`, no index of the log by key): a file written by
// schema 2's code (fixtures/schema2.db, made by fixtures/make-schema2.mjs with main at e411125, which also
// recorded that build's answers in schema2.json) is migrated once at open, and then answers every read as
// schema 2 did: ranges, pages and counts at the newest and at older revisions, getMany, watch replays with
// previous values; later writes, leases and compaction go on from it.
import t from 'tap';
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileStore } from '../src/file-store.js';
import type { KeyValue, WatchEvent } from '../src/store.js';

const fixtures = join(fileURLToPath(new URL('.', import.meta.url)), '../../test/fixtures');
const expected = JSON.parse(readFileSync(join(fixtures, 'schema2.json'), 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'berth-schema3-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

const kv = (x: KeyValue) => ({ key: x.key, value: x.value.toString(), createRevision: x.createRevision, modRevision: x.modRevision, version: x.version, lease: x.lease ?? null });
const k = (p: string, i: number) => `/f/${p}/${String(i).padStart(2, '0')}`;

async function openFixture(name: string): Promise<{ store: FileStore; path: string }> {
  mkdirSync(join(dir, name));
  const path = join(dir, name, 'berth.db');
  copyFileSync(join(fixtures, 'schema2.db'), path);
  return { store: await FileStore.open(path, { historyRevisions: 40 }), path };
}

async function replay(store: FileStore, from: number, to: number) {
  const events: Array<Record<string, unknown>> = [];
  const w = await store.watch('/f/', {
    onError: () => {},
    onEvents: (evs: WatchEvent[], r: number) => events.push(...evs.map((e) => ({
      r,
      type: e.type,
      key: e.type === 'put' ? e.kv.key : e.key,
      value: e.type === 'put' ? e.kv.value.toString() : null,
      prev: e.prevKv ? kv(e.prevKv) : null,
    }))),
  }, { fromRevision: from, prevKv: true });
  while (events.length === 0 || (events[events.length - 1].r as number) < to) await new Promise((r) => setTimeout(r, 10));
  await w.cancel();
  return events;
}

t.test('a schema-2 file is migrated at open and answers as schema 2 did', async (t) => {
  const { store, path } = await openFixture('answers');
  t.equal(await store.revision(), expected.revision);
  t.equal(await store.compactedRevision(), expected.compacted);
  for (const r of expected.ranges) {
    const all = await store.range(r.prefix, { revision: r.at });
    t.same(all.kvs.map(kv), r.all, `range ${r.prefix} at ${r.at}`);
    const page = await store.range(r.prefix, { revision: r.at, limit: 4, after: k('a', 4) });
    t.same(page.kvs.map(kv), r.page, `page ${r.prefix} at ${r.at}`);
    t.equal(page.more, r.pageMore);
    const desc = await store.range(r.prefix, { revision: r.at, limit: 3, reverse: true });
    t.same(desc.kvs.map(kv), r.desc, `reverse page ${r.prefix} at ${r.at}`);
    t.equal(desc.more, r.descMore);
  }
  for (const c of expected.counts) {
    t.equal((await store.range(c.prefix, { revision: c.at, countOnly: true })).count, c.n, `count ${c.prefix} at ${c.at}`);
  }
  t.same((await store.getMany(expected.getMany.keys)).map((x) => (x ? kv(x) : null)), expected.getMany.kvs);
  for (const r of expected.replays) t.same(await replay(store, r.from, expected.revision), r.events, `replay from ${r.from}`);
  await store.close();
  // The layout: version 3, prev_id kept, no index of the log by key.
  const db = new Database(path, { readonly: true });
  t.teardown(() => db.close());
  t.equal(db.pragma('user_version', { simple: true }), 3);
  t.ok((db.pragma('table_info(log)') as Array<{ name: string }>).some((c) => c.name === 'prev_id'));
  t.same((db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'log' ORDER BY name`).all() as Array<{ name: string }>).map((r) => r.name), ['log_lease', 'log_revision']);
});

t.test('after the migration: writes, prevKv, leases and compaction go on from the old rows', async (t) => {
  const opened = await openFixture('writes');
  let store = opened.store;
  const path = opened.path;
  const events: WatchEvent[] = [];
  const from = (await store.revision()) + 1;
  const w = await store.watch('/f/', { onError: () => {}, onEvents: (evs) => events.push(...evs) }, { fromRevision: from, prevKv: true });
  await store.put(k('a', 1), 'fourth1'); // an old row is its previous value
  await store.delete(k('a', 2));
  await store.put(k('a', 2), 'new2'); // created again: no previous value
  await store.put('/f/l/1', 'unleased');
  while (events.length < 4) await new Promise((r) => setTimeout(r, 10));
  await w.cancel();
  t.same(events.map((e) => [e.type, e.type === 'put' ? e.kv.key : e.key, e.prevKv?.value.toString() ?? null]), [
    ['put', k('a', 1), 'third1'],
    ['delete', k('a', 2), 'a2'],
    ['put', k('a', 2), null],
    ['put', '/f/l/1', 'leased'],
  ]);
  const a1 = await store.get(k('a', 1));
  t.equal(a1?.version, 4);
  t.equal((await store.get(k('a', 2)))?.version, 1);
  // Reopened (no second migration), the fixture's leased keys are there; a new lease's revoke deletes its
  // keys only, found through the lease index and `live`.
  const before = await store.revision();
  await store.close();
  store = await FileStore.open(path, { historyRevisions: 40 });
  t.teardown(() => store.close());
  t.same((await store.range('/f/l/')).kvs.map((x) => x.key), ['/f/l/1', '/f/l/2']);
  const lease = await store.grantLease(60);
  await store.put('/f/l/3', 'x', { lease: lease.id });
  await store.put('/f/l/4', 'x', { lease: lease.id });
  await store.put('/f/l/4', 'y'); // no longer on the lease
  await lease.revoke();
  t.same((await store.range('/f/l/')).kvs.map((x) => x.key), ['/f/l/1', '/f/l/2', '/f/l/4']);
  // Compaction past the old rows keeps every newest value and the history above it.
  for (let i = 0; i < 60; i++) await store.put('/f/c/1', `c${i}`);
  const compacted = await store.compactedRevision();
  t.ok(compacted > before, `compacted to ${compacted}`);
  t.same((await store.get(k('a', 1)))?.value.toString(), 'fourth1');
  t.equal((await store.range('/f/a/', { countOnly: true })).count, 30);
  const at = (await store.revision()) - 10;
  t.equal((await store.range('/f/c/', { revision: at })).kvs[0].value.toString(), `c${59 - 10}`);
  await t.rejects(store.range('/f/', { revision: compacted - 1 }), { name: 'CompactedError' });
  await store.close();
  const db = new Database(path, { readonly: true, fileMustExist: true });
  // Compaction left one row of /f/c/1 at or below its revision (the value then), none older.
  t.equal((db.prepare(`SELECT COUNT(*) AS n FROM log WHERE key = ? AND revision <= ?`).get(Buffer.from("/f/c/1"), compacted) as { n: number }).n, 1);
  db.close();
});
