// Reports from every agent session of this replica, applied in batches (applyTaskReports): the reports
// that arrive within one turn of the event loop share one read and one transaction, up to MAX_BATCH, so a
// thousand agents reporting at once cost the store tens of calls rather than thousands. Each session still
// hands over one report at a time and waits for it to be persisted before it acknowledges it (and before
// its next), so a session's reports keep their order and nothing is acknowledged before it is written.
import type { TaskStateReport } from '@berth/core';
import type { ServerContext } from '../context.js';
import { applyTaskReports, type QueuedReport } from './task-reports.js';

/** Reports per batch: a report writes a handful of keys, and a transaction holds at most 128. */
export const MAX_BATCH = 16;

interface Waiting extends QueuedReport {
  resolve(v: { applied: boolean }): void;
  reject(e: unknown): void;
}

export class ReportBatcher {
  private queue: Waiting[] = [];
  private scheduled = false;

  constructor(private readonly ctx: ServerContext) {}

  /** Resolves once the report is applied (or ignored), as applyTaskReport does. */
  apply(instanceId: string, report: TaskStateReport): Promise<{ applied: boolean }> {
    return new Promise((resolve, reject) => {
      this.queue.push({ instanceId, report, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const all = this.queue;
    this.queue = [];
    for (let i = 0; i < all.length; i += MAX_BATCH) {
      const batch = all.slice(i, i + MAX_BATCH);
      applyTaskReports(this.ctx, batch).then(
        (results) => batch.forEach((w, j) => w.resolve(results[j]!)),
        (err: unknown) => batch.forEach((w) => w.reject(err)),
      );
    }
  }
}
