// Group commit for one key (a cluster): the first call starts a batch at once; calls that arrive while a
// batch is in flight wait and go together in the next one. So concurrent RunTasks of a cluster on one
// replica are placed in one pass over one snapshot and committed in one transaction, instead of racing
// each other's compares on the same instance records and retrying. The batch function settles every call
// it was given except those it hands back (they did not fit in its transaction): they lead the next batch.

export type Batch<C> = (key: string, calls: C[]) => Promise<C[]>;

export class GroupQueue<C> {
  /** For each key with a batch in flight: the calls waiting for the next batch. */
  private readonly waiting = new Map<string, C[]>();

  constructor(private readonly batch: Batch<C>) {}

  add(key: string, call: C): void {
    const queued = this.waiting.get(key);
    if (queued) {
      queued.push(call);
      return;
    }
    this.waiting.set(key, []);
    void this.run(key, [call]);
  }

  private async run(key: string, first: C[]): Promise<void> {
    let calls = first;
    while (calls.length > 0) {
      const handedBack = await this.batch(key, calls);
      const queued = this.waiting.get(key)!;
      calls = [...handedBack, ...queued.splice(0)];
    }
    this.waiting.delete(key);
  }
}
