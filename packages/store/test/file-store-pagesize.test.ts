// The file store's page size: a new file has SQLite's default 4 KB pages (the store sets none: 1-16 KB were
// replayed and none was clearly better, docs/benchmarks.md "pagesize (session 14)"), and a file whose pages
// are another size (made by hand, or by a later berth that chose one) keeps them: the conformance suite
// runs on such files, and a reopened one answers what it stored.
import t from 'tap';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { FileStore } from '../src/file-store.js';
import { conformance } from './conformance.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-file-store-pagesize-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

/** The page size written in the file's header. */
function pageSizeOf(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('page_size', { simple: true }) as number;
  } finally {
    db.close();
  }
}

/** An empty SQLite file with `size`-byte pages, in WAL mode (switching to WAL writes the header). */
function fileWithPages(file: string, size: number): void {
  mkdirSync(join(file, '..'), { recursive: true });
  const db = new Database(file);
  db.pragma(`page_size = ${size}`);
  db.pragma('journal_mode = WAL');
  db.close();
}

t.test('a new file has 4 KB pages', async (t) => {
  const file = join(dir, 'new', 'berth.db');
  const store = await FileStore.open(file);
  await store.put('/berth/v1/a', 'x'.repeat(3000));
  await store.close();
  t.equal(pageSizeOf(file), 4096);
});

t.test('a file of 8 KB pages keeps them, and what it stored, across a reopen', async (t) => {
  const file = join(dir, 'reopen', 'berth.db');
  fileWithPages(file, 8192);
  let store = await FileStore.open(file);
  const values = new Map<string, string>();
  for (let i = 0; i < 200; i++) {
    const key = `/berth/v1/tasks/c/${String(i).padStart(4, '0')}`;
    const value = `{"n":${i},"pad":"${'y'.repeat(i * 20)}"}`;
    values.set(key, value);
    await store.put(key, value);
  }
  const { revision } = await store.delete('/berth/v1/tasks/c/0007');
  values.delete('/berth/v1/tasks/c/0007');
  await store.close();
  t.equal(pageSizeOf(file), 8192);

  store = await FileStore.open(file);
  t.teardown(() => store.close());
  t.equal(await store.revision(), revision);
  const all = await store.range('/berth/v1/tasks/c/');
  t.same(all.kvs.map((kv) => [kv.key, kv.value.toString('utf8')]), [...values]);
  t.equal(await store.get('/berth/v1/tasks/c/0007'), null);
  await store.put('/berth/v1/tasks/c/0007', 'again');
  t.equal((await store.get('/berth/v1/tasks/c/0007'))?.value.toString('utf8'), 'again');
  await store.close();
  t.equal(pageSizeOf(file), 8192);
});

// The whole suite on files whose pages are 8 KB; each file is checked after its store closes.
const files: string[] = [];
let n = 0;
conformance(t, 'file, 8 KB pages', async () => {
  const file = join(dir, `c${n++}`, 'berth.db');
  fileWithPages(file, 8192);
  files.push(file);
  const store = await FileStore.open(file);
  return { store, cleanup: () => store.close() };
});

t.test('every conformance file still has 8 KB pages', async (t) => {
  t.ok(files.length > 10);
  for (const file of files) t.equal(pageSizeOf(file), 8192, file);
});
