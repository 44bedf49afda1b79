// Group commit for one key (a cluster), pipelined up to MAX_COMMITTING batches deep. Calls that arrive
// within one turn of the event loop go together in a batch, placed over the key's snapshot *and over the
// writes of every batch still committing* (the stage is given them when it opens), then committed at once,
// without waiting for the batches before it to answer. Calls that arrive while MAX_COMMITTING batches
// commit wait for one of them to finish and then go together. A batch settles every call it was given
// except those it hands back (they did not fit, or lost a compare): they lead the next batch.
//
// Why a batch need not wait for the one before it: a write placed over a batch still committing compares
// the value that batch writes (the instance's record, whose version is counted up by every write), not a
// revision nobody knows yet. If that batch commits, the value is there and the compare holds; if it lost a
// compare, the value never appears and the batch placed over it loses too, and is placed again. So the
// store decides, and the main thread's turn to read a commit's answer (milliseconds when it is busy) is no
// longer in the path from one batch to the next: the batches of a cluster follow each other as fast as the
// store commits them. The store applies a key's transactions in the order they were sent (the file store's
// worker in order; etcd nearly always), and one applied out of order only loses its compare and is placed
// again. After a lost compare the queue lets the batches still committing finish before it places the
// calls handed back (the store has said the cache was behind: the batches placed over the lost writes lose
// too), so the calls are placed again in the order they came.

/** Batches of one key committing at once, at most: enough to keep the store's group commit fed. */
export const MAX_COMMITTING = 4;

/** One batch of a key's calls. Never rejects: each call is settled or handed back. */
export interface Stage<C> {
  /** Places calls into the batch; called again with calls that arrive before it commits. */
  place(calls: C[]): Promise<void>;
  /** Commits the batch and settles its calls; resolves with the calls handed back (to place again), and whether a compare was lost. */
  commit(): Promise<{ handBack: C[]; lost: boolean }>;
}

/** Opens a key's next batch, placed over the batches still committing (oldest first). */
export type Open<C> = (key: string, committing: readonly Stage<C>[]) => Stage<C>;

interface KeyState<C> {
  /** Calls waiting for the next batch. */
  pending: C[];
  /** Wakes the key's loop when a call arrives. */
  wake?: () => void;
}

interface InFlight<C> {
  stage: Stage<C>;
  done: Promise<void>;
  result?: { handBack: C[]; lost: boolean };
}

export class GroupQueue<C> {
  /** Each key with a batch under way. */
  private readonly keys = new Map<string, KeyState<C>>();

  constructor(private readonly open: Open<C>, private readonly maxCommitting = MAX_COMMITTING) {}

  add(key: string, call: C): void {
    const st = this.keys.get(key);
    if (st) {
      st.pending.push(call);
      st.wake?.();
      return;
    }
    const fresh: KeyState<C> = { pending: [call] };
    this.keys.set(key, fresh);
    void this.run(key, fresh);
  }

  private async run(key: string, st: KeyState<C>): Promise<void> {
    const arrival = () => new Promise<void>((r) => (st.wake = r));
    /** Batches committing, oldest first. */
    const committing: InFlight<C>[] = [];
    /** Calls handed back: they lead the next batch. */
    let lead: C[] = [];
    /** Takes what finished batches handed back, in order; true when one of them lost a compare. */
    const collect = () => {
      let lost = false;
      for (let i = 0; i < committing.length; i++) {
        const f = committing[i]!;
        if (f.result === undefined) continue;
        lead.push(...f.result.handBack);
        lost ||= f.result.lost;
        committing.splice(i--, 1);
      }
      return lost;
    };
    // The calls of this turn of the event loop go together (they arrive from one read of the sockets).
    await new Promise((r) => setImmediate(r));
    for (;;) {
      if (collect()) {
        // The calls handed back go again once the batches placed over the lost writes are done too.
        while (committing.length > 0) {
          await Promise.all(committing.map((f) => f.done));
          collect();
        }
      }
      const idle = lead.length === 0 && st.pending.length === 0;
      if (idle && committing.length === 0) break;
      if (idle || committing.length >= this.maxCommitting) {
        await Promise.race([...committing.map((f) => f.done), ...(committing.length < this.maxCommitting ? [arrival()] : [])]);
        st.wake = undefined;
        if (idle && committing.length < this.maxCommitting && st.pending.length > 0) await new Promise((r) => setImmediate(r));
        continue;
      }
      const stage = this.open(key, committing.map((f) => f.stage));
      const calls = [...lead, ...st.pending.splice(0)];
      lead = [];
      await stage.place(calls);
      // Calls that arrived while it placed (a placement over the store itself reads) join it.
      while (st.pending.length > 0) await stage.place(st.pending.splice(0));
      const entry: InFlight<C> = { stage, done: stage.commit().then((r) => { entry.result = r; }) };
      committing.push(entry);
    }
    this.keys.delete(key);
  }
}
