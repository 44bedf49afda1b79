// A store-level micro-benchmark: replays a trace of the calls a server made to its store worker
// (BERTH_STORE_TRACE=FILE, store-worker.ts) through a fresh file store in a worker thread (WorkerStore),
// the same calls in the same order, a turn of the recording's worker at a time (its batches issued
// together, so its writes go in one group commit, as they did), and reports the worker's CPU per
// placement (workerSysUsPerPlacement: of it, the kernel's: SQLite's writes, reads and fsyncs) and what
// SQLite wrote. Only the store works here: no server, no fleet, so the A/B figures
// are far steadier than a whole scenario's on a loaded machine.
//
//   node test/sim/store-replay.mjs TRACE [--build DIR] [--dir DIR]
//     --build DIR: the @berth/store build to replay through (default this checkout's packages/store/dist/src;
//                  another checkout's, e.g. main's, for an A/B pair)
//     --dir DIR:   where the store file goes (kept afterwards; default a temporary directory, removed)
// Not a `make bench` scenario (it needs a trace, which a full-size scenario run records). Which file SQLite
// writes what to: run it under `strace -f -y -e trace=pwrite64,pread64,fsync` (its CPU figures are then
// not comparable); with `-s 24 -x`, the WAL frames' headers name the pages written (dbstat maps a page to
// its table or index).
//
// A trace is recorded by a scenario run with BERTH_STORE_TRACE=FILE, e.g.
//   BENCH_STORES=file BERTH_STORE_TRACE=/tmp/trace.jsonl node test/bench/run.mjs placement-throughput
// The placements are the tasks/CLUSTER/ID keys the trace creates; "RunTask phase" is from the first turn
// that creates one to the end of the trace (so it includes the RUNNING reports, as "per task to RUNNING").
import { createReadStream, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i < 0 ? dflt : args[i + 1];
};
const TRACE = args[0];
if (!TRACE) {
  console.error('usage: node test/sim/store-replay.mjs TRACE [--build DIR] [--dir DIR]');
  process.exit(2);
}
const here = fileURLToPath(new URL('.', import.meta.url));
const BUILD = resolve(opt('--build', join(here, '../../packages/store/dist/src')));
const { WorkerStore } = await import(join(BUILD, 'worker-store.js'));
// The trace is decoded with this repository's wire code (it wrote it); only the store is the build's.
const { BatchReader, readOps } = await import(join(here, '../../packages/store/dist/src/worker-wire.js'));

const TICK = 100;
function threadsCpu() {
  const out = new Map();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const f = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
      out.set(tid, ((Number(f[11]) + Number(f[12])) * 1e6) / TICK);
      out.set(`${tid}:sys`, (Number(f[12]) * 1e6) / TICK);
    } catch {}
  }
  return out;
}
const mainTid = String(process.pid);
/** CPU µs of the threads other than the main one (the store worker and V8's helpers: the scenario's `node` line). */
function notMainCpu(a, b) {
  let us = 0;
  for (const [tid, v] of b) if (tid !== mainTid && !tid.endsWith(':sys')) us += v - (a.get(tid) ?? 0);
  return us;
}
/** Of notMainCpu, the time in the kernel (system calls: SQLite's writes, reads and fsyncs; page faults). */
function notMainSys(a, b) {
  let us = 0;
  for (const [tid, v] of b) if (tid !== `${mainTid}:sys` && tid.endsWith(':sys')) us += v - (a.get(tid) ?? 0);
  return us;
}
const mainCpu = (a, b) => (b.get(mainTid) ?? 0) - (a.get(mainTid) ?? 0);
function io() {
  const o = {};
  for (const line of readFileSync('/proc/self/io', 'utf8').trim().split('\n')) {
    const [k, v] = line.split(':');
    o[k] = Number(v);
  }
  return o;
}

// The trace, grouped by turn.
const turns = [];
{
  const rl = createInterface({ input: createReadStream(TRACE), crlfDelay: Infinity });
  let cur;
  for await (const line of rl) {
    if (!line) continue;
    const b = JSON.parse(line);
    const bytes = b.bytes === null ? null : (() => {
      const buf = Buffer.from(b.bytes, 'base64');
      return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length);
    })();
    if (!cur || cur.turn !== b.turn) turns.push((cur = { turn: b.turn, batches: [] }));
    cur.batches.push({ items: b.items, bytes });
  }
}

const TASK_KEY = /\/tasks\/[^/]+\/[^/]+$/;
const taskKeys = new Set();
let firstTaskTurn = -1;

/** The calls of one batch as functions of the store (a recorded close is left to the end). */
function decode(batch, ti) {
  const r = new BatchReader(batch);
  const calls = [];
  const opsOf = () => {
    const list = readOps(r);
    for (const op of list ?? []) {
      if ('put' in op && TASK_KEY.test(op.put) && !taskKeys.has(op.put)) {
        taskKeys.add(op.put);
        if (firstTaskTurn < 0) firstTaskTurn = ti;
      }
    }
    return list;
  };
  while (!r.done) {
    const method = r.str();
    r.num(); // the recording's call id
    switch (method) {
      case 'get': { const k = r.str(); calls.push((s) => s.get(k)); break; }
      case 'getMany': { const n = r.num(); const keys = []; for (let i = 0; i < n; i++) keys.push(r.str()); calls.push((s) => s.getMany(keys)); break; }
      case 'range': { const p = r.str(); const o = JSON.parse(r.str()); calls.push((s) => s.range(p, o)); break; }
      case 'put': { const k = r.str(); const v = r.value(); const l = r.next(); calls.push((s) => s.put(k, v, l === null ? {} : { lease: l })); break; }
      case 'delete': { const k = r.str(); calls.push((s) => s.delete(k)); break; }
      case 'txn': {
        const n = r.num();
        const compare = [];
        for (let i = 0; i < n; i++) {
          const kind = r.num();
          const key = r.str();
          compare.push(kind === 0 ? { key, modRevision: r.next() } : { key, value: r.value() });
        }
        const success = opsOf();
        const failure = opsOf();
        const req = failure === undefined ? { compare, success } : { compare, success, failure };
        calls.push((s) => s.txn(req).then((x) => { if (!x.succeeded) stats.failedCompares++; return x; }));
        break;
      }
      case 'watch': {
        const id = r.num(); const prefix = r.str(); const from = r.next(); const prevKv = r.next() === true;
        calls.push((s) => s.watch(prefix, {
          onEvents: (events) => { stats.events += events.length; },
          onError: () => { stats.watchErrors++; },
        }, { ...(from === null ? {} : { fromRevision: from }), ...(prevKv ? { prevKv } : {}) }).then((w) => watches.set(id, w)));
        break;
      }
      case 'unwatch': { const id = r.num(); calls.push(() => watches.get(id)?.cancel()); break; }
      case 'grant': {
        const ttl = r.num(); const auto = r.next();
        calls.push((s) => s.grantLease(ttl, auto === null ? {} : { autoKeepAlive: auto }).then((l) => leases.set(l.id, l)));
        break;
      }
      case 'keepAlive': { const id = r.str(); calls.push(() => leases.get(id)?.keepAlive()); break; }
      case 'revoke': { const id = r.str(); calls.push(() => { const l = leases.get(id); leases.delete(id); return l?.revoke(); }); break; }
      case 'revision': calls.push((s) => s.revision()); break;
      case 'compact': { const n = r.num(); calls.push((s) => s.compact(n)); break; }
      case 'compactedRevision': calls.push((s) => s.compactedRevision()); break;
      case 'close': break;
      default: throw new Error(`unknown call ${method} in the trace`);
    }
  }
  return calls;
}

const stats = { failedCompares: 0, events: 0, watchErrors: 0, errors: 0, errorSample: new Map() };
const watches = new Map();
const leases = new Map();
const decoded = turns.map((t, i) => t.batches.flatMap((b) => decode(b, i)));
if (firstTaskTurn < 0) throw new Error('the trace creates no tasks/CLUSTER/ID key');

const dir = opt('--dir') ?? mkdtempSync(join(tmpdir(), 'berth-store-replay-'));
const file = join(dir, 'berth.db');
const store = await WorkerStore.open(`file:${file}`, {});
let phase0;
const t0 = threadsCpu();
const w0 = performance.now();
for (let i = 0; i < decoded.length; i++) {
  if (i === firstTaskTurn) phase0 = { cpu: threadsCpu(), io: io(), at: performance.now() };
  const settled = await Promise.allSettled(decoded[i].map((c) => c(store)));
  for (const s of settled) {
    if (s.status === 'rejected') {
      stats.errors++;
      const m = String(s.reason?.message ?? s.reason).slice(0, 120);
      stats.errorSample.set(m, (stats.errorSample.get(m) ?? 0) + 1);
    }
  }
}
const t1 = threadsCpu();
const io1 = io();
const w1 = performance.now();
const rss = Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
const sizes = Object.fromEntries(['', '-wal'].map((s) => [s || 'db', (() => { try { return statSync(file + s).size; } catch { return 0; } })()]));
await store.close();
if (!opt('--dir')) rmSync(dir, { recursive: true, force: true });

const n = taskKeys.size;
const f = (x, d = 0) => x.toFixed(d);
const phaseIo = (k) => io1[k] - phase0.io[k];
console.log(JSON.stringify({
  build: BUILD,
  turns: turns.length,
  placements: n,
  workerUsPerPlacement: +f(notMainCpu(phase0.cpu, t1) / n),
  workerSysUsPerPlacement: +f(notMainSys(phase0.cpu, t1) / n),
  mainUsPerPlacement: +f(mainCpu(phase0.cpu, t1) / n),
  setupWorkerMs: +f(notMainCpu(t0, phase0.cpu) / 1000),
  phaseWallS: +f((w1 - phase0.at) / 1000, 1),
  totalWallS: +f((w1 - w0) / 1000, 1),
  writeBytesPerPlacement: +f(phaseIo('wchar') / n),
  writeCallsPerPlacement: +f(phaseIo('syscw') / n, 1),
  readCallsPerPlacement: +f(phaseIo('syscr') / n, 1),
  rssMiB: +f(rss),
  dbMiB: +f(sizes.db / 2 ** 20, 1),
  walMiB: +f(sizes['-wal'] / 2 ** 20, 1),
  failedCompares: stats.failedCompares,
  events: stats.events,
  errors: stats.errors,
  errorSample: Object.fromEntries(stats.errorSample),
}));
