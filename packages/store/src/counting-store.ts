// A Store that counts what callers ask of the one it wraps: operations, and the keys each covers. It is how
// tests show that a request's store work does not grow with the cluster (structural tests), not a
// profiler: only calls made inside measure() are counted, attributed through async context, so
// background work (watches, controllers) running meanwhile does not blur a measurement.
import { AsyncLocalStorage } from 'node:async_hooks';
import type {
  KeyValue, Lease, RangeOptions, RangeResult, Store, TxnRequest, TxnResult, Watch, WatchHandlers, WatchOptions,
} from './store.js';

/** What one measured piece of work asked of the store. */
export interface StoreCost {
  /** Store calls (a txn is one call, whatever it holds). */
  ops: number;
  /**
   * Keys covered: a get 1; a getMany the keys it asked for; a range the keys it returned, or with countOnly / withCount the keys it counted;
   * a put or delete 1; a txn its compares and the operations of the branch that ran.
   */
  keys: number;
  /** The same, per store method. */
  byMethod: Record<string, { ops: number; keys: number }>;
}

const emptyCost = (): StoreCost => ({ ops: 0, keys: 0, byMethod: {} });

export class CountingStore implements Store {
  private readonly scope = new AsyncLocalStorage<StoreCost>();

  constructor(readonly inner: Store) {}

  get kind(): string {
    return this.inner.kind;
  }

  /** Runs `fn`, counting the store calls it causes (directly or through anything it awaits). */
  async measure<T>(fn: () => Promise<T>): Promise<{ result: T; cost: StoreCost }> {
    const cost = emptyCost();
    const result = await this.scope.run(cost, fn);
    return { result, cost };
  }

  private count(method: string, keys: number): void {
    const c = this.scope.getStore();
    if (!c) return;
    c.ops++;
    c.keys += keys;
    const m = (c.byMethod[method] ??= { ops: 0, keys: 0 });
    m.ops++;
    m.keys += keys;
  }

  async get(key: string): Promise<KeyValue | null> {
    this.count('get', 1);
    return this.inner.get(key);
  }

  async getMany(keys: readonly string[]): Promise<(KeyValue | null)[]> {
    this.count('getMany', keys.length);
    return this.inner.getMany(keys);
  }

  async range(prefix: string, opts: RangeOptions = {}): Promise<RangeResult> {
    const res = await this.inner.range(prefix, opts);
    this.count('range', opts.countOnly || opts.withCount ? Math.max(res.count ?? 0, res.kvs.length) : res.kvs.length);
    return res;
  }

  async put(key: string, value: string | Buffer, opts?: { lease?: string }): Promise<{ revision: number }> {
    this.count('put', 1);
    return this.inner.put(key, value, opts);
  }

  async delete(key: string): Promise<{ revision: number; deleted: number }> {
    this.count('delete', 1);
    return this.inner.delete(key);
  }

  async txn(req: TxnRequest): Promise<TxnResult> {
    const res = await this.inner.txn(req);
    this.count('txn', req.compare.length + (res.succeeded ? req.success.length : (req.failure?.length ?? 0)));
    return res;
  }

  async watch(prefix: string, handlers: WatchHandlers, opts?: WatchOptions): Promise<Watch> {
    this.count('watch', 0);
    // A watcher's reaction to a measured write is its own work, not the writer's: run it outside the
    // measurement (the file store delivers events in the context of the write that caused them).
    return this.inner.watch(prefix, {
      onEvents: (events, revision) => this.scope.exit(() => handlers.onEvents(events, revision)),
      onError: (err) => this.scope.exit(() => handlers.onError(err)),
    }, opts);
  }

  async grantLease(ttlSeconds: number, opts?: { autoKeepAlive?: boolean }): Promise<Lease> {
    this.count('grantLease', 0);
    return this.inner.grantLease(ttlSeconds, opts);
  }

  async revision(): Promise<number> {
    this.count('revision', 0);
    return this.inner.revision();
  }

  compact(revision: number): Promise<void> {
    return this.inner.compact(revision);
  }

  compactedRevision(): Promise<number> {
    return this.inner.compactedRevision();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
