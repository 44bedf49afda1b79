// One shipper per output: reads the buffer on from the output's saved position, sends what matches, and
// saves the new position once the destination has it. The cursor file (written to a temporary name and
// renamed, so it is never half written) holds the position, the output's own state, and, while a batch is
// in flight, that batch's end: after a crash the same batch is sent again with the same bounds, which lets
// an output with idempotent writes (CloudWatch Logs) recognise it. A failed send is retried with backoff
// (capped at 30 s) for as long as it takes; nothing is skipped. Refused entries are counted.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { comparePositions, type BufferedEntry, type DiskBuffer, type Position } from './disk-buffer.js';
import type { Output } from './outputs/output.js';

/**
 * How long a shipper that has caught up lets new entries gather before it sends (Fluent Bit's `Flush`,
 * 1 s by default, does the same). Docker's fluentd driver hands lines over one at a time: without it each
 * line would cost a PutLogEvents (a signed request, a sync on the log store) and two cursor writes.
 */
export const FLUSH_MS = 200;

/**
 * A batch: at most this many entries (CloudWatch's PutLogEvents limit) and this many bytes of the buffer.
 * The bytes bound what the router holds in memory while a batch is in flight, whatever the destination's
 * speed. The batch is kept as the bytes read and each entry parsed only as the output reaches it
 * (DiskBuffer.readBatch), so what outlives the send is the output's request: a CloudWatch message and its
 * timestamp a line, not the record. A Docker record in the buffer is ~3 times its message (container id,
 * name, source, chunk id), so 256 KiB of it is ~800 100-byte lines, ~90 KB of CloudWatch messages. 1 MB,
 * then 512 KiB, with the records parsed up front, held the router's peak RSS over issue 18's 64 MiB: the
 * batches fill when the destination is slower than Docker (ClickHouse behind the server).
 */
export const BATCH_ENTRIES = 10_000;
export const BATCH_BYTES = 256 * 1024;

interface Cursor {
  position: Position;
  state?: unknown;
  inFlight?: Position;
}

export interface ShipperCounts {
  sent: number;
  rejected: number;
  retries: number;
}

export class Shipper {
  readonly counts: ShipperCounts = { sent: 0, rejected: 0, retries: 0 };
  private cursor: Cursor = { position: { segment: 0, offset: 0 } };
  private stopped = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly buffer: DiskBuffer, readonly output: Output, private readonly dir: string, private readonly log: (msg: string, f?: object) => void = () => {}) {}

  private get file() {
    return join(this.dir, `cursor-${this.output.name}.json`);
  }

  get position(): Position {
    return this.cursor.position;
  }

  private async save(c: Cursor): Promise<void> {
    await writeFile(`${this.file}.tmp`, JSON.stringify(c));
    await rename(`${this.file}.tmp`, this.file);
    this.cursor = c;
  }

  async start(): Promise<void> {
    try {
      this.cursor = JSON.parse(await readFile(this.file, 'utf8')) as Cursor;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      this.cursor = { position: this.buffer.start };
    }
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    let backoff = 250;
    while (!this.stopped) {
      const { position, inFlight, state } = this.cursor;
      const batch = await this.buffer.readBatch(position, BATCH_BYTES, BATCH_ENTRIES);
      let count = batch.length;
      if (inFlight) {
        for (let i = 0; i < count; i++) {
          if (comparePositions(batch.end(i), inFlight) >= 0) {
            count = i + 1;
            break;
          }
        }
      }
      if (count === 0) {
        batch.release();
        await this.buffer.waitForData(position);
        await this.pause(FLUSH_MS);
        continue;
      }
      const end = batch.end(count - 1);
      // The output is handed the batch's entries one at a time, each parsed as it is reached, and keeps
      // only what it sends of each (its request): no object per line lives for the whole batch.
      const output = this.output;
      let n = 0;
      const mine = function* (): Generator<BufferedEntry> {
        for (let i = 0; i < count; i++) {
          const e = batch.entry(i);
          if (!output.matches(e.tag)) continue;
          n++;
          yield e;
        }
      };
      try {
        if (!inFlight) await this.save({ ...this.cursor, inFlight: end });
        const r = await output.send(mine(), state);
        this.counts.sent += n - r.rejected;
        this.counts.rejected += r.rejected;
        if (r.rejected > 0) this.log('entries refused by the destination', { output: output.name, rejected: r.rejected });
        await this.save({ position: end, ...(r.state !== undefined ? { state: r.state } : state !== undefined ? { state } : {}) });
        backoff = 250;
      } catch (err) {
        this.counts.retries++;
        this.log('send failed; retrying', { output: output.name, error: (err as Error).message, retryInMs: backoff });
        await this.pause(backoff);
        backoff = Math.min(backoff * 2, 30_000);
      } finally {
        batch.release();
      }
    }
  }

  /** Waits `ms`, or until stop() wakes it. */
  private pause(ms: number): Promise<void> {
    return new Promise<void>((r) => {
      const timer = setTimeout(r, ms);
      this.wake = () => { clearTimeout(timer); r(); };
    });
  }

  /** Stops after the batch in hand (the buffer must be closed too, to end a wait for data). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
  }
}
