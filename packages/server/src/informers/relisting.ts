// What every informer does around its list: start it once, forget a failed start so the next reader starts
// again, and relist (after a lost watch) with backoff while the store does not answer.
import type { Logger } from '@berth/api';

const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 10_000;

export class Relisting {
  /** The list and watches under way or done; undefined until the first start and after a failure. */
  private ready?: Promise<void>;
  private retry?: NodeJS.Timeout;
  private retryMs = RETRY_MIN_MS;
  stopped = false;

  /** `start` lists and opens the watches; `what` names the informer in the log. */
  constructor(private readonly start: () => Promise<void>, private readonly log: Logger, private readonly what: string) {}

  /** Whether a start is under way or done (a write applied before the first list would be lost anyway). */
  get begun(): boolean {
    return this.ready !== undefined;
  }

  /** Resolves once the list is done; starts it if needed. */
  started(): Promise<void> {
    this.ready ??= this.start().then(() => {
      this.retryMs = RETRY_MIN_MS;
    }, (err) => {
      this.ready = undefined;
      throw err;
    });
    return this.ready;
  }

  /** Lists again now, and keeps retrying with backoff while the store does not answer. */
  relist(): void {
    clearTimeout(this.retry);
    this.ready = undefined;
    this.started().catch((err) => {
      if (this.stopped) return;
      this.log.warn(`${this.what} relist failed; retrying`, { error: String((err as Error)?.message ?? err), inMs: this.retryMs });
      this.retry = setTimeout(() => this.relist(), this.retryMs);
      this.retry.unref();
      this.retryMs = Math.min(RETRY_MAX_MS, this.retryMs * 2);
    });
  }

  /**
   * No more lists. Resolves once a list under way has ended (whatever its outcome): one that finishes after
   * the stop sees `stopped` and cancels the watches it opened itself, so when this resolves the informer
   * has nothing left running and makes no more store calls.
   */
  stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    return (this.ready ?? Promise.resolve()).then(() => undefined, () => undefined);
  }
}
