// The store worker: a worker thread that owns one backend (the file store's SQLite connection, or the
// etcd client with its gRPC connection, watches and lease keepalives) and serves a WorkerStore on the
// main thread (worker-store.ts; the format is in worker-wire.ts). It starts requests in the order they
// arrive, so a read sent after a write was acknowledged sees that write, and it sends answers and watch
// events on one channel in the order they happen here.
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { openBackend } from './open.js';
import { FileStore } from './file-store.js';
import type { OpenStoreOptions } from './open.js';
import type { Compare, Lease, Op, RangeOptions, Store, Watch } from './store.js';
import { BatchReader, BatchWriter, Timings, readOps, sharedNow } from './worker-wire.js';
import type { Batch } from './worker-wire.js';

const port = parentPort!;
const { url, opts } = workerData as { url: string; opts: OpenStoreOptions };

// The thread's name as `top -H`, `ps -L` and the benches' per-thread CPU show it: every thread of a Node
// process is "node" otherwise, this one among V8's compiler and GC helpers. Linux only; elsewhere it stays.
try {
  writeFileSync('/proc/thread-self/comm', 'berth-store');
} catch {}

const out = new BatchWriter();
let flushing = false;

/** Makes sure the batch goes at the end of this turn of the worker's loop. */
function soon(): void {
  if (!flushing) {
    flushing = true;
    setImmediate(flush);
  }
}

/**
 * BERTH_STORE_WORKER_TIMING=FILE (a diagnostic, with worker-store.ts's FILE.main): by second, how long each
 * request waited from the main thread's post until this thread took it (`queued.METHOD`), how long this
 * thread was busy with each batch of requests it took (`serve`), each call's time here (`here.METHOD`), and
 * this thread's busy share (`elu`, event-loop utilisation, ×1000). Written at close.
 */
const TIMING = process.env.BERTH_STORE_WORKER_TIMING;
const timings = new Timings();
let elu = performance.eventLoopUtilization();
if (TIMING) {
  setInterval(() => {
    const now = performance.eventLoopUtilization();
    timings.add('elu', performance.eventLoopUtilization(now, elu).utilization * 1000);
    elu = now;
  }, 1000).unref();
}

function flush(): void {
  flushing = false;
  if (out.empty) return;
  const [batch, transfer] = out.take();
  if (TIMING) batch.sent = sharedNow();
  port.postMessage(batch, transfer);
}

let store: Store;
/** Watches by the main thread's id; null while the backend's watch() has not resolved yet. */
const watches = new Map<number, Watch | null>();
const leases = new Map<string, Lease>();
/** Calls being handled (close waits for them). */
const inflight = new Set<Promise<unknown>>();

/** A handler reads its arguments now and returns the call; `answer` writes the result's items. */
type Started = { call: Promise<unknown>; answer?: (v: never) => void };
type Handler = (r: BatchReader) => Started;


const handlers: Record<string, Handler> = {
  get: (r) => ({ call: store.get(r.str()), answer: (kv) => out.kvOrNull(kv) }),
  getMany: (r) => {
    const n = r.num();
    const keys: string[] = [];
    for (let i = 0; i < n; i++) keys.push(r.str());
    return {
      call: store.getMany(keys),
      answer: (kvs: ReturnType<Store['getMany']> extends Promise<infer T> ? T : never) => {
        out.items.push(kvs.length);
        for (const kv of kvs) out.kvOrNull(kv);
      },
    };
  },
  range: (r) => {
    const prefix = r.str();
    const o = JSON.parse(r.str()) as RangeOptions;
    return {
      call: store.range(prefix, o),
      answer: (res: Awaited<ReturnType<Store['range']>>) => {
        out.items.push(res.kvs.length);
        for (const kv of res.kvs) out.kv(kv);
        out.items.push(res.more, res.count ?? null, res.revision);
      },
    };
  },
  put: (r) => {
    const key = r.str();
    const value = r.value();
    const lease = r.next();
    return {
      call: store.put(key, value, lease === null ? {} : { lease: lease as string }),
      answer: (res: { revision: number }) => out.items.push(res.revision),
    };
  },
  delete: (r) => ({
    call: store.delete(r.str()),
    answer: (res: { revision: number; deleted: number }) => out.items.push(res.revision, res.deleted),
  }),
  txn: (r) => {
    const n = r.num();
    const compare: Compare[] = [];
    for (let i = 0; i < n; i++) {
      const kind = r.num();
      const key = r.str();
      compare.push(kind === 0 ? { key, modRevision: r.next() as number } : { key, value: r.value() });
    }
    const success = readOps(r)!;
    const failure = readOps(r)!;
    return {
      call: store.txn(failure === undefined ? { compare, success } : { compare, success, failure }),
      answer: (res: { succeeded: boolean; revision: number }) => out.items.push(res.succeeded, res.revision),
    };
  },
  watch: (r) => {
    const id = r.num();
    const prefix = r.str();
    const from = r.next();
    const prevKv = r.next() === true;
    // Wanted from now: events may come before watch() resolves.
    watches.set(id, null);
    const call = store
      .watch(
        prefix,
        {
          onEvents: (events, revision) => {
            // Only if the watch is still wanted: a cancel may be on its way.
            if (!watches.has(id)) return;
            out.items.push('w', id, revision, events.length);
            for (const e of events) out.event(e);
            soon();
          },
          onError: (err) => {
            if (!watches.delete(id)) return;
            out.items.push('x', id);
            out.error(err);
            soon();
          },
        },
        { ...(from === null ? {} : { fromRevision: from as number }), ...(prevKv ? { prevKv } : {}) },
      )
      .then(
        (w) => {
          if (watches.has(id)) watches.set(id, w);
          else void w.cancel(); // unwatched while starting
        },
        (err) => {
          watches.delete(id);
          throw err;
        },
      );
    return { call };
  },
  unwatch: (r) => {
    const id = r.num();
    const w = watches.get(id);
    watches.delete(id);
    return { call: w ? w.cancel() : Promise.resolve() };
  },
  grant: (r) => {
    const ttl = r.num();
    const auto = r.next();
    const call = store.grantLease(ttl, auto === null ? {} : { autoKeepAlive: auto as boolean }).then((lease) => {
      leases.set(lease.id, lease);
      lease.onLost(() => {
        if (!leases.delete(lease.id)) return;
        out.items.push('l', lease.id);
        soon();
      });
      return lease;
    });
    return { call, answer: (lease: Lease) => out.items.push(lease.id, lease.ttlSeconds) };
  },
  keepAlive: (r) => {
    const id = r.str();
    const lease = leases.get(id);
    return { call: lease ? lease.keepAlive() : Promise.reject(new Error(`lease ${id} has expired or was revoked`)) };
  },
  revoke: (r) => {
    const id = r.str();
    const lease = leases.get(id);
    // Forgotten first: a revoked lease is not "lost".
    leases.delete(id);
    return { call: lease ? lease.revoke() : Promise.resolve() };
  },
  revision: () => ({ call: store.revision(), answer: (n: number) => out.items.push(n) }),
  compact: (r) => ({ call: store.compact(r.num()) }),
  compactedRevision: () => ({ call: store.compactedRevision(), answer: (n: number) => out.items.push(n) }),
  close: () => {
    watches.clear();
    leases.clear();
    void stopProfile();
    if (TIMING) writeFileSync(TIMING, timings.lines());
    if (traceFd !== undefined) closeSync(traceFd);
    // Calls made before close are answered before it (the file store commits queued writes at close).
    const before = [...inflight];
    return { call: store.close().then(() => Promise.allSettled(before)) };
  },
};

/**
 * BERTH_STORE_WORKER_DELAY_MS=N (a diagnostic, for benchmarks only): every answer but close's waits N ms
 * more before it goes back (watch events do not wait), so the file store can be run at etcd's latency: what
 * slower answers cost the server's main thread, apart from what the backend sends (docs/benchmarks.md,
 * "etcdmain (session 15)"). Off (0), the answers' path is unchanged. Answers keep the order the backend gave
 * them (timers of one duration fire in the order they were set), but a write's watch events may now come
 * before its answer, as they can from etcd.
 */
const DELAY_MS = Number(process.env.BERTH_STORE_WORKER_DELAY_MS ?? 0);
if (!Number.isFinite(DELAY_MS) || DELAY_MS < 0) throw new Error(`BERTH_STORE_WORKER_DELAY_MS must be a number of ms, got "${process.env.BERTH_STORE_WORKER_DELAY_MS}"`);

function answer(id: number, started: Started, v: unknown): void {
  out.items.push('r', id, 0);
  const at = out.items.length;
  started.answer?.(v as never);
  out.items[at - 1] = out.items.length - at;
  soon();
}

function refuse(id: number, err: unknown): void {
  out.items.push('e', id);
  out.error(err);
  soon();
}

/**
 * BERTH_STORE_TRACE=FILE (a diagnostic): every batch of calls this thread receives, one JSON line each
 * (`{turn, items, bytes}`, bytes in base64; batches of one turn of this loop share `turn`, so they were
 * served together and their writes went in one group commit), for test/sim/store-replay.mjs to replay the
 * same calls, in the same order and groups, through a store worker.
 */
const TRACE = process.env.BERTH_STORE_TRACE;
const traceFd = TRACE ? openSync(TRACE, 'w', 0o600) : undefined;
let traceTurn = 0;
let traceTurnEnds = false;

function trace(batch: Batch): void {
  const bytes = batch.bytes ? Buffer.from(batch.bytes).toString('base64') : null;
  writeSync(traceFd!, JSON.stringify({ turn: traceTurn, items: batch.items, bytes }) + '\n');
  if (!traceTurnEnds) {
    traceTurnEnds = true;
    setImmediate(() => {
      traceTurn++;
      traceTurnEnds = false;
    });
  }
}

function serve(batch: Batch): void {
  if (traceFd !== undefined) trace(batch);
  const took = TIMING ? sharedNow() : 0;
  try {
    serveBatch(batch, took);
  } finally {
    if (TIMING) timings.add('serve', sharedNow() - took);
  }
}

function serveBatch(batch: Batch, took: number): void {
  const r = new BatchReader(batch);
  while (!r.done) {
    const method = r.str();
    const id = r.num();
    if (TIMING && batch.sent !== undefined) timings.add(`queued.${method}`, took - batch.sent);
    const t0 = TIMING ? performance.now() : 0;
    const h = handlers[method];
    if (!h) throw new Error(`store worker: unknown request ${method}`); // the stream is lost: fail loudly
    // Started in arrival order: the backend sees the calls in the order the main thread made them.
    let started: Started;
    try {
      started = h(r);
    } catch (err) {
      // A backend that throws rather than rejects (the reader has consumed the arguments).
      refuse(id, err);
      continue;
    }
    const p = (DELAY_MS > 0 && method !== 'close' ? started.call.then((v) => new Promise((r) => setTimeout(() => r(v), DELAY_MS))) : started.call).then(
      (v) => {
        if (TIMING) timings.add(`here.${method}`, performance.now() - t0);
        answer(id, started, v);
        if (method === 'close') flush(); // the main thread ends this thread once it has the answer
      },
      (err) => refuse(id, err),
    );
    if (method !== 'close') {
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
    }
  }
}

/**
 * BERTH_STORE_WORKER_PROF=FILE: a V8 profile of this thread from open to close, written to FILE (a
 * diagnostic: node --cpu-prof names every thread's profile alike). `%p` in FILE becomes the process id, so
 * the processes of a bench (the server's, the bench's own) each keep theirs.
 */
const PROF = process.env.BERTH_STORE_WORKER_PROF?.replaceAll('%p', String(process.pid));
let profiler: Session | undefined;
if (PROF) {
  profiler = new Session();
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}

async function stopProfile(): Promise<void> {
  if (!profiler) return;
  const p = profiler;
  profiler = undefined;
  const { profile } = await p.post('Profiler.stop');
  writeFileSync(PROF!, JSON.stringify(profile));
  p.disconnect();
}

try {
  store = await openBackend(url, opts);
  port.on('message', serve);
  // sharedReads: the main thread reads the file too, on its own connection (file-reader.ts).
  port.postMessage({ ready: true, kind: store.kind, ...(opts.sharedReads && store instanceof FileStore ? { path: store.path } : {}) });
} catch (err) {
  const w = new BatchWriter();
  w.error(err);
  port.postMessage({ ready: false, error: w.take()[0] });
}
