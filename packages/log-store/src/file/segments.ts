// The embedded log store's events: size-bounded segment files (0600), each a run of batch records (one
// JSON line per accepted PutLogEvents batch), and beside each sealed segment its time index (`.idx`: per
// batch its stream, number, fingerprint, first and last timestamp, offset and length), so opening reads
// indexes, not events, and a read touches only the batches whose time range it needs. Retention removes
// whole segments. A torn record at the end of the active segment (a crash mid-write) is cut at open: it
// was never answered, so its client sends it again.
import { closeSync, existsSync, fdatasync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const fdatasyncAsync = promisify(fdatasync);

/** One batch as the index knows it. */
export interface BatchEntry {
  /** The stream's id. */
  s: string;
  /** Batch number in the stream (1-based). */
  n: number;
  /** The batch's fingerprint (a retry's is the same). */
  h: string;
  /** Ingestion time, epoch ms. */
  i: number;
  /** First and last event timestamps (0 and -1 when every event was rejected). */
  min: number;
  max: number;
  count: number;
  bytes: number;
  seg: number;
  off: number;
  len: number;
}

interface BatchRecord {
  s: string;
  n: number;
  h: string;
  i: number;
  e: [number, string][];
}

interface Segment {
  no: number;
  entries: BatchEntry[];
  fd?: number;
}

const name = (no: number, ext: string) => `${String(no).padStart(12, '0')}.${ext}`;

export class Segments {
  private readonly segments: Segment[] = [];
  private active!: Segment & { fd: number; size: number };
  private written = 0;
  private synced = 0;
  private syncing: Promise<void> | undefined;

  /** Opens the directory; `onEntry` sees every batch still stored, oldest segment first. */
  constructor(private readonly dir: string, private readonly maxBytes: number, onEntry: (e: BatchEntry) => void) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const nos = readdirSync(dir).filter((f) => f.endsWith('.seg')).map((f) => Number(f.slice(0, -4))).sort((a, b) => a - b);
    for (const [k, no] of nos.entries()) {
      const last = k === nos.length - 1;
      const idx = join(dir, name(no, 'idx'));
      const entries = !last && existsSync(idx) ? (JSON.parse(readFileSync(idx, 'utf8')) as BatchEntry[]) : this.scan(no, last);
      this.segments.push({ no, entries });
      entries.forEach(onEntry);
      if (!last && !existsSync(idx)) this.writeIndex(no, entries);
    }
    this.startSegment(nos.length > 0 ? nos[nos.length - 1]! : 1);
  }

  /** Reads a segment's records to rebuild its index; the active one is cut after its last whole record. */
  private scan(no: number, active: boolean): BatchEntry[] {
    const path = join(this.dir, name(no, 'seg'));
    const buf = readFileSync(path);
    const entries: BatchEntry[] = [];
    let off = 0;
    while (off < buf.length) {
      const nl = buf.indexOf(0x0a, off);
      if (nl < 0) break;
      let r: BatchRecord;
      try {
        r = JSON.parse(buf.subarray(off, nl).toString('utf8')) as BatchRecord;
      } catch {
        break;
      }
      entries.push(entryOf(r, no, off, nl + 1 - off));
      off = nl + 1;
    }
    if (off < buf.length && active) {
      const fd = openSync(path, 'r+');
      ftruncateSync(fd, off);
      fsyncSync(fd);
      closeSync(fd);
    }
    return entries;
  }

  private startSegment(no: number): void {
    const existing = this.segments.find((s) => s.no === no);
    const fd = openSync(join(this.dir, name(no, 'seg')), 'a+', 0o600);
    const seg = existing ?? { no, entries: [] };
    if (!existing) this.segments.push(seg);
    seg.fd = fd;
    this.active = Object.assign(seg, { fd, size: fstatSync(fd).size });
  }

  private writeIndex(no: number, entries: BatchEntry[]): void {
    const tmp = join(this.dir, name(no, 'idx.tmp'));
    writeFileSync(tmp, JSON.stringify(entries), { mode: 0o600 });
    renameSync(tmp, join(this.dir, name(no, 'idx')));
  }

  /** Appends a batch (synchronously, so one caller's decision and write are not interleaved with another's). */
  append(stream: string, batch: number, hash: string, ingest: number, events: [number, string][]): BatchEntry {
    const line = Buffer.from(JSON.stringify({ s: stream, n: batch, h: hash, i: ingest, e: events } satisfies BatchRecord) + '\n');
    if (this.active.size > 0 && this.active.size + line.length > this.maxBytes) this.seal();
    const entry = entryOf({ s: stream, n: batch, h: hash, i: ingest, e: events }, this.active.no, this.active.size, line.length);
    writeSync(this.active.fd, line, 0, line.length, this.active.size);
    this.active.size += line.length;
    this.active.entries.push(entry);
    this.written++;
    return entry;
  }

  /** Seals the active segment (synced, its index written) and starts the next. */
  private seal(): void {
    fsyncSync(this.active.fd);
    this.synced = this.written;
    this.writeIndex(this.active.no, this.active.entries);
    this.startSegment(this.active.no + 1);
  }

  /** Resolves when everything appended so far is on disk: one fdatasync serves every batch waiting for it. */
  async sync(): Promise<void> {
    const target = this.written;
    while (this.synced < target) {
      this.syncing ??= (async () => {
        const upTo = this.written;
        try {
          await fdatasyncAsync(this.active.fd);
          this.synced = Math.max(this.synced, upTo);
        } finally {
          this.syncing = undefined;
        }
      })();
      await this.syncing;
    }
  }

  read(e: BatchEntry): [number, string][] {
    const seg = this.segments.find((s) => s.no === e.seg);
    if (!seg) return [];
    seg.fd ??= openSync(join(this.dir, name(seg.no, 'seg')), 'r');
    const buf = Buffer.alloc(e.len);
    readSync(seg.fd, buf, 0, e.len, e.off);
    return (JSON.parse(buf.toString('utf8')) as BatchRecord).e;
  }

  /** Sealed segments, oldest first (retention looks at these; the active one stays). */
  sealed(): readonly Segment[] {
    return this.segments.filter((s) => s !== this.active);
  }

  remove(no: number): void {
    const k = this.segments.findIndex((s) => s.no === no);
    if (k < 0 || this.segments[k] === this.active) return;
    const [seg] = this.segments.splice(k, 1);
    if (seg!.fd !== undefined) closeSync(seg!.fd);
    unlinkSync(join(this.dir, name(no, 'idx')));
    unlinkSync(join(this.dir, name(no, 'seg')));
  }

  close(): void {
    for (const s of this.segments) if (s.fd !== undefined) closeSync(s.fd);
  }
}

function entryOf(r: BatchRecord, seg: number, off: number, len: number): BatchEntry {
  let min = 0;
  let max = -1;
  let bytes = 0;
  for (const [ts, msg] of r.e) {
    if (max < min) { min = ts; max = ts; }
    min = Math.min(min, ts);
    max = Math.max(max, ts);
    bytes += Buffer.byteLength(msg);
  }
  return { s: r.s, n: r.n, h: r.h, i: r.i, min, max, count: r.e.length, bytes, seg, off, len };
}
