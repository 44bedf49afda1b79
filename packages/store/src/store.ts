// The state store: one interface with etcd's semantics, two backends (etcd, an embedded SQLite file),
// chosen at start as k3s/kine does. Everything the control plane keeps goes through it.
//
// Revisions are one counter for the whole store, as in etcd: every write (put, delete, txn, lease
// expiry) that changes something advances it by one, and each key records the revision that created it
// (createRevision) and last modified it (modRevision). Revisions are JS numbers: exact below 2^53.

export interface KeyValue {
  key: string;
  value: Buffer;
  /** Revision of the put that created this key (since its last delete). */
  createRevision: number;
  /** Revision of the last put to this key. */
  modRevision: number;
  /** Number of puts since creation (1 for a new key). */
  version: number;
  /** Lease id the key is attached to, if any. */
  lease?: string;
}

export interface RangeOptions {
  /** Return at most this many keys (0 or absent: no limit). */
  limit?: number;
  /**
   * Continue strictly past this key in the order of the range (for paging: pass the last key of the
   * previous page): after it ascending, before it with `reverse`.
   */
  after?: string;
  /**
   * Newest-first paging: keys in descending byte order. On etcd (3.4 and 3.5) a sorted range is sorted by
   * the server over the whole prefix before the limit applies; the file store reads only the page.
   */
  reverse?: boolean;
  /** Read as of this revision (must not be compacted). Absent: the newest. */
  revision?: number;
  /** Only count, return no kvs. */
  countOnly?: boolean;
  /**
   * Also count every key under the prefix: a scan of the whole prefix on both backends (etcd counts in a
   * second range of the same read), so ask only when needed.
   */
  withCount?: boolean;
  /** Keys and revisions without their values (empty): for a reader that needs only which keys exist. */
  keysOnly?: boolean;
}

export interface RangeResult {
  kvs: KeyValue[];
  /** True when keys remain past the returned page. */
  more: boolean;
  /** Total number of keys under the prefix. Present with countOnly or withCount, absent otherwise. */
  count?: number;
  /** The store revision this read saw. */
  revision: number;
}

/** A condition on one key, compared at commit time. */
export type Compare =
  /** The key's modRevision equals this; 0 means "the key does not exist". */
  | { key: string; modRevision: number }
  /** The key's value equals this (bytes). */
  | { key: string; value: string | Buffer };

export type Op =
  | { put: string; value: string | Buffer; lease?: string }
  | { delete: string }
  /** Delete every key under a prefix. */
  | { deletePrefix: string };

export interface TxnRequest {
  compare: Compare[];
  success: Op[];
  failure?: Op[];
}

export interface TxnResult {
  succeeded: boolean;
  /** Store revision after the transaction (unchanged if nothing was written). */
  revision: number;
}

export type WatchEvent =
  | { type: 'put'; kv: KeyValue; prevKv?: KeyValue }
  | { type: 'delete'; key: string; modRevision: number; prevKv?: KeyValue };

export interface WatchOptions {
  /** Deliver events with revision >= this. Absent: only events after the watch starts. */
  fromRevision?: number;
  /**
   * Events carry the key's previous value (prevKv) when it had one. Off by default: on etcd previous
   * values double what every event ships and decodes, and the file store reads each from its log.
   */
  prevKv?: boolean;
}

export interface Watch {
  /** Stop delivering events. */
  cancel(): Promise<void>;
}

export interface WatchHandlers {
  /** Events in revision order; events of one transaction arrive in one call. */
  onEvents(events: WatchEvent[], revision: number): void;
  /**
   * The watch ended with an error. `CompactedError` means fromRevision is older than the kept
   * history: the consumer relists (range) and watches again from the list's revision + 1.
   */
  onError(err: Error): void;
}

export interface Lease {
  readonly id: string;
  readonly ttlSeconds: number;
  /**
   * Keep the lease alive (renewed automatically until revoked or closed): renews it now, rejects if it
   * has already expired, and turns on automatic renewal if the lease was granted without it.
   */
  keepAlive(): Promise<void>;
  /** Revoke now: every key attached is deleted (with delete events). */
  revoke(): Promise<void>;
  /** Called once if the lease is lost (expired despite keepalives, or the store went away). */
  onLost(cb: () => void): void;
}

export interface Store {
  /** Backend name for logs: "file" or "etcd". */
  readonly kind: string;
  get(key: string): Promise<KeyValue | null>;
  /**
   * Several keys in one call, all as of one revision (null for a missing key), in the order asked: on
   * etcd one round trip instead of one per key. At most TXN_MAX_OPS keys.
   */
  getMany(keys: readonly string[]): Promise<(KeyValue | null)[]>;
  /** Keys with the given prefix, in byte order of keys. */
  range(prefix: string, opts?: RangeOptions): Promise<RangeResult>;
  put(key: string, value: string | Buffer, opts?: { lease?: string }): Promise<{ revision: number }>;
  delete(key: string): Promise<{ revision: number; deleted: number }>;
  /** Atomic multi-key compare-and-swap. */
  txn(req: TxnRequest): Promise<TxnResult>;
  /** Watch every key under a prefix. */
  watch(prefix: string, handlers: WatchHandlers, opts?: WatchOptions): Promise<Watch>;
  /** Grant a lease with a TTL; keys put with it are deleted when it expires or is revoked. */
  grantLease(ttlSeconds: number, opts?: { autoKeepAlive?: boolean }): Promise<Lease>;
  /** The current store revision. */
  revision(): Promise<number>;
  /** Drop history before this revision (watches from older revisions then get CompactedError). */
  compact(revision: number): Promise<void>;
  /** The oldest revision still kept (for tests and diagnostics). */
  compactedRevision(): Promise<number>;
  close(): Promise<void>;
}

export class CompactedError extends Error {
  constructor(readonly requested: number, readonly compactRevision: number) {
    super(`revision ${requested} has been compacted (oldest kept: ${compactRevision})`);
    this.name = 'CompactedError';
  }
}

export class StoreUnavailableError extends Error {
  constructor(message: string, readonly cause?: unknown) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

/** Limits we hold every backend to, so a design that works on the file store also works on etcd. */
export const TXN_MAX_OPS = 128;
export const VALUE_MAX_BYTES = 1_500_000;
/**
 * Keys plus values of one write (put or txn: compares and both branches counted). etcd refuses any
 * request over 1.5 MiB (--max-request-bytes, 1,572,864 bytes), so two 1 MB values in one txn must
 * fail on the file store too; the remaining ~12 KB covers etcd's framing of a full txn.
 */
export const TXN_MAX_BYTES = 1_560_000;
