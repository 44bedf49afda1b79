// EtcdStore: the store on an etcd v3 cluster through the etcd3 client. Store semantics are etcd's, so
// this is mostly translation: revision strings to numbers, prefixes to byte ranges, our compares and
// ops to etcd's txn, and etcd3's errors to ours.
import { CompareResult, CompareTarget, Etcd3, GRPCDeadlineExceededError, isRecoverableError } from 'etcd3';
import { ConsecutiveBreaker, circuitBreaker, handleWhen, retry } from 'cockatiel';
import type { ICompare, IRangeRequest, IRequestOp } from 'etcd3';
import { CompactedError, StoreUnavailableError } from './store.js';
import type {
  Compare,
  KeyValue,
  Lease,
  Op,
  RangeOptions,
  RangeResult,
  Store,
  TxnRequest,
  TxnResult,
  Watch,
  WatchHandlers,
  WatchOptions,
} from './store.js';
import { isCompactedError, mapError, toKeyValue } from './etcd-convert.js';
import { EtcdLease, KeepAlives } from './etcd-lease.js';
import { startWatch, tolerateLateCancels } from './etcd-watch.js';
import type { EtcdWatch } from './etcd-watch.js';
import { WatchMux } from './etcd-watch-mux.js';
import { keyBytes, prefixEnd, toBuffer } from './keys.js';
import { checkGetMany, checkKey, checkPut, checkTtl, checkTxn } from './validate.js';

export interface EtcdStoreOptions {
  /** Deadline for each request (ms, default 5000): a dead or partitioned etcd fails fast. */
  callTimeoutMs?: number;
  /** How long open() and watch() wait for etcd to answer (ms, default 3000). */
  dialTimeoutMs?: number;
}

/**
 * The failures etcd3 counts against a host (its circuit breaker: after three in a row, every call to the
 * host is refused for 5 s) and tries again (three times): its own list, but a deadline exceeded. A call
 * that outlived its deadline says the answer was slow, not that the host is gone; counted, a busy machine
 * turned slowness into 5-s outages of a healthy etcd that never ended (each probe queued behind the
 * backlog, timed out and opened the breaker again: churn on a starved 2-core machine, while etcd answered
 * in 40 ms), and retried, it tripled the work of an etcd already behind. An unreachable host still opens
 * the breaker and is tried again on the next host.
 */
const countsAgainstHost = (err: Error) => isRecoverableError(err) && !(err instanceof GRPCDeadlineExceededError);

/** etcd has no empty key; "\0" as a range start (with end "\0") means every key. */
const ZERO = Buffer.from([0]);

/** HTTP/2 flow-control window of the etcd connection, per stream and for the connection (bytes). */
export const ETCD_FLOW_CONTROL_WINDOW = 16 * 1024 * 1024;

export class EtcdStore implements Store {
  readonly kind = 'etcd';
  private readonly leases = new Set<EtcdLease>();
  /** The one keepalive stream every lease's renewals go over. */
  private readonly keepAlives: KeepAlives;
  private readonly watches = new Set<EtcdWatch>();
  /** Watches that name their start share one etcd watch per prefix (etcd-watch-mux.ts). */
  private readonly mux: WatchMux;
  /** A lower bound for etcd's compaction point (it only moves forward). */
  private knownCompacted = 0;
  private closed = false;

  /** Connects to etcd (`host:port` or `http(s)://host:port`) and checks that it answers. */
  static async open(hosts: string[], opts: EtcdStoreOptions = {}): Promise<EtcdStore> {
    if (hosts.length === 0) throw new Error('EtcdStore.open needs at least one etcd host');
    const urls = hosts.map((h) => (/^https?:\/\//.test(h) ? h : `http://${h}`));
    const callTimeout = opts.callTimeoutMs ?? 5000;
    const dialTimeout = opts.dialTimeoutMs ?? 3000;
    // The last failure counted against a host: said with "the circuit breaker is open", which alone does
    // not say what opened it.
    const failures: { last?: Error } = {};
    const hostFailure = handleWhen((err) => {
      const counted = countsAgainstHost(err);
      if (counted) failures.last = err;
      return counted;
    });
    const client = new Etcd3({
      hosts: urls,
      // etcd3 1.1.2 declares dialTimeout but never uses it; per-call deadlines are what bound a call.
      dialTimeout,
      defaultCallOptions: (ctx) => (ctx.isStream ? {} : { deadline: Date.now() + callTimeout }),
      // A watch response can carry many events with their previous values: far over gRPC's 4 MB default.
      // HTTP/2's default window is 64 KiB per stream, and every watch shares one stream: etcd may send only
      // that much before this process reads it and grants more, so a busy event loop (a server placing
      // hundreds of tasks a second) throttled the watches to a window per turn, and assignments reached
      // their agents seconds late (placement-throughput on etcd: createdAt -> RUNNING p50 9 s). A window
      // of 16 MiB lets etcd run ahead of the loop by that much.
      grpcOptions: { 'grpc.max_receive_message_length': -1, 'grpc-node.flow_control_window': ETCD_FLOW_CONTROL_WINDOW },
      // etcd3's defaults (handleWhen(isRecoverableError)) but for deadlines: see hostFailure.
      faultHandling: {
        host: () => circuitBreaker(hostFailure, { halfOpenAfter: 5000, breaker: new ConsecutiveBreaker(3) }),
        global: retry(hostFailure, { maxAttempts: 3 }),
      },
    });
    try {
      tolerateLateCancels(client);
    } catch (err) {
      client.close();
      throw err;
    }
    const store = new EtcdStore(client, urls, dialTimeout, callTimeout, failures);
    try {
      await client.kv.range({ key: ZERO, count_only: true }, { deadline: Date.now() + dialTimeout });
    } catch (err) {
      client.close();
      throw new StoreUnavailableError(
        `cannot reach etcd at ${urls.join(', ')}: ${err instanceof Error ? err.message : String(err)}`,
        err,
      );
    }
    return store;
  }

  private constructor(
    private readonly client: Etcd3,
    readonly hosts: string[],
    private readonly dialTimeoutMs: number,
    callTimeoutMs: number,
    private readonly failures: { last?: Error },
  ) {
    this.keepAlives = new KeepAlives(client, callTimeoutMs);
    this.mux = new WatchMux({
      client,
      hosts,
      timeoutMs: dialTimeoutMs,
      compactedRevision: () => this.compactedRevision(),
    });
  }

  /** etcd watches open and the store watches they serve (tests and diagnostics). */
  watchStats(): { etcdWatches: number; storeWatches: number } {
    return { etcdWatches: this.watches.size + this.mux.etcdWatches, storeWatches: this.watches.size + this.mux.subscribers };
  }

  /** Runs an etcd call, translating "etcd did not answer" into StoreUnavailableError. */
  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('etcd store is closed');
    try {
      return await fn();
    } catch (err) {
      const mapped = mapError(err, this.hosts, what);
      const last = this.failures.last;
      if (last && err instanceof Error && 'isBrokenCircuitError' in err) {
        mapped.message += ` (opened by three failures in a row, the last: ${last.constructor.name}: ${last.message})`;
      }
      throw mapped;
    }
  }

  async get(key: string): Promise<KeyValue | null> {
    checkKey(key);
    const res = await this.call('get', () => this.client.kv.range({ key: keyBytes(key) }));
    const kv = res.kvs[0];
    return kv ? toKeyValue(kv) : null;
  }

  async getMany(keys: readonly string[]): Promise<(KeyValue | null)[]> {
    checkGetMany(keys);
    if (keys.length === 0) return [];
    // A read-only txn: every range at the txn's one revision.
    const res = await this.call('getMany', () =>
      this.client.kv.txn({ success: keys.map((key) => ({ request_range: { key: keyBytes(key) } })) }),
    );
    return res.responses.map((r) => {
      const kv = r.response_range?.kvs[0];
      return kv ? toKeyValue(kv) : null;
    });
  }

  async range(prefix: string, opts: RangeOptions = {}): Promise<RangeResult> {
    const lo = keyBytes(prefix);
    const whole: IRangeRequest = {
      key: lo.length > 0 ? lo : ZERO,
      range_end: prefixEnd(lo) ?? ZERO,
      // As in etcd, revision 0 (or absent) reads the newest state.
      revision: opts.revision ?? 0,
    };
    let start = whole.key!;
    let end = whole.range_end!;
    if (opts.after !== undefined && opts.reverse) {
      // "Strictly before" is an exclusive range end at the key itself.
      const before = keyBytes(opts.after);
      if (end.equals(ZERO) || Buffer.compare(before, end) < 0) end = before;
    } else if (opts.after !== undefined) {
      // "Strictly after" is the key itself plus a zero byte: the next possible key.
      const after = Buffer.concat([keyBytes(opts.after), ZERO]);
      if (Buffer.compare(after, start) > 0) start = after;
    }
    const page: IRangeRequest = {
      ...whole, key: start, range_end: end, limit: opts.limit && opts.limit > 0 ? opts.limit : 0,
      ...(opts.reverse ? { sort_order: 'Descend' as const, sort_target: 'Key' as const } : {}),
      ...(opts.keysOnly ? { keys_only: true } : {}),
    };
    try {
      // A page past `after` is counted only when asked (withCount): etcd counts by walking the range, so
      // counting the whole prefix with every page made paging through N keys cost N per page.
      const wantCount = opts.countOnly || opts.withCount;
      if (opts.countOnly || !wantCount || (start === whole.key && end === whole.range_end)) {
        const res = await this.call('range', () =>
          this.client.kv.range(opts.countOnly ? { ...whole, count_only: true } : page),
        );
        return {
          kvs: res.kvs.map(toKeyValue),
          more: Boolean(res.more),
          ...(wantCount ? { count: Number(res.count) } : {}),
          revision: opts.revision || Number(res.header.revision),
        };
      }
      // etcd counts only the requested range, which starts after `after`; our count is the whole
      // prefix. One read-only txn gets the page and the count at the same revision.
      const res = await this.call('range', () =>
        this.client.kv.txn({
          success: [{ request_range: page }, { request_range: { ...whole, count_only: true } }],
        }),
      );
      const [p, c] = res.responses.map((r) => r.response_range);
      return {
        kvs: p!.kvs.map(toKeyValue),
        more: Boolean(p!.more),
        count: Number(c!.count),
        revision: opts.revision || Number(res.header.revision),
      };
    } catch (err) {
      if (opts.revision && isCompactedError(err)) {
        throw new CompactedError(opts.revision, await this.compactedRevision());
      }
      throw err;
    }
  }

  async put(key: string, value: string | Buffer, opts: { lease?: string } = {}): Promise<{ revision: number }> {
    const buf = toBuffer(value);
    checkPut(key, buf);
    const res = await this.call('put', () =>
      this.client.kv.put({ key: keyBytes(key), value: buf, ...(opts.lease ? { lease: opts.lease } : {}) }),
    );
    return { revision: Number(res.header.revision) };
  }

  async delete(key: string): Promise<{ revision: number; deleted: number }> {
    checkKey(key);
    const res = await this.call('delete', () => this.client.kv.deleteRange({ key: keyBytes(key) }));
    return { revision: Number(res.header.revision), deleted: Number(res.deleted) };
  }

  async txn(req: TxnRequest): Promise<TxnResult> {
    checkTxn(req);
    const res = await this.call('txn', () =>
      this.client.kv.txn({
        compare: req.compare.map(toCompare),
        success: req.success.map(toRequestOp),
        failure: (req.failure ?? []).map(toRequestOp),
      }),
    );
    return { succeeded: Boolean(res.succeeded), revision: Number(res.header.revision) };
  }

  async watch(prefix: string, handlers: WatchHandlers, opts: WatchOptions = {}): Promise<Watch> {
    if (this.closed) throw new Error('etcd store is closed');
    // A watch from a named revision shares its prefix's etcd watch. One from "now" gets its own: its
    // start is the revision etcd names when it accepts it, which a shared watch behind etcd cannot give.
    if (opts.fromRevision !== undefined) return this.mux.watch(prefix, handlers, opts.fromRevision, opts.prevKv === true);
    const w = await startWatch(
      {
        client: this.client,
        hosts: this.hosts,
        timeoutMs: this.dialTimeoutMs,
        compactedRevision: () => this.compactedRevision(),
        ended: (ended) => this.watches.delete(ended),
      },
      prefix,
      handlers,
      opts,
    );
    this.watches.add(w);
    return w;
  }

  async grantLease(ttlSeconds: number, opts: { autoKeepAlive?: boolean } = {}): Promise<Lease> {
    if (this.closed) throw new Error('etcd store is closed');
    checkTtl(ttlSeconds);
    const lease = await EtcdLease.grant(this.client, this.keepAlives, this.hosts, ttlSeconds, opts.autoKeepAlive !== false, (l) =>
      this.leases.delete(l),
    );
    this.leases.add(lease);
    return lease;
  }

  async revision(): Promise<number> {
    const res = await this.call('revision', () => this.client.kv.range({ key: ZERO, count_only: true }));
    return Number(res.header.revision);
  }

  async compact(revision: number): Promise<void> {
    if (!Number.isInteger(revision) || revision < 0) throw new Error(`invalid revision ${revision}`);
    try {
      await this.call('compact', () => this.client.kv.compact({ revision }));
    } catch (err) {
      // Already compacted at or past it: nothing to do, as on the file store.
      if (isCompactedError(err)) return;
      throw err;
    }
    this.knownCompacted = Math.max(this.knownCompacted, revision);
  }

  /**
   * etcd 3.4 reports its compaction point nowhere cheap (Status lacks it; HashKV scans the whole
   * keyspace), but a read at a compacted revision fails: binary-search the oldest readable revision
   * with count-only reads of one key (about log2(revision) round trips).
   */
  async compactedRevision(): Promise<number> {
    const readable = async (rev: number): Promise<boolean> => {
      try {
        await this.call('compactedRevision', () => this.client.kv.range({ key: ZERO, count_only: true, revision: rev }));
        return true;
      } catch (err) {
        if (isCompactedError(err)) return false;
        throw err;
      }
    };
    let lo = Math.max(1, this.knownCompacted);
    let hi = await this.revision();
    if (lo >= hi || (await readable(lo))) {
      if (lo === 1) return 0; // never compacted: everything since the first revision is there
      return Math.min(lo, hi);
    }
    // readable(lo) is false, readable(hi) is true (the current revision is never compacted away).
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (await readable(mid)) hi = mid;
      else lo = mid;
    }
    this.knownCompacted = hi;
    return hi;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.all([...this.watches].map((w) => w.cancel()));
    await this.mux.close();
    for (const l of [...this.leases]) l.stop();
    this.keepAlives.close();
    this.closed = true;
    this.client.close();
  }
}

function toCompare(c: Compare): ICompare {
  const key = keyBytes(c.key);
  if ('modRevision' in c) {
    if (c.modRevision === 0) {
      // "Absent" is version 0 in etcd (a deleted-and-recreated key has a fresh create_revision).
      return { key, target: CompareTarget.Version, result: CompareResult.Equal, version: 0 };
    }
    return { key, target: CompareTarget.Mod, result: CompareResult.Equal, mod_revision: c.modRevision };
  }
  return { key, target: CompareTarget.Value, result: CompareResult.Equal, value: toBuffer(c.value) };
}

function toRequestOp(op: Op): IRequestOp {
  if ('put' in op) {
    return {
      request_put: { key: keyBytes(op.put), value: toBuffer(op.value), ...(op.lease ? { lease: op.lease } : {}) },
    };
  }
  if ('delete' in op) return { request_delete_range: { key: keyBytes(op.delete) } };
  const lo = keyBytes(op.deletePrefix);
  return { request_delete_range: { key: lo, range_end: prefixEnd(lo) ?? ZERO } };
}
