// FileStore: the embedded default backend, one SQLite file (see file-schema.ts for the layout).
//
// Durability: WAL with synchronous=FULL, and better-sqlite3 is synchronous, so a write is on disk
// before its promise resolves and survives kill -9. Exclusivity: locking_mode=EXCLUSIVE makes SQLite
// hold the file lock for the life of the connection; the OS drops it when the process dies, so a crash
// leaves no stale lock behind (unlike a pid file). With `sharedReads` (the worker store, whose caller's
// thread reads the file on a connection of its own: file-reader.ts) the file is in normal locking mode and
// that lock is held on a lock file beside it instead (holdLock).
//
// Privacy: the file holds every record in clear (task-definition environment values among them), so it
// and its WAL are mode 0600, and a directory the store creates is 0700. An existing file is tightened at
// open; an existing directory is left as it is (it may be shared, like /tmp): the files' mode protects them.
import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CompactedError } from './store.js';
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
  WatchEvent,
  WatchHandlers,
  WatchOptions,
} from './store.js';
import { SCHEMA, SCHEMA_VERSION, SQL, migrateTo3 } from './file-schema.js';
import type { LogHead, LogRow } from './file-schema.js';
import { WatchHub } from './file-watch.js';
import { keyBytes, prefixEnd, toBuffer } from './keys.js';
import { checkGetMany, checkKey, checkPut, checkTtl, checkTxn } from './validate.js';

export interface FileStoreOptions {
  /**
   * Revisions of history kept for watches and reads at a past revision (default 10000). Older history
   * is compacted automatically, a tenth of this at a time; every key's current value is always kept.
   */
  historyRevisions?: number;
  /** How long open() waits for another process to let go of the file (ms, default 1000). */
  lockTimeoutMs?: number;
  /**
   * Let other connections of this process read the file (a FileReader on another thread): WAL in
   * SQLite's normal locking mode (with its -shm index) instead of EXCLUSIVE, the process's exclusive hold
   * of the store then kept by a lock file beside it (PATH-lock, held EXCLUSIVE for the life of the store).
   */
  sharedReads?: boolean;
}

/**
 * Pages the WAL may hold before a commit checkpoints it into the file (SQLite's default: 1,000, 4 MB). A
 * checkpoint copies each page once however many commits rewrote it since the last one, and the placement
 * scenario rewrites the same index pages often: at 10,000 it copied half as many pages per placement, for
 * a WAL of about 40 MB on disk (its index stays small) and a longer, rarer pause (docs/benchmarks.md,
 * "sqlite (session 12)").
 */
const WAL_AUTOCHECKPOINT_PAGES = 10_000;

/** Keys are valid UTF-8 (they come from JS strings), which never contains 0xff: an upper bound for all. */
const ALL_KEYS_END = Buffer.from([0xff]);
/** The value of every key a keysOnly range returns. */
export const EMPTY = Buffer.alloc(0);

/** Paths open in this process: SQLite's lock is per process, so catch a second open here. */
const openPaths = new Set<string>();

interface LeaseEntry {
  id: number;
  ttlSeconds: number;
  /** performance.now() deadline; a wall clock jump must not expire (or save) a lease. */
  deadline: number;
  /** Renewed automatically: in-process, that means it lives as long as this store stays open. */
  auto: boolean;
  timer?: NodeJS.Timeout;
  lost: boolean;
  lostCallbacks: Array<() => void>;
}

/** One key change of a commit, kept until watchers have been told. */
interface Change {
  key: string;
  head: Omit<LogHead, 'id'>;
  value: Buffer | null;
}

type Statements = Record<keyof typeof SQL, Database.Statement>;

/** Appends the rows of one revision; runs inside a SQLite transaction. */
class Writer {
  readonly changes: Change[] = [];
  constructor(
    private readonly stmt: Statements,
    readonly revision: number,
  ) {}

  put(key: string, value: Buffer, lease: number | null): void {
    const kb = keyBytes(key);
    const cur = this.stmt.putHead.get(kb) as Pick<LogHead, 'id' | 'revision' | 'create_revision' | 'version'> | undefined;
    // `live` has only live keys: a key deleted before is created anew, with no previous row.
    const head = {
      revision: this.revision,
      key: kb,
      create_revision: cur ? cur.create_revision : this.revision,
      prev_revision: cur?.revision ?? 0,
      version: cur ? cur.version + 1 : 1,
      deleted: 0,
      lease,
      prev_id: cur?.id ?? null,
    };
    this.insert(key, head, value);
  }

  /** Deletes the key if it exists; returns 1 if it did. */
  delete(key: string, cur = this.stmt.head.get(keyBytes(key)) as LogHead | undefined): number {
    if (cur === undefined || cur.deleted !== 0) return 0;
    const head = {
      revision: this.revision,
      key: cur.key,
      create_revision: 0,
      prev_revision: cur.revision,
      version: 0,
      deleted: 1,
      lease: null,
      prev_id: cur.id,
    };
    this.insert(key, head, null);
    return 1;
  }

  deletePrefix(prefix: string): number {
    const heads = this.stmt.pageHeads.all(bounds(prefix)) as LogHead[];
    let n = 0;
    for (const h of heads) n += this.delete(h.key.toString('utf8'), h);
    return n;
  }

  private insert(key: string, head: Omit<LogHead, 'id'>, value: Buffer | null): void {
    const { lastInsertRowid } = this.stmt.insert.run(
      head.revision,
      head.key,
      value,
      head.create_revision,
      head.prev_revision,
      head.version,
      head.deleted,
      head.lease,
      head.prev_id,
    );
    if (head.deleted) this.stmt.liveDelete.run(head.key);
    else this.stmt.liveSet.run(head.key, lastInsertRowid);
    this.changes.push({ key, head, value });
  }
}

/** A write of a group commit and what came of it. */
interface Done {
  p: PendingWrite;
  w?: Writer;
  result?: unknown;
  error?: unknown;
  revision: number;
}

/** A write threw in a batch run without savepoints: the batch runs again, each write in its own. */
class WriteFailed extends Error {
  constructor(readonly error: unknown) {
    super('a write of the batch failed');
  }
}

interface PendingWrite {
  fn: (w: Writer) => unknown;
  resolve(v: { result: unknown; revision: number }): void;
  reject(e: unknown): void;
}

export class FileStore implements Store {
  readonly kind = 'file';
  private readonly stmt: Statements;
  private rev: number;
  private compacted: number;
  private readonly history: number;
  private readonly leases = new Map<number, LeaseEntry>();
  private readonly hub: WatchHub;
  private closed = false;
  /** Writes queued for the next group commit. */
  private pending: PendingWrite[] = [];
  private flushScheduled = false;

  /** Opens (creating it and its directory if needed) the store file at `path`. */
  static async open(path: string, opts: FileStoreOptions = {}): Promise<FileStore> {
    const file = resolve(path);
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const key = realpathSync(dirname(file)) + '/' + file.slice(dirname(file).length + 1);
    if (openPaths.has(key)) {
      throw new Error(`state store ${file} is already open in this process`);
    }
    // Created 0600 before SQLite opens it (SQLite gives its WAL the database file's mode); an older one is
    // tightened. Only after the check above: closing any descriptor of a file drops every POSIX lock this
    // process holds on it, so touching a file a connection here has open would unlock it.
    if (!existsSync(file)) {
      try {
        closeSync(openSync(file, 'wx', 0o600));
      } catch (e) {
        if ((e as { code?: string }).code !== 'EEXIST') throw e;
      }
    }
    chmodSync(file, 0o600);
    for (const side of ['-wal', '-shm', '-lock']) if (existsSync(file + side)) chmodSync(file + side, 0o600);
    let db: Database.Database | undefined;
    let lock: Database.Database | undefined;
    try {
      if (opts.sharedReads) lock = holdLock(file + '-lock', opts.lockTimeoutMs ?? 1000);
      db = new Database(file, { timeout: opts.lockTimeoutMs ?? 1000 });
      // EXCLUSIVE before WAL: SQLite then keeps the WAL index in process memory (no -shm file) and
      // holds the lock until close; the transaction below takes it now rather than at first write.
      // With sharedReads the lock file holds the process's exclusivity and the WAL index is shared.
      if (!opts.sharedReads) db.pragma('locking_mode = EXCLUSIVE');
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') throw new Error(`state store ${file}: cannot use WAL journal (got ${String(mode)})`);
      db.pragma('synchronous = FULL');
      db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
      db.exec('BEGIN EXCLUSIVE');
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > SCHEMA_VERSION) {
        throw new Error(`state store ${file} has schema ${version}, newer than this berth (${SCHEMA_VERSION})`);
      }
      const existing = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'log'`).get();
      db.exec(SCHEMA);
      // A file of an older schema: migrated once, in this transaction (a crash leaves it as it was).
      if (existing && version < 3) {
        const cols = db.pragma('table_info(log)') as Array<{ name: string }>;
        db.exec(migrateTo3(version, cols.some((c) => c.name === 'prev_id')));
      }
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
      db.exec('COMMIT');
    } catch (err) {
      db?.close();
      lock?.close();
      if ((err as { code?: string }).code === 'SQLITE_BUSY') {
        throw new Error(
          `state store ${file} is locked by another process (only one berth server can use a file store)`,
          { cause: err },
        );
      }
      throw err;
    }
    try {
      const store = new FileStore(db, file, key, opts, lock);
      openPaths.add(key);
      return store;
    } catch (err) {
      db.close();
      lock?.close();
      throw err;
    }
  }

  private constructor(
    private readonly db: Database.Database,
    readonly path: string,
    private readonly lockKey: string,
    opts: FileStoreOptions,
    /** sharedReads: the lock file's connection, holding the process's exclusive lock until close. */
    private readonly lock?: Database.Database,
  ) {
    this.history = Math.max(1, Math.floor(opts.historyRevisions ?? 10_000));
    this.stmt = Object.fromEntries(Object.entries(SQL).map(([k, sql]) => [k, db.prepare(sql)])) as Statements;
    this.stmt.modRevision.pluck();
    const maxRow = (db.prepare('SELECT MAX(revision) AS r FROM log').get() as { r: number | null }).r ?? 0;
    this.rev = Math.max(this.meta('revision'), maxRow);
    this.compacted = this.meta('compacted');
    this.hub = new WatchHub({
      currentRevision: () => this.rev,
      compactRevision: () => this.compacted,
      readEvents: (prefix, from, to, prevKv) => this.readEvents(prefix, from, to, prevKv),
    });
    // Leases of a previous process get a fresh full TTL: no one could renew them while the store was
    // down, so expiring them at once would drop every ephemeral key on each restart. Their holders are
    // gone, so they still expire one TTL after open unless re-granted (as etcd extends leases on a
    // leader change).
    for (const { id, ttl } of this.stmt.leases.all() as Array<{ id: number; ttl: number }>) {
      this.trackLease(id, ttl, false);
    }
  }

  private meta(name: string): number {
    return (this.stmt.getMeta.get(name) as { value: number } | undefined)?.value ?? 0;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`state store ${this.path} is closed`);
  }

  async get(key: string): Promise<KeyValue | null> {
    this.assertOpen();
    checkKey(key);
    const row = this.stmt.latest.get(keyBytes(key)) as LogRow | undefined;
    return row && row.deleted === 0 ? toKeyValue(row) : null;
  }

  async getMany(keys: readonly string[]): Promise<(KeyValue | null)[]> {
    this.assertOpen();
    checkGetMany(keys);
    // Synchronous reads: no write can come between them.
    return keys.map((key) => {
      const row = this.stmt.latest.get(keyBytes(key)) as LogRow | undefined;
      return row && row.deleted === 0 ? toKeyValue(row) : null;
    });
  }

  async range(prefix: string, opts: RangeOptions = {}): Promise<RangeResult> {
    this.assertOpen();
    // As in etcd, revision 0 (or absent) reads the newest state.
    const at = opts.revision || this.rev;
    this.checkReadable(at);
    const b = bounds(prefix);
    // At the newest revision only live keys are read; at an older one, each key's newest row as of then.
    const newest = at === this.rev;
    // At an older revision, the newest row id at or below it (file-schema.ts, AT).
    const max = newest ? 0 : ((this.stmt.maxIdAt.get(at) as { id: number } | undefined)?.id ?? 0);
    const count = opts.countOnly || opts.withCount ? ((newest ? this.stmt.liveCount.get(b) : this.stmt.count.get({ ...b, max })) as { n: number }).n : undefined;
    if (opts.countOnly) return { kvs: [], more: false, count, revision: at };
    const limit = opts.limit && opts.limit > 0 ? opts.limit : -1;
    let rows: LogRow[];
    if (opts.reverse) {
      // "Strictly before" is an exclusive upper bound at the key itself.
      const before = opts.after === undefined ? null : keyBytes(opts.after);
      const hi = before && Buffer.compare(before, b.hi) < 0 ? before : b.hi;
      const q = { ...b, hi, limit: limit < 0 ? -1 : limit + 1 };
      rows = (newest ? this.stmt.livePageDesc.all(q) : this.stmt.pageDesc.all({ ...q, max })) as LogRow[];
    } else {
      // "Strictly after" is the key plus a zero byte (the next possible key): one lower bound, so the
      // index seek starts at the page rather than at the prefix.
      const after = opts.after === undefined ? null : Buffer.concat([keyBytes(opts.after), Buffer.from([0])]);
      const lo = after && Buffer.compare(after, b.lo) > 0 ? after : b.lo;
      const q = { ...b, lo, limit: limit < 0 ? -1 : limit + 1 };
      rows = (newest ? this.stmt.livePage.all(q) : this.stmt.page.all({ ...q, max })) as LogRow[];
    }
    const more = limit > 0 && rows.length > limit;
    if (more) rows.length = limit;
    const kvs = rows.map(toKeyValue);
    if (opts.keysOnly) for (const kv of kvs) kv.value = EMPTY;
    return { kvs, more, ...(count !== undefined ? { count } : {}), revision: at };
  }

  private checkReadable(at: number): void {
    if (!Number.isInteger(at) || at < 0) throw new Error(`invalid revision ${at}`);
    if (at > this.rev) throw new Error(`revision ${at} is in the future (store is at ${this.rev})`);
    if (at < this.compacted) throw new CompactedError(at, this.compacted);
  }

  async put(key: string, value: string | Buffer, opts: { lease?: string } = {}): Promise<{ revision: number }> {
    this.assertOpen();
    const buf = toBuffer(value);
    checkPut(key, buf);
    const { revision } = await this.write((w) => w.put(key, buf, opts.lease ? this.leaseId(opts.lease) : null));
    return { revision };
  }

  async delete(key: string): Promise<{ revision: number; deleted: number }> {
    this.assertOpen();
    checkKey(key);
    const { result: deleted, revision } = await this.write((w) => w.delete(key));
    return { revision, deleted };
  }

  async txn(req: TxnRequest): Promise<TxnResult> {
    this.assertOpen();
    checkTxn(req);
    const { result: succeeded, revision } = await this.write((w) => {
      const ok = req.compare.every((c) => this.holds(c));
      for (const op of ok ? req.success : (req.failure ?? [])) this.apply(w, op);
      return ok;
    });
    return { succeeded, revision };
  }

  private holds(c: Compare): boolean {
    if ('modRevision' in c) {
      // The row's head only: a launch compares every instance record it changes, and their values
      // (kilobytes each) would be read and copied for nothing.
      return ((this.stmt.modRevision.get(keyBytes(c.key)) as number | undefined) ?? 0) === c.modRevision;
    }
    const cur = this.stmt.latest.get(keyBytes(c.key)) as LogRow | undefined;
    // As in etcd, a value compare on a missing key fails (even against an empty value).
    return cur !== undefined && cur.deleted === 0 && cur.value !== null && cur.value.equals(toBuffer(c.value));
  }

  private apply(w: Writer, op: Op): void {
    if ('put' in op) {
      w.put(op.put, toBuffer(op.value), op.lease ? this.leaseId(op.lease) : null);
    } else if ('delete' in op) {
      w.delete(op.delete);
    } else {
      w.deletePrefix(op.deletePrefix);
    }
  }

  /**
   * Queues `fn` to run at the next revision; resolves once it is committed (on disk). Group commit:
   * every write queued before the next turn of the event loop runs in ONE SQLite transaction (one
   * fsync), each at its own revision, and one failing write rejects alone (commitBatch). The revision
   * advances only for writes that changed something. Watchers are told, in order, before any promise
   * resolves, so no later commit can overtake them.
   */
  private write<R>(fn: (w: Writer) => R): Promise<{ result: R; revision: number }> {
    return new Promise((resolve, reject) => {
      this.pending.push({ fn, resolve: resolve as PendingWrite['resolve'], reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (this.closed) {
      for (const p of batch) p.reject(new Error('store is closed'));
      return;
    }
    const before = this.rev;
    let done: Done[];
    try {
      try {
        done = this.commitBatch(batch, false);
      } catch (error) {
        this.rev = before;
        if (!(error instanceof WriteFailed)) throw error;
        // A write threw, and the whole transaction rolled back: again, each write in a savepoint.
        done = this.commitBatch(batch, true);
      }
    } catch (error) {
      this.rev = before;
      for (const p of batch) p.reject(error);
      return;
    }
    for (const d of done) {
      if (d.w && d.w.changes.length > 0) this.hub.publish(this.events(d.w.changes), d.w.revision);
    }
    for (const d of done) {
      if (d.error !== undefined || !d.w) d.p.reject(d.error);
      else d.p.resolve({ result: d.result, revision: d.revision });
    }
    if (this.rev - this.compacted > this.history + Math.ceil(this.history / 10)) {
      this.compactTo(this.rev - this.history);
    }
  }

  /**
   * Runs a batch of writes in one SQLite transaction, each at the next revision. First without
   * savepoints (`isolated` false): a write that throws (a lease that is gone, a full disk) aborts the whole
   * transaction with WriteFailed, and the caller runs the batch again with `isolated`, each write then in
   * its own savepoint (a nested transaction), so the throwing one leaves no trace and rejects alone. A
   * savepoint makes SQLite copy every page a write changes into a statement journal (a temporary file
   * once past 64 KiB): in the placement scenario's write mix that was 61 writes and 125 KB per placement,
   * more than the WAL itself (docs/benchmarks.md, "sqlite (session 12)"), for writes that nearly never throw.
   */
  private commitBatch(batch: PendingWrite[], isolated: boolean): Done[] {
    const done: Done[] = [];
    const start = this.rev;
    this.db.transaction(() => {
      for (const p of batch) {
        const w = new Writer(this.stmt, this.rev + 1);
        let result: unknown;
        if (!isolated) {
          try {
            result = p.fn(w);
          } catch (error) {
            throw new WriteFailed(error);
          }
        } else {
          try {
            // A nested transaction is a savepoint: a throwing write leaves no trace.
            result = this.db.transaction(() => p.fn(w))();
          } catch (error) {
            done.push({ p, error, revision: this.rev });
            continue;
          }
        }
        if (w.changes.length > 0) this.rev = w.revision;
        done.push({ p, w, result, revision: this.rev });
      }
      // The store's revision, once for the batch (it never goes back, even if compaction empties the log).
      if (this.rev !== start) this.stmt.setMeta.run('revision', this.rev);
    })();
    return done;
  }

  /** Watch events for the changes some watcher wants (previous values are only read for a watcher that asked). */
  private events(changes: Change[]): WatchEvent[] {
    const out: WatchEvent[] = [];
    for (const c of changes) {
      const want = this.hub.wants(c.key);
      if (!want) continue;
      out.push(this.event(c.key, c.head, c.value, want === 'prev'));
    }
    return out;
  }

  private event(key: string, head: Omit<LogHead, 'id'>, value: Buffer | null, withPrev: boolean): WatchEvent {
    // The previous live row, if any (none: the key did not exist), unless compacted away.
    const prev = withPrev && head.prev_id !== null
      ? (this.stmt.rowById.get(head.prev_id) as LogRow | undefined)
      : undefined;
    const prevKv = prev && prev.deleted === 0 ? { prevKv: toKeyValue(prev) } : {};
    if (head.deleted) return { type: 'delete', key, modRevision: head.revision, ...prevKv };
    return { type: 'put', kv: toKeyValue({ ...head, value }), ...prevKv };
  }

  private readEvents(prefix: string, from: number, to: number, prevKv: boolean): Array<[WatchEvent[], number]> {
    const b = bounds(prefix);
    const rows = this.stmt.replay.all(from, to, b.lo, b.hi) as LogRow[];
    const out: Array<[WatchEvent[], number]> = [];
    for (const row of rows) {
      const ev = this.event(row.key.toString('utf8'), row, row.value, prevKv);
      const last = out[out.length - 1];
      if (last && last[1] === row.revision) last[0].push(ev);
      else out.push([[ev], row.revision]);
    }
    return out;
  }

  async watch(prefix: string, handlers: WatchHandlers, opts: WatchOptions = {}): Promise<Watch> {
    this.assertOpen();
    return this.hub.watch(prefix, handlers, opts.fromRevision, opts.prevKv === true);
  }

  async grantLease(ttlSeconds: number, opts: { autoKeepAlive?: boolean } = {}): Promise<Lease> {
    this.assertOpen();
    checkTtl(ttlSeconds);
    const id = Number(this.stmt.insertLease.run(ttlSeconds, Date.now()).lastInsertRowid);
    const entry = this.trackLease(id, ttlSeconds, opts.autoKeepAlive !== false);
    return new FileLease(this, entry);
  }

  private trackLease(id: number, ttlSeconds: number, auto: boolean): LeaseEntry {
    const entry: LeaseEntry = { id, ttlSeconds, deadline: 0, auto, lost: false, lostCallbacks: [] };
    this.leases.set(id, entry);
    this.renew(entry);
    return entry;
  }

  /** @internal Resets the lease's TTL; with `auto` it no longer has a deadline at all. */
  renew(entry: LeaseEntry): void {
    clearTimeout(entry.timer);
    entry.timer = undefined;
    if (entry.auto) return;
    entry.deadline = performance.now() + entry.ttlSeconds * 1000;
    entry.timer = setTimeout(() => this.expire(entry), entry.ttlSeconds * 1000);
  }

  private expire(entry: LeaseEntry): void {
    if (this.closed || this.leases.get(entry.id) !== entry) return;
    // Timers can fire a little early; never expire before the monotonic deadline.
    const left = entry.deadline - performance.now();
    if (left > 0) {
      entry.timer = setTimeout(() => this.expire(entry), Math.ceil(left));
      return;
    }
    this.endLease(entry).catch(() => {});
    entry.lost = true;
    for (const cb of entry.lostCallbacks) setImmediate(cb);
  }

  /** @internal Deletes the lease and, at one revision, every key attached to it. */
  endLease(entry: LeaseEntry): Promise<unknown> {
    if (this.leases.get(entry.id) !== entry) return Promise.resolve();
    clearTimeout(entry.timer);
    this.leases.delete(entry.id);
    return this.write((w) => {
      for (const h of this.stmt.leaseKeys.all({ lease: entry.id }) as LogHead[]) {
        w.delete(h.key.toString('utf8'), h);
      }
      this.stmt.deleteLease.run(entry.id);
    });
  }

  /** @internal */
  hasLease(entry: LeaseEntry): boolean {
    return !this.closed && this.leases.get(entry.id) === entry;
  }

  private leaseId(lease: string): number {
    const id = Number(lease);
    if (!this.leases.has(id)) throw new Error(`lease ${lease} not found (expired or revoked)`);
    return id;
  }

  async revision(): Promise<number> {
    this.assertOpen();
    return this.rev;
  }

  async compact(revision: number): Promise<void> {
    this.assertOpen();
    if (!Number.isInteger(revision) || revision < 0) throw new Error(`invalid revision ${revision}`);
    if (revision > this.rev) throw new Error(`cannot compact to ${revision}: store is at ${this.rev}`);
    if (revision > this.compacted) this.compactTo(revision);
  }

  private compactTo(to: number): void {
    const from = this.compacted;
    this.db.transaction(() => {
      this.stmt.dropSuperseded.run({ from, to });
      this.stmt.dropTombstones.run({ from, to });
      this.stmt.setMeta.run('compacted', to);
    })();
    this.compacted = to;
  }

  async compactedRevision(): Promise<number> {
    this.assertOpen();
    return this.compacted;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Writes already queued are committed (and acknowledged) before the file closes.
    if (this.pending.length > 0) this.flush();
    this.closed = true;
    this.hub.closeAll();
    // Leases stay in the file; the next open gives them a fresh TTL.
    for (const entry of this.leases.values()) clearTimeout(entry.timer);
    this.leases.clear();
    this.db.close();
    this.lock?.close();
    openPaths.delete(this.lockKey);
  }
}

class FileLease implements Lease {
  readonly id: string;
  readonly ttlSeconds: number;

  constructor(
    private readonly store: FileStore,
    private readonly entry: LeaseEntry,
  ) {
    this.id = String(entry.id);
    this.ttlSeconds = entry.ttlSeconds;
  }

  async keepAlive(): Promise<void> {
    if (!this.store.hasLease(this.entry)) throw new Error(`lease ${this.id} has expired or was revoked`);
    this.entry.auto = true;
    this.store.renew(this.entry);
  }

  async revoke(): Promise<void> {
    if (this.store.hasLease(this.entry)) await this.store.endLease(this.entry);
  }

  onLost(cb: () => void): void {
    if (this.entry.lost) setImmediate(cb);
    else this.entry.lostCallbacks.push(cb);
  }
}

/**
 * sharedReads: the process's exclusive hold of a store, as EXCLUSIVE locking mode gives the store file
 * itself otherwise: a small SQLite file whose EXCLUSIVE lock, taken by a first write, SQLite keeps until
 * the connection closes (the OS drops it when the process dies). Created 0600, as the store file is.
 */
function holdLock(path: string, timeout: number): Database.Database {
  if (!existsSync(path)) {
    try {
      closeSync(openSync(path, 'wx', 0o600));
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw e;
    }
  }
  const lock = new Database(path, { timeout });
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('BEGIN EXCLUSIVE');
    lock.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER); DELETE FROM holder');
    lock.prepare('INSERT INTO holder (pid) VALUES (?)').run(process.pid);
    lock.exec('COMMIT');
    return lock;
  } catch (err) {
    lock.close();
    throw err;
  }
}

export function bounds(prefix: string): { lo: Buffer; hi: Buffer } {
  const lo = keyBytes(prefix);
  return { lo, hi: prefixEnd(lo) ?? ALL_KEYS_END };
}

export function toKeyValue(row: Omit<LogRow, 'id'>): KeyValue {
  const kv: KeyValue = {
    key: row.key.toString('utf8'),
    value: row.value ?? Buffer.alloc(0),
    createRevision: row.create_revision,
    modRevision: row.revision,
    version: row.version,
  };
  if (row.lease !== null) kv.lease = String(row.lease);
  return kv;
}
