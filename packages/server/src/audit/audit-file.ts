// berth-server --audit-log FILE: the audit trail as JSON lines, one per audited call (api/audit.ts says
// which), rotated by size as kube-apiserver's --audit-log-maxsize and --audit-log-maxbackup do: past
// maxBytes the file becomes FILE.1, FILE.1 becomes FILE.2, ..., and the oldest beyond maxFiles goes.
//
// Each line is written with one write(2) on a file opened for append, so it reaches the kernel before the
// call's answer leaves and survives the process dying (not the machine: no fsync per call, which would
// cost the hot path a disk flush). The files are 0600 in a directory created 0700: the trail names users.
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AuditEntry } from '@berth/api';

export interface AuditFileOptions {
  /** Rotate once the file holds this many bytes (default 100 MiB). */
  maxBytes?: number;
  /** Rotated files kept beside the current one (default 5). */
  maxFiles?: number;
}

export class AuditFile {
  private fd: number;
  private bytes: number;
  private readonly maxBytes: number;
  private readonly maxFiles: number;

  constructor(private readonly path: string, opts: AuditFileOptions = {}) {
    this.maxBytes = opts.maxBytes ?? 100 * 1024 * 1024;
    this.maxFiles = opts.maxFiles ?? 5;
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    this.fd = openSync(path, 'a', 0o600);
    this.bytes = fstatSync(this.fd).size;
  }

  readonly write = (entry: AuditEntry): void => {
    const line = Buffer.from(JSON.stringify(entry) + '\n');
    if (this.bytes > 0 && this.bytes + line.length > this.maxBytes) this.rotate();
    writeSync(this.fd, line);
    this.bytes += line.length;
  };

  close(): void {
    closeSync(this.fd);
  }

  private rotate(): void {
    closeSync(this.fd);
    rmSync(`${this.path}.${this.maxFiles}`, { force: true });
    for (let i = this.maxFiles - 1; i >= 1; i--) {
      if (existsSync(`${this.path}.${i}`)) renameSync(`${this.path}.${i}`, `${this.path}.${i + 1}`);
    }
    if (this.maxFiles > 0) renameSync(this.path, `${this.path}.1`);
    else rmSync(this.path, { force: true });
    this.fd = openSync(this.path, 'a', 0o600);
    this.bytes = 0;
  }
}
