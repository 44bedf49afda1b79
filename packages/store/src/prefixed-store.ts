// A Store inside a namespace of another: every key is stored under `namespace`, and the namespace is
// invisible to the caller (keys in, keys out, watch events, prevKv). Tests and benchmarks use it to share
// one etcd without sharing its keyspace: each gets its own schema, leader key and layout, and its keys
// go with one prefix delete. Revisions, leases and compaction stay the backend's (global to it).
import type {
  Compare, KeyValue, Lease, Op, RangeOptions, RangeResult, Store, TxnRequest, TxnResult, Watch, WatchEvent, WatchHandlers, WatchOptions,
} from './store.js';
import { checkKey } from './validate.js';

export class PrefixedStore implements Store {
  constructor(readonly inner: Store, readonly namespace: string) {
    if (namespace === '' || namespace.endsWith('/')) throw new Error(`a store namespace is a non-empty prefix without a trailing slash (got ${JSON.stringify(namespace)})`);
  }

  get kind(): string {
    return this.inner.kind;
  }

  private in(key: string): string {
    // The namespace must not make a key valid that the store would refuse.
    checkKey(key);
    return this.namespace + key;
  }

  private out<K extends KeyValue | undefined>(kv: K): K {
    return (kv ? { ...kv, key: kv.key.slice(this.namespace.length) } : kv) as K;
  }

  private op(op: Op): Op {
    if ('put' in op) return { ...op, put: this.in(op.put) };
    if ('delete' in op) return { delete: this.in(op.delete) };
    return { deletePrefix: this.namespace + op.deletePrefix };
  }

  private compare(c: Compare): Compare {
    return { ...c, key: this.in(c.key) };
  }

  async get(key: string): Promise<KeyValue | null> {
    const kv = await this.inner.get(this.in(key));
    return kv ? this.out(kv) : null;
  }

  async getMany(keys: readonly string[]): Promise<(KeyValue | null)[]> {
    return (await this.inner.getMany(keys.map((k) => this.in(k)))).map((kv) => (kv ? this.out(kv) : null));
  }

  async range(prefix: string, opts: RangeOptions = {}): Promise<RangeResult> {
    const res = await this.inner.range(this.namespace + prefix, { ...opts, ...(opts.after !== undefined ? { after: this.in(opts.after) } : {}) });
    return { ...res, kvs: res.kvs.map((kv) => this.out(kv)) };
  }

  async put(key: string, value: string | Buffer, opts?: { lease?: string }): Promise<{ revision: number }> {
    return this.inner.put(this.in(key), value, opts);
  }

  async delete(key: string): Promise<{ revision: number; deleted: number }> {
    return this.inner.delete(this.in(key));
  }

  async txn(req: TxnRequest): Promise<TxnResult> {
    return this.inner.txn({
      compare: req.compare.map((c) => this.compare(c)),
      success: req.success.map((o) => this.op(o)),
      ...(req.failure ? { failure: req.failure.map((o) => this.op(o)) } : {}),
    });
  }

  async watch(prefix: string, handlers: WatchHandlers, opts?: WatchOptions): Promise<Watch> {
    const out = (e: WatchEvent): WatchEvent => {
      const prev = e.prevKv ? { prevKv: this.out(e.prevKv) } : {};
      return e.type === 'put' ? { type: 'put', kv: this.out(e.kv), ...prev } : { type: 'delete', key: e.key.slice(this.namespace.length), modRevision: e.modRevision, ...prev };
    };
    return this.inner.watch(this.namespace + prefix, { onEvents: (events, revision) => handlers.onEvents(events.map(out), revision), onError: (err) => handlers.onError(err) }, opts);
  }

  grantLease(ttlSeconds: number, opts?: { autoKeepAlive?: boolean }): Promise<Lease> {
    return this.inner.grantLease(ttlSeconds, opts);
  }

  revision(): Promise<number> {
    return this.inner.revision();
  }

  compact(revision: number): Promise<void> {
    return this.inner.compact(revision);
  }

  compactedRevision(): Promise<number> {
    return this.inner.compactedRevision();
  }

  /** Deletes every key of the namespace (its owner is done with it; Berth's keys all start with '/'). */
  async clear(): Promise<void> {
    await this.inner.txn({ compare: [], success: [{ deletePrefix: this.namespace + '/' }] });
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
