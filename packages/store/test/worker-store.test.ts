// The conformance suite on the worker-thread store (the backend in a worker, a proxy in this thread), on
// both backends, plus what only the proxy has: the worker dying, close, and values crossing the threads.
import t from 'tap';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { StoreUnavailableError } from '../src/store.js';
import type { WatchEvent } from '../src/store.js';
import { defaultStoreThread, openStore } from '../src/open.js';
import { WorkerStore, workerExecArgv } from '../src/worker-store.js';
import { FileStore } from '../src/file-store.js';
import { EtcdStore } from '../src/etcd-store.js';
import { startPrivateEtcd } from '../src/private-etcd.js';
import { conformance } from './conformance.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-worker-store-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fileUrl = () => `file:${join(dir, `s${n++}`, 'berth.db')}`;

conformance(t, 'worker(file)', async () => {
  const store = await WorkerStore.open(fileUrl());
  return { store, cleanup: () => store.close() };
});

const etcd = await startPrivateEtcd();
t.teardown(() => etcd.stop());
conformance(t, 'worker(etcd)', async () => {
  const store = await WorkerStore.open(`etcd://${etcd.endpoint}`);
  return { store, cleanup: () => store.close() };
});

const workerOf = (s: WorkerStore) => (s as unknown as { worker: Worker }).worker;

t.test('openStore runs either backend in a worker on two cores or more, in process on one, unless told otherwise', async (t) => {
  const cores = availableParallelism();
  t.equal(defaultStoreThread('file'), cores >= 2 ? 'worker' : 'main', `${cores} cores`);
  t.equal(defaultStoreThread('etcd'), cores >= 2 ? 'worker' : 'main', `${cores} cores`);
  const byDefault = await openStore(`etcd://${etcd.endpoint}`);
  t.type(byDefault, cores >= 2 ? WorkerStore : EtcdStore, 'etcd by default');
  t.equal(byDefault.kind, 'etcd');
  await byDefault.close();
  const inProcess = await openStore(`etcd://${etcd.endpoint}`, { thread: 'main' });
  t.type(inProcess, EtcdStore, 'etcd in process when asked');
  await inProcess.close();
  const d = await openStore(fileUrl());
  t.type(d, cores >= 2 ? WorkerStore : FileStore);
  t.equal(d.kind, 'file');
  await d.close();
  const m = await openStore(fileUrl(), { thread: 'main' });
  t.type(m, FileStore);
  await m.close();
  const e = await openStore(`etcd://${etcd.endpoint}`, { thread: 'worker' });
  t.type(e, WorkerStore);
  t.equal(e.kind, 'etcd');
  await e.close();
  const saved = process.env.BERTH_STORE_THREAD;
  t.teardown(() => {
    if (saved === undefined) delete process.env.BERTH_STORE_THREAD;
    else process.env.BERTH_STORE_THREAD = saved;
  });
  process.env.BERTH_STORE_THREAD = 'main';
  t.equal(defaultStoreThread('file'), 'main');
  t.equal(defaultStoreThread('etcd'), 'main');
  process.env.BERTH_STORE_THREAD = 'worker';
  t.equal(defaultStoreThread('etcd'), 'worker');
  t.equal(defaultStoreThread('file'), 'worker');
  process.env.BERTH_STORE_THREAD = 'both';
  t.throws(() => defaultStoreThread(), /BERTH_STORE_THREAD must be worker or main/);
});

t.test('BERTH_STORE_WORKER_YOUNG_MB sets the worker\'s young generation; unset, V8 decides', async (t) => {
  const saved = process.env.BERTH_STORE_WORKER_YOUNG_MB;
  t.teardown(() => {
    if (saved === undefined) delete process.env.BERTH_STORE_WORKER_YOUNG_MB;
    else process.env.BERTH_STORE_WORKER_YOUNG_MB = saved;
  });
  delete process.env.BERTH_STORE_WORKER_YOUNG_MB;
  const plain = await WorkerStore.open(fileUrl());
  const byDefault = workerOf(plain).resourceLimits?.maxYoungGenerationSizeMb;
  await plain.close();
  process.env.BERTH_STORE_WORKER_YOUNG_MB = '96';
  const s = await WorkerStore.open(fileUrl());
  t.equal(workerOf(s).resourceLimits?.maxYoungGenerationSizeMb, 96);
  t.not(byDefault, 96, `unset: ${byDefault}`);
  await s.put('/y', 'v');
  t.equal((await s.get('/y'))?.value.toString(), 'v');
  await s.close();
});

t.test('BERTH_STORE_WORKER_DELAY_MS (a diagnostic) holds every answer back that long, in the order the backend gave them; watch events do not wait', async (t) => {
  const saved = process.env.BERTH_STORE_WORKER_DELAY_MS;
  t.teardown(() => {
    if (saved === undefined) delete process.env.BERTH_STORE_WORKER_DELAY_MS;
    else process.env.BERTH_STORE_WORKER_DELAY_MS = saved;
  });
  process.env.BERTH_STORE_WORKER_DELAY_MS = '300';
  const s = await WorkerStore.open(fileUrl());
  delete process.env.BERTH_STORE_WORKER_DELAY_MS;
  const seen: number[] = [];
  let eventAt = 0;
  const w = await s.watch('/d/', { onEvents: () => { eventAt ||= performance.now(); }, onError: () => {} });
  const t0 = performance.now();
  const answers = [s.put('/d/a', '1'), s.put('/d/b', '2'), s.get('/d/a')].map((p, i) => p.then(() => seen.push(i)));
  await Promise.all(answers);
  const took = performance.now() - t0;
  // libuv's timers count whole milliseconds from the loop's cached time: up to 1 ms early by this clock.
  t.ok(took >= 299, `answered after ${took.toFixed(0)} ms`);
  t.same(seen.filter((i) => i < 2), [0, 1], 'the writes answered in the order they committed');
  t.ok(eventAt > 0 && eventAt - t0 < took, 'the write\'s watch event came before its answer');
  t.equal((await s.get('/d/b'))?.value.toString(), '2');
  await w.cancel();
  await s.close();
  // A value that is not a number of ms is refused, never taken as 0.
  process.env.BERTH_STORE_WORKER_DELAY_MS = 'soon';
  await t.rejects(WorkerStore.open(fileUrl()), /BERTH_STORE_WORKER_DELAY_MS must be a number of ms, got "soon"/);
});

/** Runs node with `args`: its exit code and output. */
async function runNode(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  return { code, out, err };
}

t.test('a process run with V8 and process-wide options (--v8-pool-size) opens a worker store', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-worker-opts-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const script = join(dir, 'open.mjs');
  const worker = new URL('../src/worker-store.js', import.meta.url).href;
  writeFileSync(script, `import { WorkerStore } from ${JSON.stringify(worker)};
    const s = await WorkerStore.open(${JSON.stringify(fileUrl())});
    await s.put('/pool', 'one');
    console.log((await s.get('/pool')).value.toString());
    await s.close();`);
  const { code, out, err } = await runNode(['--v8-pool-size=1', '--max-semi-space-size=8', script]);
  t.equal(code, 0, err);
  t.equal(out.trim(), 'one');
});

t.test('a process run as node --input-type=module -e opens a worker store', async (t) => {
  t.same(workerExecArgv(['--input-type=module', '-e', 'x', '--max-old-space-size=64', '--input-type', 'commonjs']), ['-e', 'x'],
    'every Node option but --input-type, which Node refuses for a worker started from a file, and the V8 options it refuses in a list');
  t.equal(workerExecArgv(['--v8-pool-size=1', '--enable-source-maps']), undefined, 'without --input-type the worker inherits the process\'s options as they are');
  const worker = new URL('../src/worker-store.js', import.meta.url).href;
  const { code, out, err } = await runNode(['--input-type=module', '-e', `
    import { WorkerStore } from ${JSON.stringify(worker)};
    const s = await WorkerStore.open(${JSON.stringify(fileUrl())});
    await s.put('/k', 'v');
    console.log((await s.get('/k')).value.toString());
    await s.close();`]);
  t.equal(code, 0, err);
  t.equal(out.trim(), 'v');
});

t.test('an error opening the backend crosses back as it is', async (t) => {
  const url = fileUrl();
  const first = await WorkerStore.open(url);
  t.teardown(() => first.close());
  // Each worker has its own copy of the module: SQLite's lock refuses the second.
  await t.rejects(WorkerStore.open(url, { lockTimeoutMs: 100 }), /is locked by another process/);
  await t.rejects(WorkerStore.open('etcd://127.0.0.1:1', { dialTimeoutMs: 500 }), StoreUnavailableError);
});

t.test('values: Buffers from a shared pool, strings, empty and large values round-trip', async (t) => {
  const s = await WorkerStore.open(fileUrl());
  t.teardown(() => s.close());
  // Small Buffers share Node's pool: each must arrive as its own bytes, not its neighbours'.
  const small = Array.from({ length: 50 }, (_, i) => Buffer.from(`value-${i}`));
  await Promise.all(small.map((v, i) => s.put(`/v/${String(i).padStart(2, '0')}`, v)));
  const all = await s.range('/v/');
  t.same(all.kvs.map((kv) => kv.value.toString()), small.map((v) => v.toString()));
  t.ok(all.kvs.every((kv) => Buffer.isBuffer(kv.value)), 'values are Buffers');
  await s.put('/e', '');
  t.equal((await s.get('/e'))?.value.length, 0);
  const big = Buffer.alloc(1_000_000, 7);
  await s.txn({ compare: [{ key: '/e', value: '' }], success: [{ put: '/big', value: big }] });
  t.ok((await s.get('/big'))?.value.equals(big));
  t.ok(big.every((b) => b === 7), "the caller's Buffer is left as it was");
  const many = await s.getMany(['/big', '/missing', '/e']);
  t.same(many.map((kv) => kv?.value.length ?? null), [1_000_000, null, 0]);
});

t.test('read-your-writes and a write before its watch events', async (t) => {
  const s = await WorkerStore.open(fileUrl());
  t.teardown(() => s.close());
  const order: string[] = [];
  await s.watch('/o/', { onEvents: (_e, rev) => order.push(`event ${rev}`), onError: () => {} });
  for (let i = 0; i < 20; i++) {
    const rev = (await s.put(`/o/${i}`, String(i))).revision;
    order.push(`answer ${rev}`);
    t.equal((await s.get(`/o/${i}`))?.modRevision, rev, 'a read after the write sees it');
  }
  await new Promise((r) => setTimeout(r, 100));
  for (const e of order.filter((x) => x.startsWith('event'))) {
    const rev = e.split(' ')[1];
    t.ok(order.indexOf(`answer ${rev}`) < order.indexOf(e), `revision ${rev}: answer first`);
  }
});

t.test('close commits writes already made, then ends the worker', async (t) => {
  const url = fileUrl();
  const s = await WorkerStore.open(url);
  let failed = 0;
  s.onFailure(() => failed++);
  const exited = new Promise<number>((r) => workerOf(s).once('exit', r));
  const writes = Array.from({ length: 10 }, (_, i) => s.put(`/c/${i}`, String(i)));
  await s.close();
  t.equal((await Promise.all(writes)).length, 10, 'every write resolved');
  await exited;
  t.equal(failed, 0, 'a close is not a failure');
  await t.rejects(s.get('/c/0'), /closed/, 'calls after close fail');
  const again = await FileStore.open(url.slice('file:'.length));
  t.equal((await again.range('/c/', { countOnly: true })).count, 10, 'on disk');
  await again.close();
});

t.test('a worker that dies fails everything loudly, never silently', async (t) => {
  const s = await WorkerStore.open(fileUrl());
  const failures: Error[] = [];
  s.onFailure((e) => failures.push(e));
  const errors: Error[] = [];
  await s.watch('/d/', { onEvents: () => {}, onError: (e) => errors.push(e) });
  const lease = await s.grantLease(30);
  let lost = 0;
  lease.onLost(() => lost++);
  await s.put('/d/a', '1');
  const pending = s.put('/d/b', '2');
  await workerOf(s).terminate();
  await t.rejects(pending, StoreUnavailableError, 'a pending call rejects');
  await t.rejects(s.get('/d/a'), StoreUnavailableError, 'later calls reject');
  await new Promise((r) => setImmediate(r));
  t.match(errors, [{ name: 'StoreUnavailableError', message: /worker/ }], 'the watch ends with an error');
  t.equal(lost, 1, 'the lease is lost');
  t.match(failures, [{ name: 'StoreUnavailableError' }], 'its owner is told once (berth-server exits on it)');
  await s.close();
  t.equal(failures.length, 1, 'closing afterwards tells nothing more');
});

t.test('a throwing watch handler ends its watch only; events are batched per revision', async (t) => {
  const s = await WorkerStore.open(fileUrl());
  t.teardown(() => s.close());
  const got: Array<[WatchEvent[], number]> = [];
  await s.watch('/b/', { onEvents: (e, r) => got.push([e, r]), onError: () => {} });
  const { revision } = await s.txn({ compare: [], success: [{ put: '/b/1', value: 'x' }, { put: '/b/2', value: 'y' }] });
  await new Promise((r) => setTimeout(r, 100));
  t.equal(got.length, 1);
  t.equal(got[0]![1], revision);
  t.same(got[0]![0].map((e) => (e.type === 'put' ? `${e.kv.key}=${e.kv.value}` : e.key)), ['/b/1=x', '/b/2=y']);
});

t.test('sharedReads: the file store read on this thread sees every write resolved before the read, and the lock file keeps others out', async (t) => {
  const url = fileUrl();
  const path = url.slice('file:'.length);
  const s = await WorkerStore.open(url, { sharedReads: true });
  t.teardown(() => s.close());
  // Writes in flight while reads run: each read made after a write resolved sees it (or something later).
  const seen: string[] = [];
  await Promise.all(Array.from({ length: 200 }, async (_, i) => {
    const key = `/rw/${String(i % 20).padStart(2, '0')}`;
    const { revision } = await s.put(key, `v${i}`);
    const kv = await s.get(key);
    if (!kv || kv.modRevision < revision) seen.push(`get ${key} at ${kv?.modRevision} < ${revision}`);
    const [many] = await s.getMany([key]);
    if (!many || many.modRevision < revision) seen.push(`getMany ${key} at ${many?.modRevision} < ${revision}`);
    const r = await s.range('/rw/', { withCount: true });
    if (r.revision < revision) seen.push(`range revision ${r.revision} < ${revision}`);
    const row = r.kvs.find((x) => x.key === key);
    if (!row || row.modRevision < revision) seen.push(`range ${key} at ${row?.modRevision} < ${revision}`);
  }));
  t.same(seen, [], 'no read older than a write resolved before it');
  // A range's revision is its snapshot's: a watch from the next revision misses nothing and repeats nothing.
  const listed = await s.range('/rw/');
  const events: WatchEvent[] = [];
  const w = await s.watch('/rw/', { onEvents: (e) => { events.push(...e); }, onError: (e) => t.fail(String(e)) }, { fromRevision: listed.revision + 1 });
  const after = await s.put('/rw/00', 'after');
  await new Promise<void>((r) => { const i = setInterval(() => { if (events.length > 0) { clearInterval(i); r(); } }, 10); });
  await w.cancel();
  t.same(events.map((e) => (e.type === 'put' ? e.kv.modRevision : -1)), [after.revision], 'the watch from the range revision + 1 sees exactly the later write');
  // A read at a past revision goes to the worker's history.
  const past = await s.range('/rw/', { revision: listed.revision });
  t.same(past.kvs.map((k) => k.key), listed.kvs.map((k) => k.key), 'a read at a revision is answered by the writer');
  // The lock file is created 0600 beside the store and refuses a second opener, in this process or another.
  t.equal(statSync(path + '-lock').mode & 0o777, 0o600, 'lock file 0600');
  t.equal(statSync(path + '-shm').mode & 0o777, 0o600, 'WAL index 0600');
  await t.rejects(WorkerStore.open(url, { lockTimeoutMs: 100 }), /is locked by another process/);
  await t.rejects(FileStore.open(path, { lockTimeoutMs: 100 }), /is locked by another process/, 'an EXCLUSIVE-mode opener too');
  await s.close();
  await t.rejects(s.get('/rw/00'), /is closed/, 'no read after close');
});

t.test('sharedReads off: the worker owns the file alone, in EXCLUSIVE mode (no lock file, no WAL index file)', async (t) => {
  const url = fileUrl();
  const path = url.slice('file:'.length);
  const s = await WorkerStore.open(url, { sharedReads: false });
  t.teardown(() => s.close());
  await s.put('/k', 'v');
  t.equal((await s.get('/k'))?.value.toString(), 'v');
  t.notOk(existsSync(path + '-lock'), 'no lock file');
  t.notOk(existsSync(path + '-shm'), 'no -shm file');
});
