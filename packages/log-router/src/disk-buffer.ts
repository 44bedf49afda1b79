// The router's disk buffer: entries are appended to numbered segment files as JSON lines, written to the
// file (so a crash of the router loses none of them) before the input acknowledges them to Docker; each
// output reads on from its own position and a segment is deleted once every output has passed it.
// Docker's driver sends one line per message and waits for its acknowledgement, so an fdatasync per
// message would bound a container to a few hundred lines a second: the data is synced at most every
// `syncEveryMs` (200 ms) instead, which bounds what a crash of the whole machine (which takes the
// container's unsent output with it too) can lose. Appends that arrive together share one write, and wait
// for room when the buffer is at its size bound, so a slow destination slows the input rather than the
// router dropping. A line torn by a crash is cut off when the buffer opens.
import { mkdir, open, readdir, rm, stat, truncate, type FileHandle } from 'node:fs/promises';
import { writeSync } from 'node:fs';
import { join } from 'node:path';

export interface BufferedEntry {
  tag: string;
  timeMs: number;
  record: Record<string, unknown>;
  /** The Forward chunk id the entry arrived in (kept so a chunk resent after a lost ack is recognised). */
  chunk?: string;
}

/** A place in the buffer: a segment and a byte offset in it. */
export interface Position {
  segment: number;
  offset: number;
}

/** Whole lines read from the buffer (DiskBuffer.readBatch), parsed one at a time. */
export interface BufferBatch {
  readonly length: number;
  /** The position just past line i. */
  end(i: number): Position;
  /** Line i's entry, parsed anew at each call. */
  entry(i: number): BufferedEntry;
  /** Gives the batch's bytes back; entry() throws after it. */
  release(): void;
}

const EMPTY_BATCH: BufferBatch = {
  length: 0,
  end: () => { throw new RangeError('an empty batch'); },
  entry: () => { throw new RangeError('an empty batch'); },
  release: () => {},
};

export const comparePositions = (a: Position, b: Position) => a.segment - b.segment || a.offset - b.offset;

const SEGMENT = /^(\d{10})\.seg$/;
/** The reused read buffer's size: a shipper's batch (256 KiB) fits. */
const READ_BUFFER_BYTES = 1 << 20;
const segmentName = (n: number) => `${String(n).padStart(10, '0')}.seg`;

export interface DiskBufferOptions {
  /** A segment is closed once it holds this much. Default 8 MiB. */
  segmentBytes?: number;
  /** Appends wait while the buffer holds more than this. Default 256 MiB. */
  maxBytes?: number;
  /** How long written data may wait for an fdatasync. Default 200 ms. */
  syncEveryMs?: number;
}

interface PendingAppend {
  /** The entries' lines, as text: written without a Buffer of their own. */
  text: string;
  done: (err?: Error) => void;
}

export class DiskBuffer {
  private readonly sizes = new Map<number, number>();
  private head = 0;
  private fh: FileHandle | undefined;
  private pending: PendingAppend[] = [];
  private flushing = false;
  private waiters: (() => void)[] = [];
  private roomWaiters: (() => void)[] = [];
  private closed = false;
  private syncTimer: NodeJS.Timeout | undefined;
  private readBuffer: Buffer | undefined;
  private readBusy = false;

  private constructor(readonly dir: string, private readonly segmentBytes: number, private readonly maxBytes: number, private readonly syncEveryMs: number) {}

  static async open(dir: string, opts: DiskBufferOptions = {}): Promise<DiskBuffer> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const b = new DiskBuffer(dir, opts.segmentBytes ?? 8 << 20, opts.maxBytes ?? 256 << 20, opts.syncEveryMs ?? 200);
    const segments = (await readdir(dir)).flatMap((f) => SEGMENT.exec(f) ? [Number(SEGMENT.exec(f)![1])] : []).sort((x, y) => x - y);
    for (const n of segments) b.sizes.set(n, (await stat(join(dir, segmentName(n)))).size);
    b.head = segments.at(-1) ?? 1;
    await b.cutTornTail();
    b.fh = await open(b.path(b.head), 'a', 0o600);
    if (!b.sizes.has(b.head)) b.sizes.set(b.head, 0);
    return b;
  }

  private path(n: number) {
    return join(this.dir, segmentName(n));
  }

  /** A crash may leave the head segment's last line half written: it was never acknowledged, so it goes. */
  private async cutTornTail(): Promise<void> {
    const size = this.sizes.get(this.head);
    if (!size) return;
    const fh = await open(this.path(this.head), 'r');
    try {
      const tail = Buffer.alloc(Math.min(size, 1 << 20));
      await fh.read(tail, 0, tail.length, size - tail.length);
      const lastNewline = tail.lastIndexOf(0x0a);
      const keep = lastNewline < 0 ? size - tail.length : size - tail.length + lastNewline + 1;
      if (keep !== size) {
        await truncate(this.path(this.head), keep);
        this.sizes.set(this.head, keep);
      }
    } finally {
      await fh.close();
    }
  }

  /** Bytes held in every segment. */
  get bytes(): number {
    let n = 0;
    for (const s of this.sizes.values()) n += s;
    return n;
  }

  /** The oldest position still held. */
  get start(): Position {
    return { segment: Math.min(...this.sizes.keys()), offset: 0 };
  }

  /** The position just past the last entry appended. */
  get end(): Position {
    return { segment: this.head, offset: this.sizes.get(this.head) ?? 0 };
  }

  /**
   * Appends entries (those without a chunk of their own with `chunk`, when given); resolves once they are
   * written to the segment file.
   */
  async append(entries: readonly BufferedEntry[], chunk?: string): Promise<void> {
    if (entries.length === 0) return;
    while (this.bytes > this.maxBytes && !this.closed) await new Promise<void>((r) => this.roomWaiters.push(r));
    if (this.closed) throw new Error('the buffer is closed');
    // Each line is JSON.stringify({t, g, r, c}) written out, without building that object: the input
    // appends one entry per line Docker sends, and what it allocates a line drives the router's GCs.
    let text = '';
    for (const e of entries) {
      const c = e.chunk ?? chunk;
      text += `{"t":${JSON.stringify(e.timeMs)},"g":${JSON.stringify(e.tag)},"r":${JSON.stringify(e.record)}${c !== undefined ? `,"c":${JSON.stringify(c)}` : ''}}\n`;
    }
    await new Promise<void>((resolve, reject) => {
      this.pending.push({ text, done: (err) => (err ? reject(err) : resolve()) });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        const text = batch.length === 1 ? batch[0]!.text : batch.map((p) => p.text).join('');
        const bytes = Buffer.byteLength(text);
        try {
          if ((this.sizes.get(this.head) ?? 0) > 0 && (this.sizes.get(this.head) ?? 0) + bytes > this.segmentBytes) await this.rotate();
          // Synchronous: a write to the page cache takes microseconds, while a hop through libuv's thread
          // pool costs this thread more (profiled: ~60 µs a write), and Docker waits for each line's ack.
          writeSync(this.fh!.fd, text);
          this.scheduleSync();
          this.sizes.set(this.head, (this.sizes.get(this.head) ?? 0) + bytes);
          for (const p of batch) p.done();
        } catch (err) {
          for (const p of batch) p.done(err as Error);
        }
        for (const w of this.waiters.splice(0)) w();
      }
    } finally {
      this.flushing = false;
    }
  }

  private scheduleSync(): void {
    if (this.syncTimer) return;
    const fh = this.fh;
    this.syncTimer = setTimeout(() => {
      this.syncTimer = undefined;
      void fh?.datasync().catch(() => {});
    }, this.syncEveryMs);
  }

  private async rotate(): Promise<void> {
    // A closed segment is synced before the next one takes its place.
    clearTimeout(this.syncTimer);
    this.syncTimer = undefined;
    await this.fh!.datasync();
    await this.fh!.close();
    this.head += 1;
    this.fh = await open(this.path(this.head), 'a', 0o600);
    this.sizes.set(this.head, 0);
  }

  /**
   * Entries from `from` on, whole lines only, up to about `maxBytes`; each with the position just past
   * it. A position in a segment already deleted reads from the oldest one held.
   */
  async read(from: Position, maxBytes = 1 << 20, maxEntries = Infinity): Promise<{ entry: BufferedEntry; end: Position }[]> {
    const batch = await this.readBatch(from, maxBytes, maxEntries);
    try {
      return Array.from({ length: batch.length }, (_, i) => ({ entry: batch.entry(i), end: batch.end(i) }));
    } finally {
      batch.release();
    }
  }

  /**
   * As read(), but the batch keeps the bytes read and parses a line only when entry(i) asks for it: a
   * reader that takes what it needs of each entry in turn (a shipper's output) leaves no JavaScript object
   * per line alive for the whole batch. The batch holds the buffer's one read buffer until release().
   */
  async readBatch(from: Position, maxBytes = 1 << 20, maxEntries = Infinity): Promise<BufferBatch> {
    let pos = from.segment < this.start.segment ? this.start : from;
    for (;;) {
      const size = this.sizes.get(pos.segment);
      if (size === undefined) return EMPTY_BATCH;
      if (pos.offset < size) break;
      if (pos.segment >= this.head) return EMPTY_BATCH;
      pos = { segment: pos.segment + 1, offset: 0 };
    }
    const size = this.sizes.get(pos.segment)!;
    const want = Math.min(maxBytes, size - pos.offset);
    // One read buffer, reused whenever no other batch holds it: a new one per read left each to malloc
    // once freed, outside V8's heap, and grew the router's RSS.
    const reuse = !this.readBusy && want <= READ_BUFFER_BYTES;
    if (reuse) {
      this.readBusy = true;
      this.readBuffer ??= Buffer.allocUnsafe(READ_BUFFER_BYTES);
    }
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      if (reuse) this.readBusy = false;
    };
    const buf = reuse ? this.readBuffer!.subarray(0, want) : Buffer.allocUnsafe(want);
    // Where each whole line ends in buf (just past its newline).
    const ends: number[] = [];
    try {
      const fh = await open(this.path(pos.segment), 'r');
      let bytesRead: number;
      try {
        ({ bytesRead } = await fh.read(buf, 0, buf.length, pos.offset));
      } finally {
        await fh.close();
      }
      for (let i = buf.indexOf(0x0a); i >= 0 && i < bytesRead && ends.length < maxEntries; i = buf.indexOf(0x0a, i + 1)) ends.push(i + 1);
      if (ends.length === 0 && bytesRead > 0) {
        // One line longer than maxBytes: read it whole.
        release();
        return await this.readBatch(pos, maxBytes * 2, maxEntries);
      }
    } catch (err) {
      release();
      throw err;
    }
    const { segment, offset } = pos;
    return {
      length: ends.length,
      end: (i) => ({ segment, offset: offset + ends[i]! }),
      entry: (i) => {
        if (released) throw new Error('the batch was released');
        const line = JSON.parse(buf.toString('utf8', i === 0 ? 0 : ends[i - 1]!, ends[i]! - 1)) as { t: number; g: string; r: Record<string, unknown>; c?: string };
        return { tag: line.g, timeMs: line.t, record: line.r, ...(line.c !== undefined ? { chunk: line.c } : {}) };
      },
      release,
    };
  }

  /**
   * The chunk ids of the newest entries (at most `max` of the head segment's), oldest first: what a resend
   * could repeat after a restart (the chunks in flight when the router stopped were the last written).
   */
  async recentChunks(max = Infinity): Promise<string[]> {
    const out: string[] = [];
    for (let pos: { segment: number; offset: number } = { segment: this.head, offset: 0 }, page = await this.read(pos); page.length > 0; pos = page.at(-1)!.end, page = await this.read(pos)) {
      for (const p of page) if (p.entry.chunk !== undefined && out.at(-1) !== p.entry.chunk) out.push(p.entry.chunk);
      if (out.length > 2 * max) out.splice(0, out.length - max);
    }
    return out.length > max ? out.slice(-max) : out;
  }

  /** Resolves when an append lands after `from` (at once if there is already something to read). */
  async waitForData(from: Position): Promise<void> {
    if (comparePositions(from, this.end) < 0) return;
    await new Promise<void>((r) => this.waiters.push(r));
  }

  /** Deletes the segments every reader has passed (those before the oldest of `positions`). */
  async release(positions: readonly Position[]): Promise<void> {
    const oldest = Math.min(...positions.map((p) => p.segment));
    for (const n of [...this.sizes.keys()].sort((a, b) => a - b)) {
      if (n >= oldest || n === this.head) break;
      await rm(this.path(n), { force: true });
      this.sizes.delete(n);
    }
    if (this.bytes <= this.maxBytes) for (const w of this.roomWaiters.splice(0)) w();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const w of [...this.waiters.splice(0), ...this.roomWaiters.splice(0)]) w();
    while (this.flushing) await new Promise((r) => setTimeout(r, 5));
    clearTimeout(this.syncTimer);
    await this.fh?.datasync();
    await this.fh?.close();
    this.fh = undefined;
  }
}
