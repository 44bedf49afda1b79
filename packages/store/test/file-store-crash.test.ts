// The file store across process death and restarts: acknowledged writes survive kill -9, the history
// stays bounded, revisions never go back, leases survive a restart, and only one process owns a file.
import t from 'tap';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { FileStore } from '../src/file-store.js';
import { CompactedError } from '../src/store.js';
import type { WatchEvent } from '../src/store.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-file-crash-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

const writer = fileURLToPath(new URL('./fixtures/crash-writer.js', import.meta.url));
const fileStoreModule = new URL('../src/file-store.js', import.meta.url).href;

/** Runs node with `args`, collecting stdout lines; resolves with the child once `ready` returns true. */
function run(args: string[]) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    partial += chunk;
    const parts = partial.split('\n');
    partial = parts.pop()!; // an unterminated line was not fully acknowledged
    lines.push(...parts);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, lines, exited, stderr: () => stderr };
}

t.test('every acknowledged write survives kill -9', async (t) => {
  const path = join(dir, 'crash', 'berth.db');
  const w = run([writer, path]);
  const start = Date.now();
  while (!w.lines.includes('ready')) {
    if (Date.now() - start > 10_000) throw new Error(`writer did not start: ${w.stderr()}`);
    await sleep(10);
  }
  await sleep(300);
  w.child.kill('SIGKILL');
  await w.exited;
  const acked = w.lines.filter((l) => l !== 'ready');
  t.ok(acked.length > 10, `${acked.length} writes acknowledged in ~300 ms before SIGKILL`);

  const store = await FileStore.open(path);
  t.teardown(() => store.close());
  let missing = 0;
  for (const line of acked) {
    for (const key of line.split(' ')) {
      const i = /(\d+)/.exec(key)![1];
      const kv = await store.get(key);
      if (kv?.value.toString() !== `value-${i}`) missing++;
    }
  }
  t.equal(missing, 0, 'all acknowledged keys present with their values');
  // Whatever was in flight at the kill: a txn is all there or not at all.
  const txnKeys = (await store.range('/crash/txn')).kvs.map((kv) => kv.key);
  const groups = new Map<string, number>();
  for (const k of txnKeys) groups.set(k.slice(0, k.lastIndexOf('/')), (groups.get(k.slice(0, k.lastIndexOf('/'))) ?? 0) + 1);
  t.same([...groups.values()].filter((n) => n !== 2), [], 'no half-applied txn');
  const total = (await store.range('/crash/', { countOnly: true })).count ?? 0;
  t.ok(total >= acked.length, `${total} keys on disk`);
  t.ok((await store.revision()) >= acked.length, 'revision counter recovered');
});

t.test('history is bounded by historyRevisions', async (t) => {
  const path = join(dir, 'bounded.db');
  const history = 50;
  const store = await FileStore.open(path, { historyRevisions: history });
  const first = (await store.put('/keep/forever', 'never rewritten')).revision;
  await store.put('/gone', 'x');
  await store.delete('/gone');
  for (let i = 0; i < 500; i++) await store.put(`/hot/k${i % 10}`, `v${i}`);
  const rev = await store.revision();
  const compacted = await store.compactedRevision();
  t.ok(compacted > 0, `compacted to ${compacted} at revision ${rev}`);
  t.ok(rev - compacted >= history, 'keeps at least historyRevisions');
  t.ok(rev - compacted <= history + Math.ceil(history / 10), 'and at most a tenth more');
  t.match(await store.get('/keep/forever'), { createRevision: first, modRevision: first }, 'old live keys stay');
  t.equal((await store.range('/hot/', { withCount: true })).count, 10);

  // The kept history replays; one revision older is gone.
  const events: WatchEvent[] = [];
  const errors: Error[] = [];
  const handlers = { onEvents: (e: WatchEvent[]) => events.push(...e), onError: (e: Error) => errors.push(e) };
  const ok = await store.watch('/hot/', handlers, { fromRevision: compacted });
  const tooOld = await store.watch('/hot/', handlers, { fromRevision: compacted - 1 });
  await sleep(100);
  t.equal(events.length, rev - compacted + 1, 'every kept revision replayed');
  t.equal(errors.length, 1);
  t.type(errors[0], CompactedError);
  await ok.cancel();
  await tooOld.cancel();
  await store.close();

  const db = new Database(path, { readonly: true });
  const rows = (db.prepare('SELECT COUNT(*) AS n FROM log').get() as { n: number }).n;
  db.close();
  // 11 live keys plus the kept history (one row per revision here).
  t.ok(rows <= 11 + history + Math.ceil(history / 10) + 1, `${rows} log rows after ${rev} revisions`);
});

t.test('the revision counter never goes back across reopen', async (t) => {
  const path = join(dir, 'monotonic.db');
  let store = await FileStore.open(path);
  await store.put('/a', '1');
  await store.delete('/a');
  const rev = (await store.put('/b', '2')).revision;
  await store.delete('/b');
  const last = await store.revision();
  t.ok(last > rev);
  await store.compact(last); // drops every tombstone below the newest revision
  await store.close();

  store = await FileStore.open(path);
  t.equal(await store.revision(), last, 'same revision after reopen');
  const next = (await store.put('/c', '3')).revision;
  t.ok(next > last, 'the next write is newer than anything before');
  t.equal(await store.compactedRevision(), last, 'compaction point kept');
  await store.close();
});

t.test('leases from a previous process get a fresh TTL, then expire', async (t) => {
  const path = join(dir, 'leases.db');
  let store = await FileStore.open(path);
  const lease = await store.grantLease(1); // kept alive while open
  await store.put('/eph/a', 'x', { lease: lease.id });
  await sleep(1200);
  t.ok(await store.get('/eph/a'), 'auto keepalive while open');
  await store.close();
  await sleep(1200); // longer than the TTL while nobody runs the store

  store = await FileStore.open(path);
  t.teardown(() => store.close());
  t.ok(await store.get('/eph/a'), 'not expired at once on open');
  const deleted: string[] = [];
  await store.watch('/eph/', {
    onEvents: (events) => deleted.push(...events.filter((e) => e.type === 'delete').map((e) => (e.type === 'delete' ? e.key : ''))),
    onError: () => undefined,
  });
  const start = Date.now();
  while (deleted.length === 0 && Date.now() - start < 3000) await sleep(50);
  t.same(deleted, ['/eph/a'], `expired ${Date.now() - start} ms after reopen, with a delete event`);
  t.equal(await store.get('/eph/a'), null);
});

t.test('only one opener per file', async (t) => {
  const path = join(dir, 'owned', 'berth.db');
  const store = await FileStore.open(path);
  await store.put('/owner', 'first');
  await t.rejects(FileStore.open(path), /already open in this process/, 'same process refused');

  const tryOpen = `
    const { FileStore } = await import(${JSON.stringify(fileStoreModule)});
    try {
      const s = await FileStore.open(${JSON.stringify(path)}, { lockTimeoutMs: 100 });
      console.log('opened ' + (await s.get('/owner'))?.value);
      await s.close();
    } catch (err) { console.log('refused: ' + err.message); }`;
  let other = run(['--input-type=module', '-e', tryOpen]);
  await other.exited;
  t.match(other.lines[0], /^refused: state store .*owned\/berth\.db is locked by another process/, 'other process refused, path named');

  await store.close();
  other = run(['--input-type=module', '-e', tryOpen]);
  await other.exited;
  t.equal(other.lines[0], 'opened first', 'free again once closed');
});
