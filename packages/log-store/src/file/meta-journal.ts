// The embedded log store's groups and streams: a journal of JSON lines (0600), replayed at open and
// rewritten compactly when it has grown well past what it describes. Small and rare writes (a group, a
// stream, a retention), each fsynced before it is answered.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';

export type MetaRecord =
  | { op: 'group'; id: string; name: string; created: number; retention?: number }
  | { op: 'retention'; id: string; retention?: number }
  | { op: 'delete-group'; id: string }
  | { op: 'stream'; id: string; group: string; name: string; created: number }
  | { op: 'delete-stream'; id: string }
  /** A stream's sequence, kept here when the segment that held its last batch is removed by retention. */
  | { op: 'sequence'; id: string; batches: number; hash?: string };

export class MetaJournal {
  private fd: number;
  private lines = 0;

  /** Replays the journal into `apply`; a torn last line (a crash mid-write) is dropped. */
  constructor(private readonly path: string, apply: (r: MetaRecord) => void) {
    if (existsSync(path)) {
      const text = readFileSync(path, 'utf8');
      for (const line of text.split('\n')) {
        if (line === '') continue;
        let r: MetaRecord;
        try {
          r = JSON.parse(line) as MetaRecord;
        } catch {
          break;
        }
        apply(r);
        this.lines++;
      }
    }
    this.fd = openSync(path, 'a', 0o600);
  }

  append(r: MetaRecord): void {
    writeSync(this.fd, JSON.stringify(r) + '\n');
    fsyncSync(this.fd);
    this.lines++;
  }

  /** Rewrites the journal as `records` (what is live) when it holds more than twice as many lines. */
  compact(records: MetaRecord[]): void {
    if (this.lines <= 2 * records.length + 100) return;
    const tmp = `${this.path}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    writeSync(fd, records.map((r) => JSON.stringify(r) + '\n').join(''));
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, this.path);
    closeSync(this.fd);
    this.fd = openSync(this.path, 'a', 0o600);
    this.lines = records.length;
  }

  close(): void {
    closeSync(this.fd);
  }
}
