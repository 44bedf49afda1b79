// The messages between a WorkerStore (the main thread's proxy) and its store worker.
//
// Cost is what decides the format. Both sides batch: every message of one turn of the event loop travels
// in one postMessage. A batch is one flat array of primitives (strings, numbers, booleans, null), read
// back in order: structured clone copies such an array about three times faster than the same data as
// objects (an 11-op txn: ~2 µs instead of ~7). Byte values (keys' values, compare values) are packed into
// one ArrayBuffer per batch that is transferred, not copied: cloning a Buffer copies its whole backing
// ArrayBuffer, and small Buffers share Node's 8 KiB pool. On the far side a value is a Buffer view of
// the batch's bytes (no copy); in the array it is its offset and length.
import { CompactedError, StoreUnavailableError } from './store.js';
import type { KeyValue, Op, WatchEvent } from './store.js';

export type Item = string | number | boolean | null;

/** A batch on the wire. */
export interface Batch {
  items: Item[];
  bytes: ArrayBuffer | null;
  /** BERTH_STORE_WORKER_TIMING only: when the batch was posted (sharedNow(), ms). */
  sent?: number;
}

/** A clock both threads share (ms): each thread's timeOrigin plus its now(). */
export const sharedNow = (): number => performance.timeOrigin + performance.now();

/**
 * BERTH_STORE_WORKER_TIMING=FILE, a diagnostic: durations (ms) by name and by wall-clock second, written
 * as JSON lines to FILE (the worker's) and FILE.main.PID (the main thread's) when the process exits.
 */
export class Timings {
  private readonly bySecond = new Map<number, Map<string, number[]>>();
  get size(): number {
    return this.bySecond.size;
  }
  add(name: string, ms: number, at = Date.now()): void {
    const sec = Math.floor(at / 1000);
    let m = this.bySecond.get(sec);
    if (!m) this.bySecond.set(sec, (m = new Map()));
    let a = m.get(name);
    if (!a) m.set(name, (a = []));
    a.push(ms);
  }
  lines(): string {
    const q = (a: number[], p: number) => a[Math.min(a.length - 1, Math.floor(p * a.length))]!;
    const out: string[] = [];
    for (const [sec, m] of [...this.bySecond].sort((a, b) => a[0] - b[0])) {
      const row: Record<string, unknown> = { sec };
      for (const [name, a] of m) {
        a.sort((x, y) => x - y);
        row[name] = { n: a.length, sum: +a.reduce((s, x) => s + x, 0).toFixed(2), p50: +q(a, 0.5).toFixed(2), p90: +q(a, 0.9).toFixed(2), max: +a[a.length - 1]!.toFixed(2) };
      }
      out.push(JSON.stringify(row));
    }
    return out.join('\n') + '\n';
  }
}

/** Builds one batch. */
export class BatchWriter {
  items: Item[] = [];
  private bufs: Buffer[] = [];
  private size = 0;

  get empty(): boolean {
    return this.items.length === 0;
  }

  /** Appends a byte value as its offset and length. */
  bytes(b: Uint8Array): void {
    this.items.push(this.size, b.length);
    if (b.length > 0) this.bufs.push(b as Buffer);
    this.size += b.length;
  }

  /** A value given as string or Buffer: a string travels as itself, bytes as offset and length. */
  value(v: string | Uint8Array): void {
    if (typeof v === 'string') this.items.push(v);
    else this.bytes(Buffer.isBuffer(v) ? v : Buffer.from(v));
  }

  kv(kv: KeyValue): void {
    this.items.push(kv.key, kv.createRevision, kv.modRevision, kv.version, kv.lease ?? null);
    this.bytes(kv.value);
  }

  /** A KeyValue or null (one item). */
  kvOrNull(kv: KeyValue | null | undefined): void {
    if (kv) this.kv(kv);
    else this.items.push(null);
  }

  event(e: WatchEvent): void {
    if (e.type === 'put') {
      this.items.push(0);
      this.kv(e.kv);
    } else {
      this.items.push(1, e.key, e.modRevision);
    }
    this.kvOrNull(e.prevKv);
  }

  error(err: unknown): void {
    if (err instanceof CompactedError) {
      this.items.push(err.name, err.message, err.requested, err.compactRevision, null);
    } else if (err instanceof Error) {
      const code = (err as { code?: unknown }).code;
      this.items.push(err.name, err.message, null, null, typeof code === 'string' ? code : null);
    } else {
      this.items.push('Error', String(err), null, null, null);
    }
  }

  /** The batch to post and what to transfer; the writer starts over. */
  take(): [Batch, ArrayBuffer[]] {
    let bytes: ArrayBuffer | null = null;
    if (this.size > 0) {
      bytes = new ArrayBuffer(this.size);
      const u8 = new Uint8Array(bytes);
      let at = 0;
      for (const b of this.bufs) {
        u8.set(b, at);
        at += b.length;
      }
    }
    const batch: Batch = { items: this.items, bytes };
    this.items = [];
    this.bufs = [];
    this.size = 0;
    return [batch, bytes ? [bytes] : []];
  }
}

/** Reads a batch in order. */
export class BatchReader {
  i = 0;
  constructor(private readonly b: Batch) {}

  get done(): boolean {
    return this.i >= this.b.items.length;
  }

  next(): Item {
    return this.b.items[this.i++]!;
  }

  str(): string {
    return this.b.items[this.i++] as string;
  }

  num(): number {
    return this.b.items[this.i++] as number;
  }

  bytes(): Buffer {
    const off = this.num();
    const len = this.num();
    return len > 0 && this.b.bytes ? Buffer.from(this.b.bytes, off, len) : Buffer.alloc(0);
  }

  value(): string | Buffer {
    const v = this.b.items[this.i];
    if (typeof v === 'string') {
      this.i++;
      return v;
    }
    return this.bytes();
  }

  /** The rest of a KeyValue whose key was read. */
  private kvAfter(key: string): KeyValue {
    const items = this.b.items;
    const kv: KeyValue = {
      key,
      value: undefined as unknown as Buffer,
      createRevision: items[this.i++] as number,
      modRevision: items[this.i++] as number,
      version: items[this.i++] as number,
    };
    const lease = items[this.i++];
    kv.value = this.bytes();
    if (lease !== null) kv.lease = lease as string;
    return kv;
  }

  kv(): KeyValue {
    return this.kvAfter(this.str());
  }

  kvOrNull(): KeyValue | null {
    const key = this.next();
    return key === null ? null : this.kvAfter(key as string);
  }

  event(): WatchEvent {
    let e: WatchEvent;
    if (this.num() === 0) e = { type: 'put', kv: this.kv() };
    else e = { type: 'delete', key: this.str(), modRevision: this.num() };
    const prev = this.kvOrNull();
    if (prev) e.prevKv = prev;
    return e;
  }

  /** An error as the far side threw it: the store's classes are rebuilt with their fields. */
  error(): Error {
    const name = this.str();
    const message = this.str();
    const requested = this.next() as number | null;
    const compactRevision = this.next() as number | null;
    const code = this.next() as string | null;
    if (name === 'CompactedError') return new CompactedError(requested!, compactRevision!);
    if (name === 'StoreUnavailableError') return new StoreUnavailableError(message);
    const err = name === 'TypeError' ? new TypeError(message) : name === 'RangeError' ? new RangeError(message) : new Error(message);
    if (err.name !== name) err.name = name;
    if (code !== null) (err as { code?: string }).code = code;
    return err;
  }
}

/** A transaction's op list as the proxy wrote it (a count, then each op by kind); undefined for a count of -1 (no list). */
export function readOps(r: BatchReader): Op[] | undefined {
  const n = r.num();
  if (n < 0) return undefined;
  const list: Op[] = [];
  for (let i = 0; i < n; i++) {
    const kind = r.num();
    if (kind === 0) {
      const key = r.str();
      const value = r.value();
      const lease = r.next();
      list.push(lease === null ? { put: key, value } : { put: key, value, lease: lease as string });
    } else if (kind === 1) list.push({ delete: r.str() });
    else list.push({ deletePrefix: r.str() });
  }
  return list;
}
