// FileReader: a second SQLite connection to a file store, read-only, for the reads of the newest state
// (get, getMany, range without a revision), so they do not wait behind the connection that writes. The
// worker store (worker-store.ts) uses one on its caller's thread: the worker thread serves requests in
// arrival order, and a group commit's synchronous SQLite transaction and fsync there held up every read
// queued behind it (docs/benchmarks.md, "floors (session 11)"). The store must have been opened with
// `sharedReads` (WAL in normal locking mode: file-store.ts).
//
// Guarantees, as the FileStore's own reads give them: each call reads one committed snapshot (getMany's
// keys and a range's rows and revision together, in one read transaction); a write's promise resolves only
// once it is committed, so a read made after that sees it (read-your-writes). A read made while a write is
// in flight may or may not see it, as with the worker or etcd. Reads at a past revision, which need the
// writer's history bounds, stay with the writer.
import Database from 'better-sqlite3';
import type { KeyValue, RangeOptions, RangeResult } from './store.js';
import { SQL } from './file-schema.js';
import type { LogRow } from './file-schema.js';
import { EMPTY, bounds, toKeyValue } from './file-store.js';
import { keyBytes } from './keys.js';
import { checkGetMany, checkKey } from './validate.js';

const READS = ['latest', 'livePage', 'livePageDesc', 'liveCount', 'getMeta'] as const;

export class FileReader {
  private readonly stmt: Record<(typeof READS)[number], Database.Statement>;
  private readonly maxRevision: Database.Statement;
  private readonly getManyTxn: (keys: readonly string[]) => (KeyValue | null)[];
  private readonly rangeTxn: (prefix: string, opts: RangeOptions) => RangeResult;

  constructor(path: string) {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    this.db = db;
    this.stmt = Object.fromEntries(READS.map((k) => [k, db.prepare(SQL[k])])) as FileReader['stmt'];
    this.maxRevision = db.prepare('SELECT MAX(revision) AS r FROM log');
    this.getManyTxn = db.transaction((keys: readonly string[]) => keys.map((k) => this.latest(k)));
    this.rangeTxn = db.transaction((prefix: string, opts: RangeOptions) => this.rangeNow(prefix, opts));
  }

  private readonly db: Database.Database;

  get(key: string): KeyValue | null {
    checkKey(key);
    return this.latest(key);
  }

  getMany(keys: readonly string[]): (KeyValue | null)[] {
    checkGetMany(keys);
    return this.getManyTxn(keys);
  }

  /** A range of the newest state (opts.revision absent or 0). */
  range(prefix: string, opts: RangeOptions = {}): RangeResult {
    if (opts.revision) throw new Error('FileReader: a read at a revision goes to the writer');
    return this.rangeTxn(prefix, opts);
  }

  close(): void {
    this.db.close();
  }

  private latest(key: string): KeyValue | null {
    const row = this.stmt.latest.get(keyBytes(key)) as LogRow | undefined;
    return row && row.deleted === 0 ? toKeyValue(row) : null;
  }

  /** As FileStore.range at its newest revision, the revision read in the same snapshot. */
  private rangeNow(prefix: string, opts: RangeOptions): RangeResult {
    const meta = (this.stmt.getMeta.get('revision') as { value: number } | undefined)?.value ?? 0;
    // The writer takes the larger of the two at open (a file written before the meta row was kept).
    const at = meta > 0 ? meta : ((this.maxRevision.get() as { r: number | null }).r ?? 0);
    const b = bounds(prefix);
    const count = opts.countOnly || opts.withCount ? (this.stmt.liveCount.get(b) as { n: number }).n : undefined;
    if (opts.countOnly) return { kvs: [], more: false, count, revision: at };
    const limit = opts.limit && opts.limit > 0 ? opts.limit : -1;
    let rows: LogRow[];
    if (opts.reverse) {
      const before = opts.after === undefined ? null : keyBytes(opts.after);
      const hi = before && Buffer.compare(before, b.hi) < 0 ? before : b.hi;
      rows = this.stmt.livePageDesc.all({ ...b, hi, limit: limit < 0 ? -1 : limit + 1 }) as LogRow[];
    } else {
      const after = opts.after === undefined ? null : Buffer.concat([keyBytes(opts.after), Buffer.from([0])]);
      const lo = after && Buffer.compare(after, b.lo) > 0 ? after : b.lo;
      rows = this.stmt.livePage.all({ ...b, lo, limit: limit < 0 ? -1 : limit + 1 }) as LogRow[];
    }
    const more = limit > 0 && rows.length > limit;
    if (more) rows.length = limit;
    const kvs = rows.map(toKeyValue);
    if (opts.keysOnly) for (const kv of kvs) kv.value = EMPTY;
    return { kvs, more, ...(count !== undefined ? { count } : {}), revision: at };
  }
}
