// Group commit for one key (a cluster), pipelined two deep. The first call starts a batch at once; calls
// that arrive while a batch commits go together in the next one, which is placed *while* the one before it
// commits (over the instances as that one leaves them) and joined by every call arriving until that commit
// is done; only then does it commit, and only if every write of the one before it committed. So the main
// thread's placement of batch N+1 overlaps the store's commit of batch N, and concurrent RunTasks of a
// cluster on one replica are still placed in one pass and committed together instead of racing each
// other's compares. A batch settles every call it was given except those it hands back (they did not fit,
// or lost a compare): they lead the next batch. A batch placed over one whose writes did not all commit is
// void: its calls, unanswered, are placed again.
//
// Why two deep: one main thread places and one store commits, so two stages are all the overlap there is;
// the commits of a cluster are serial anyway (each compares the revisions the one before it wrote). A third
// batch would only place over two unconfirmed layers, voiding more work when a compare is lost, and make
// calls wait longer, for no more overlap.

/** What a batch's commit decided: calls to place again, and whether every write committed. */
export interface Committed<C> {
  handBack: C[];
  /** Every write committed: a batch placed over this one's writes may commit. */
  holds: boolean;
}

/** One batch of a key's calls. Never rejects: each call is settled, handed back or voided. */
export interface Stage<C> {
  /** Places calls into the batch; called again, one call at a time, with calls that arrive before it commits. */
  place(calls: C[]): Promise<void>;
  /** Commits the batch (once the one before it committed) and settles its calls. */
  commit(): Promise<Committed<C>>;
  /** The batch was placed over writes that did not commit: its calls, none answered, to place again. */
  void(): C[];
}

/** Opens a key's next batch, placed over `previous` (whose commit is under way) when there is one. */
export type Open<C> = (key: string, previous: Stage<C> | undefined) => Stage<C>;

interface KeyState<C> {
  /** Calls waiting for the next batch (or to join the one being placed). */
  pending: C[];
  /** Wakes the key's loop when a call arrives. */
  wake?: () => void;
}

interface InFlight<C> {
  stage: Stage<C>;
  done: Promise<Committed<C>>;
  result?: Committed<C>;
}

export class GroupQueue<C> {
  /** Each key with a batch under way. */
  private readonly keys = new Map<string, KeyState<C>>();

  constructor(private readonly open: Open<C>) {}

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
    /** The batch committing, if any. */
    let prev: InFlight<C> | undefined;
    /** Calls handed back or voided: they lead the next batch. */
    let lead: C[] = [];
    for (;;) {
      if (lead.length === 0 && st.pending.length === 0) {
        if (!prev) break;
        await Promise.race([prev.done, arrival()]);
        st.wake = undefined;
        if (prev.result) {
          lead = prev.result.handBack;
          prev = undefined;
        }
        continue;
      }
      const stage = this.open(key, prev?.stage);
      const calls = [...lead, ...st.pending.splice(0)];
      lead = [];
      await stage.place(calls);
      if (prev) {
        // Calls arriving while the batch before commits join this one.
        while (!prev.result) {
          if (st.pending.length > 0) await stage.place(st.pending.splice(0));
          else {
            await Promise.race([prev.done, arrival()]);
            st.wake = undefined;
          }
        }
        const before = prev.result;
        prev = undefined;
        if (!before.holds) {
          lead = [...before.handBack, ...stage.void()];
          continue;
        }
        lead = before.handBack;
      }
      const entry: InFlight<C> = { stage, done: stage.commit().then((r) => (entry.result = r)) };
      prev = entry;
    }
    this.keys.delete(key);
  }
}
