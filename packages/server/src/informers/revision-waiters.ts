// Writers waiting for an informer's watch to bring back their own commit (read-your-writes on the replica
// that wrote), by the watch's key (a prefix; '' for an informer with one watch). Bounded: a watch that does
// not deliver in time (lost, relisting) lets the writer go on, and says so through `late`.
export const CATCH_UP_MS = 5_000;

interface Waiter {
  key: string;
  revision: number;
  resolve(): void;
}

export class RevisionWaiters {
  private waiters: Waiter[] = [];

  constructor(private readonly late: (key: string, revision: number) => void) {}

  /** Resolves once `reached(key, r)` is told an r at or past `revision`, or after CATCH_UP_MS. */
  wait(key: string, revision: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const w = { key, revision, resolve };
      this.waiters.push(w);
      setTimeout(() => {
        if (!this.waiters.includes(w)) return;
        this.waiters = this.waiters.filter((x) => x !== w);
        this.late(key, revision);
        resolve();
      }, CATCH_UP_MS).unref();
    });
  }

  /** The watch of `key` has delivered up to `revision`: its writers waiting for it go on. */
  reached(key: string, revision: number): void {
    if (this.waiters.length === 0) return;
    const still: Waiter[] = [];
    for (const w of this.waiters) (w.key === key && w.revision <= revision ? w.resolve() : still.push(w));
    this.waiters = still;
  }

  /** Every writer goes on (the informer stopped, or watches afresh). */
  releaseAll(): void {
    for (const w of this.waiters.splice(0)) w.resolve();
  }
}
