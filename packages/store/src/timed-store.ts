// A Store that reports how long each call to the one it wraps took, and whether it failed: the server's
// store-latency metrics (issue 19 §5). Watches are long-lived and compaction is the leader's background
// work: only the calls a request or a controller waits on are timed.
import type { KeyValue, Lease, RangeOptions, RangeResult, Store, TxnRequest, TxnResult, Watch, WatchHandlers, WatchOptions } from './store.js';

/** One store call: its method, seconds, and whether it threw. */
export type StoreTiming = (method: string, seconds: number, failed: boolean) => void;

export class TimedStore implements Store {
  constructor(readonly inner: Store, private readonly observe: StoreTiming) {}

  get kind(): string {
    return this.inner.kind;
  }

  private async timed<T>(method: string, call: () => Promise<T>): Promise<T> {
    const started = performance.now();
    let failed = true;
    try {
      const result = await call();
      failed = false;
      return result;
    } finally {
      this.observe(method, (performance.now() - started) / 1000, failed);
    }
  }

  get(key: string): Promise<KeyValue | null> {
    return this.timed('get', () => this.inner.get(key));
  }

  getMany(keys: readonly string[]): Promise<(KeyValue | null)[]> {
    return this.timed('getMany', () => this.inner.getMany(keys));
  }

  range(prefix: string, opts?: RangeOptions): Promise<RangeResult> {
    return this.timed('range', () => this.inner.range(prefix, opts));
  }

  put(key: string, value: string | Buffer, opts?: { lease?: string }): Promise<{ revision: number }> {
    return this.timed('put', () => this.inner.put(key, value, opts));
  }

  delete(key: string): Promise<{ revision: number; deleted: number }> {
    return this.timed('delete', () => this.inner.delete(key));
  }

  txn(req: TxnRequest): Promise<TxnResult> {
    return this.timed('txn', () => this.inner.txn(req));
  }

  watch(prefix: string, handlers: WatchHandlers, opts?: WatchOptions): Promise<Watch> {
    return this.inner.watch(prefix, handlers, opts);
  }

  grantLease(ttlSeconds: number, opts?: { autoKeepAlive?: boolean }): Promise<Lease> {
    return this.timed('grantLease', () => this.inner.grantLease(ttlSeconds, opts));
  }

  revision(): Promise<number> {
    return this.timed('revision', () => this.inner.revision());
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
