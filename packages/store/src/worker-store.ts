// WorkerStore: the Store on the main thread whose backend runs in a worker thread (store-worker.ts), so
// the backend's own work (SQLite's statements and commits with their fsync, or the etcd client's gRPC
// encoding and decoding, its watch stream and lease keepalives) uses another core than the server's
// event loop. The proxy only packs calls and unpacks answers (worker-wire.ts).
//
// Semantics are the backend's, with these guarantees across the threads:
// - Order: calls reach the backend in the order they were made, and answers and watch events come back
//   in the order the backend produced them, so read-your-writes holds (a read made after a write's
//   promise resolved is handled after that write) and a write's answer comes before its watch events,
//   as with the backend in process.
// - Durability: a write's promise resolves only when the worker's backend resolved it (the file store:
//   on disk).
// - Failure: if the worker dies, every pending call rejects, every watch ends with onError and every
//   lease reports onLost, with StoreUnavailableError; later calls reject at once. Never silently.
// - close() lets the backend finish (the file store commits writes already queued), then ends the worker.
import { writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { OpenStoreOptions } from './open.js';
import { StoreUnavailableError } from './store.js';
import type {
  KeyValue,
  Lease,
  Op,
  RangeOptions,
  RangeResult,
  Store,
  TxnRequest,
  TxnResult,
  Watch,
  WatchEvent,
  WatchHandlers,
  WatchOptions,
} from './store.js';
import { BatchReader, BatchWriter, Timings, sharedNow } from './worker-wire.js';
import { FileReader } from './file-reader.js';
import type { Batch } from './worker-wire.js';

/**
 * BERTH_STORE_WORKER_TIMING=FILE (a diagnostic): batches are stamped when posted; this thread records
 * how long each batch of answers took to reach it (the worker's post to this loop taking it) and each
 * call's round trip by method, in FILE.main.PID at exit (the worker's side: store-worker.ts).
 */
const TIMING = process.env.BERTH_STORE_WORKER_TIMING;
const timings = new Timings();
if (TIMING) process.on('exit', () => { if (timings.size > 0) writeFileSync(`${TIMING}.main.${process.pid}`, timings.lines()); });

/** A synchronous read's result as a promise (a throw becomes a rejection, as the backends' own reads do). */
function settle<T>(read: () => T): Promise<T> {
  try {
    return Promise.resolve(read());
  } catch (err) {
    return Promise.reject(err as Error);
  }
}

const WORKER = new URL('./store-worker.js', import.meta.url);

/**
 * The Node options a store worker is given: none of its own (undefined: it inherits the process's, which Node
 * takes as they are, V8's and process-wide ones included, so `node --v8-pool-size=1 berth-server` starts),
 * except when the process has `--input-type`, which Node refuses for a worker started from a file
 * (ERR_INPUT_TYPE_NOT_ALLOWED), so a process run as `node --input-type=module -e ...` could not open a
 * worker store at all. Then the list is given explicitly without it, and without the V8 and process-wide
 * options Node refuses in an explicit list (ERR_WORKER_INVALID_EXEC_ARGV); those apply to the whole
 * process anyway.
 */
export function workerExecArgv(execArgv: readonly string[]): string[] | undefined {
  if (!execArgv.some((a) => a === '--input-type' || a.startsWith('--input-type='))) return undefined;
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const a = execArgv[i]!;
    if (a === '--input-type') i++;
    else if (!a.startsWith('--input-type=') && !REFUSED_IN_WORKERS.some((p) => a === p || a.startsWith(`${p}=`))) out.push(a);
  }
  return out;
}

/** Options Node refuses in a worker's explicit execArgv (whole-process and V8 options Berth's tools use). */
const REFUSED_IN_WORKERS = ['--v8-pool-size', '--title', '--max-old-space-size', '--max-semi-space-size', '--expose-gc', '--single-threaded-gc'];

interface Pending {
  /** Reads the answer's items. */
  decode(r: BatchReader): unknown;
  resolve(v: unknown): void;
  reject(err: Error): void;
}

export class WorkerStore implements Store {
  private readonly out = new BatchWriter();
  private scheduled = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly watches = new Map<number, WorkerWatch>();
  private readonly leases = new Map<string, WorkerLease>();
  /** Set once the worker is gone or the store closed: every call rejects with it. */
  private failure: Error | undefined;
  private closing: Promise<void> | undefined;

  /** Starts a worker that opens the backend at `url` (file: or etcd://); resolves once it is open. */
  static async open(url: string, opts: OpenStoreOptions = {}): Promise<WorkerStore> {
    // A file store is read from this thread too (file-reader.ts), unless asked not to.
    const sharedReads = url.startsWith('file:') && (opts.sharedReads ?? process.env.BERTH_STORE_SHARED_READS === '1');
    // BERTH_STORE_WORKER_YOUNG_MB=N (opt-in, for A/B runs): the worker's young generation, in MiB. With etcd
    // the worker spent 19% of its time in GC in one loaded run, 12% with 128 (docs/benchmarks.md,
    // "etcdworker (session 13)"); V8's default is kept until a quiet pair says more.
    const youngText = process.env.BERTH_STORE_WORKER_YOUNG_MB ?? '';
    const young = youngText === '' ? 0 : Number(youngText);
    if (!Number.isInteger(young) || young < 0) throw new Error(`BERTH_STORE_WORKER_YOUNG_MB must be a whole number of MiB, got "${youngText}"`);
    const execArgv = workerExecArgv(process.execArgv);
    const worker = new Worker(WORKER, { workerData: { url, opts: { ...opts, sharedReads } }, ...(execArgv !== undefined ? { execArgv } : {}), ...(young > 0 ? { resourceLimits: { maxYoungGenerationSizeMb: young } } : {}) });
    const ready = await new Promise<{ ready: boolean; kind?: string; path?: string; error?: Batch }>((resolve, reject) => {
      const onExit = (code: number) => reject(new StoreUnavailableError(`state store worker exited (code ${code}) while opening ${url}`));
      worker.once('error', reject);
      worker.once('exit', onExit);
      worker.once('message', (m) => {
        worker.off('error', reject);
        worker.off('exit', onExit);
        resolve(m);
      });
    });
    if (!ready.ready) {
      await worker.terminate();
      throw new BatchReader(ready.error!).error();
    }
    let reader: FileReader | undefined;
    try {
      if (ready.path !== undefined) reader = new FileReader(ready.path);
    } catch (err) {
      await worker.terminate();
      throw err;
    }
    return new WorkerStore(worker, ready.kind!, url, reader);
  }

  private constructor(
    private readonly worker: Worker,
    readonly kind: string,
    private readonly url: string,
    /**
     * A file store's reads of the newest state, on this thread over a second SQLite connection
     * (file-reader.ts): they do not queue behind the worker's commits. Read-your-writes holds (a write
     * resolves here only after its commit); order with writes still in flight is not promised, as with etcd.
     */
    private reader?: FileReader,
  ) {
    worker.unref();
    worker.on('message', (b: Batch) => this.receive(b));
    worker.on('error', (err) => this.fail(new StoreUnavailableError(`state store worker failed: ${err.message}`, err)));
    worker.on('exit', (code) => this.fail(new StoreUnavailableError(`state store worker exited (code ${code})`)));
  }

  /**
   * Starts a request: `args` writes its arguments into the batch, `decode` reads its answer. Throws
   * (rejects) at once if the store is gone.
   */
  private call<T>(method: string, args: (w: BatchWriter) => void, decode: (r: BatchReader) => T): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<T>((resolve, reject) => {
      const id = this.nextId++;
      const w = this.out;
      const mark = w.items.length;
      try {
        w.items.push(method, id);
        args(w);
      } catch (err) {
        w.items.length = mark; // a half-written request must not reach the worker
        reject(err as Error);
        return;
      }
      // The worker keeps the process alive only while a call waits on it (an in-process file store
      // does not keep it alive at all), so a script that forgets close() still ends.
      if (this.pending.size === 0) this.worker.ref();
      if (TIMING) {
        const t0 = performance.now();
        this.pending.set(id, { decode, resolve: (v: unknown) => { timings.add(`rtt.${method}`, performance.now() - t0); resolve(v as T); }, reject });
      } else this.pending.set(id, { decode, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // Every call made in this task (its synchronous code and the promise callbacks it chains) goes in
        // one message: a postMessage costs this thread several µs (it wakes the worker), so one per call
        // would eat much of the gain. Not setImmediate: that waits for the rest of the loop's poll phase
        // (a thousand agents' streams), which put ~15 ms on every read's round trip under load.
        queueMicrotask(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    if (this.out.empty || this.failure) return;
    const [batch, transfer] = this.out.take();
    if (TIMING) batch.sent = sharedNow();
    this.worker.postMessage(batch, transfer);
  }

  private receive(b: Batch): void {
    if (TIMING && b.sent !== undefined) timings.add('answersToMain', sharedNow() - b.sent);
    const r = new BatchReader(b);
    /** Watch and lease messages, delivered after the answers' callers ran (see deliverLater). */
    const later: Array<() => void> = [];
    while (!r.done) {
      const tag = r.str();
      if (tag === 'r' || tag === 'e') {
        const id = r.num();
        const p = this.pending.get(id);
        this.pending.delete(id);
        if (this.pending.size === 0) this.worker.unref();
        if (tag === 'e') {
          const err = r.error();
          p?.reject(err);
          continue;
        }
        const len = r.num();
        const end = r.i + len;
        if (!p) {
          r.i = end;
          continue;
        }
        try {
          p.resolve(p.decode(r));
        } catch (err) {
          p.reject(err as Error);
        }
        r.i = end;
      } else if (tag === 'w') {
        const id = r.num();
        const revision = r.num();
        const n = r.num();
        const events: WatchEvent[] = [];
        for (let i = 0; i < n; i++) events.push(r.event());
        later.push(() => this.watches.get(id)?.deliver(events, revision));
      } else if (tag === 'x') {
        const id = r.num();
        const err = r.error();
        later.push(() => {
          const w = this.watches.get(id);
          this.watches.delete(id);
          w?.end(err);
        });
      } else if (tag === 'l') {
        const id = r.str();
        later.push(() => {
          const l = this.leases.get(id);
          this.leases.delete(id);
          l?.lose();
        });
      } else {
        this.fail(new StoreUnavailableError(`state store worker sent an unknown message ${tag}`));
        return;
      }
    }
    // An in-process backend answers a write's caller (a promise: its continuation runs first) and tells
    // its watchers on a later turn; here the answer and the events come in one batch, so the events wait
    // for a later turn too (in order, after every earlier batch's).
    if (later.length > 0) setImmediate(() => { for (const f of later) f(); });
  }

  /**
   * Calls `cb` once if the worker dies (not when the store is closed). A lost etcd connection comes back;
   * a dead worker does not, so the server's bin exits on it and its supervisor restarts it (agents adopt).
   */
  onFailure(cb: (err: Error) => void): void {
    this.failureListeners.push(cb);
  }

  private readonly failureListeners: ((err: Error) => void)[] = [];

  /** The worker is gone: fail everything loudly, once. */
  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    this.closeReader();
    if (!this.closing) for (const cb of this.failureListeners) cb(err);
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    for (const w of this.watches.values()) w.end(err);
    this.watches.clear();
    for (const l of this.leases.values()) l.lose();
    this.leases.clear();
  }

  /** The reader, while the store is open and not closing (afterwards calls go to the worker, which answers or refuses them). */
  private get readNow(): FileReader | undefined {
    return this.failure || this.closing ? undefined : this.reader;
  }

  private closeReader(): void {
    const r = this.reader;
    this.reader = undefined;
    r?.close();
  }

  get(key: string): Promise<KeyValue | null> {
    const reader = this.readNow;
    if (reader) return settle(() => reader.get(key));
    return this.call('get', (w) => w.items.push(key), (r) => r.kvOrNull());
  }

  getMany(keys: readonly string[]): Promise<(KeyValue | null)[]> {
    const reader = this.readNow;
    if (reader) return settle(() => reader.getMany(keys));
    return this.call(
      'getMany',
      (w) => w.items.push(keys.length, ...keys),
      (r) => {
        const n = r.num();
        const out: (KeyValue | null)[] = [];
        for (let i = 0; i < n; i++) out.push(r.kvOrNull());
        return out;
      },
    );
  }

  range(prefix: string, opts: RangeOptions = {}): Promise<RangeResult> {
    const reader = this.readNow;
    if (reader && !opts.revision) return settle(() => reader.range(prefix, opts));
    return this.call(
      'range',
      (w) => w.items.push(prefix, JSON.stringify(opts)),
      (r) => {
        const n = r.num();
        const kvs: KeyValue[] = [];
        for (let i = 0; i < n; i++) kvs.push(r.kv());
        const more = r.next() as boolean;
        const count = r.next() as number | null;
        const revision = r.num();
        return { kvs, more, ...(count !== null ? { count } : {}), revision };
      },
    );
  }

  put(key: string, value: string | Buffer, opts: { lease?: string } = {}): Promise<{ revision: number }> {
    return this.call(
      'put',
      (w) => {
        w.items.push(key);
        w.value(value);
        w.items.push(opts.lease ?? null);
      },
      (r) => ({ revision: r.num() }),
    );
  }

  delete(key: string): Promise<{ revision: number; deleted: number }> {
    return this.call('delete', (w) => w.items.push(key), (r) => ({ revision: r.num(), deleted: r.num() }));
  }

  /** The worker validates the request (the same checks and messages as in process). */
  txn(req: TxnRequest): Promise<TxnResult> {
    return this.call(
      'txn',
      (w) => {
        if (!Array.isArray(req.compare)) throw new Error('txn compare must be an array');
        if (!Array.isArray(req.success)) throw new Error('txn success must be an array');
        if (req.failure !== undefined && !Array.isArray(req.failure)) throw new Error('txn failure must be an array');
        w.items.push(req.compare.length);
        for (const c of req.compare) {
          if ('value' in c) {
            w.items.push(1, c.key);
            w.value(c.value);
          } else w.items.push(0, c.key, (c as { modRevision?: number }).modRevision ?? null);
        }
        writeOps(w, req.success);
        if (req.failure === undefined) w.items.push(-1);
        else writeOps(w, req.failure);
      },
      (r) => ({ succeeded: r.next() as boolean, revision: r.num() }),
    );
  }

  async watch(prefix: string, handlers: WatchHandlers, opts: WatchOptions = {}): Promise<Watch> {
    const id = this.nextId++;
    const w = new WorkerWatch(this, id, handlers);
    // Registered before the request goes: the worker may send events before its answer.
    this.watches.set(id, w);
    try {
      await this.call('watch', (b) => b.items.push(id, prefix, opts.fromRevision ?? null, opts.prevKv === true), () => null);
    } catch (err) {
      this.watches.delete(id);
      throw err;
    }
    return w;
  }

  /** @internal */
  unwatch(id: number): Promise<void> {
    if (!this.watches.delete(id)) return Promise.resolve();
    return this.call('unwatch', (w) => w.items.push(id), () => undefined).catch(() => undefined);
  }

  async grantLease(ttlSeconds: number, opts: { autoKeepAlive?: boolean } = {}): Promise<Lease> {
    const [id, ttl] = await this.call('grant', (w) => w.items.push(ttlSeconds, opts.autoKeepAlive ?? null), (r) => [r.str(), r.num()] as const);
    const lease = new WorkerLease(this, id, ttl);
    this.leases.set(id, lease);
    return lease;
  }

  /** @internal */
  leaseCall(method: 'keepAlive' | 'revoke', id: string): Promise<void> {
    if (method === 'revoke') this.leases.delete(id);
    return this.call(method, (w) => w.items.push(id), () => undefined);
  }

  revision(): Promise<number> {
    return this.call('revision', () => {}, (r) => r.num());
  }

  compact(revision: number): Promise<void> {
    return this.call('compact', (w) => w.items.push(revision), () => undefined);
  }

  compactedRevision(): Promise<number> {
    return this.call('compactedRevision', () => {}, (r) => r.num());
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      // The reader's connection closes first: the writer's, the file's last, then checkpoints the WAL.
      this.closeReader();
      // Watches end quietly on close, as the backends' own do.
      this.watches.clear();
      this.leases.clear();
      if (!this.failure) {
        // The worker answers every call made before close, then closes the backend (the file store
        // commits what is queued); its thread is ended once that answer is here.
        await this.call('close', () => {}, () => undefined).catch(() => undefined);
      }
      this.fail(new Error(`state store ${this.url} is closed`));
      await this.worker.terminate();
    })();
    return this.closing;
  }
}

function writeOps(w: BatchWriter, ops: Op[]): void {
  w.items.push(ops.length);
  for (const op of ops) {
    if ('put' in op) {
      w.items.push(0, op.put);
      w.value(op.value);
      w.items.push(op.lease ?? null);
    } else if ('delete' in op) w.items.push(1, op.delete);
    else if ('deletePrefix' in op) w.items.push(2, op.deletePrefix);
    else throw new Error(`unknown txn operation ${JSON.stringify(op)}`);
  }
}

class WorkerWatch implements Watch {
  private done = false;

  constructor(
    private readonly store: WorkerStore,
    private readonly id: number,
    private readonly handlers: WatchHandlers,
  ) {}

  deliver(events: Parameters<WatchHandlers['onEvents']>[0], revision: number): void {
    if (this.done) return;
    try {
      this.handlers.onEvents(events, revision);
    } catch (err) {
      // A throwing handler ends its own watch rather than the store.
      void this.store.unwatch(this.id);
      this.end(err instanceof Error ? err : new Error(String(err)));
    }
  }

  end(err: Error): void {
    if (this.done) return;
    this.done = true;
    this.handlers.onError(err);
  }

  async cancel(): Promise<void> {
    this.done = true;
    await this.store.unwatch(this.id);
  }
}

class WorkerLease implements Lease {
  private lost = false;
  private readonly lostCallbacks: Array<() => void> = [];

  constructor(
    private readonly store: WorkerStore,
    readonly id: string,
    readonly ttlSeconds: number,
  ) {}

  keepAlive(): Promise<void> {
    return this.store.leaseCall('keepAlive', this.id);
  }

  revoke(): Promise<void> {
    return this.store.leaseCall('revoke', this.id);
  }

  onLost(cb: () => void): void {
    if (this.lost) setImmediate(cb);
    else this.lostCallbacks.push(cb);
  }

  /** @internal */
  lose(): void {
    if (this.lost) return;
    this.lost = true;
    for (const cb of this.lostCallbacks.splice(0)) setImmediate(cb);
  }
}
