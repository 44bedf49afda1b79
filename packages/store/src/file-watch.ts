// In-process watches for the file store. A watch from a past revision first replays the log, then goes
// live. SQLite calls are synchronous and commits only happen between event-loop turns, so switching a
// watcher from replay to live in the same turn as its last log read leaves no gap and no duplicate.
import { CompactedError } from './store.js';
import type { Watch, WatchEvent, WatchHandlers } from './store.js';

/** What the hub needs from the store. */
export interface WatchLog {
  currentRevision(): number;
  compactRevision(): number;
  /** Events under `prefix` with from <= revision <= to, one entry per revision, in order (with prevKv if asked). */
  readEvents(prefix: string, from: number, to: number, prevKv: boolean): Array<[WatchEvent[], number]>;
}

/** Revisions read per replay step, so a long replay neither blocks the loop nor holds it all in memory. */
const REPLAY_WINDOW = 500;

class Watcher implements Watch {
  /** 'replay' reads from the log; 'live' is fed by publish(); 'done' delivers nothing more. */
  state: 'replay' | 'live' | 'done';
  private queue: Array<[WatchEvent[], number]> = [];
  private flushing = false;

  constructor(
    private readonly hub: WatchHub,
    readonly prefix: string,
    private readonly handlers: WatchHandlers,
    /** The next revision this watcher needs. */
    public nextRevision: number,
    live: boolean,
    /** Whether its events carry previous values. */
    readonly prevKv: boolean,
  ) {
    this.state = live ? 'live' : 'replay';
    if (!live) setImmediate(() => this.replayStep());
  }

  async cancel(): Promise<void> {
    this.stop();
  }

  stop(): void {
    this.state = 'done';
    this.queue = [];
    this.hub.remove(this);
  }

  /** A committed revision, offered to live watchers only. */
  offer(events: WatchEvent[], revision: number): void {
    if (this.state !== 'live' || revision < this.nextRevision) return;
    this.nextRevision = revision + 1;
    if (events.length === 0) return;
    // An event built with its previous value for another watcher loses it here, as asked.
    this.enqueue(this.prevKv ? events : events.map(withoutPrev), revision);
  }

  private replayStep(): void {
    if (this.state !== 'replay') return;
    const log = this.hub.log;
    const compacted = log.compactRevision();
    // Compaction (automatic or explicit) may have overtaken a slow replay: rows it needs are gone.
    if (this.nextRevision < compacted) {
      this.fail(new CompactedError(this.nextRevision, compacted));
      return;
    }
    const current = log.currentRevision();
    const to = Math.min(current, this.nextRevision + REPLAY_WINDOW - 1);
    for (const batch of log.readEvents(this.prefix, this.nextRevision, to, this.prevKv)) this.enqueue(...batch);
    this.nextRevision = to + 1;
    if (to >= current) this.state = 'live';
    else setImmediate(() => this.replayStep());
  }

  private enqueue(events: WatchEvent[], revision: number): void {
    this.queue.push([events, revision]);
    if (!this.flushing) {
      this.flushing = true;
      // Never call handlers from inside a store call: deliver on a later turn, in order.
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.flushing = false;
    while (this.state !== 'done' && this.queue.length > 0) {
      const [events, revision] = this.queue.shift()!;
      try {
        this.handlers.onEvents(events, revision);
      } catch (err) {
        // A throwing handler ends its own watch rather than the store.
        this.fail(err instanceof Error ? err : new Error(String(err)));
      }
    }
  }

  fail(err: Error): void {
    if (this.state === 'done') return;
    this.stop();
    this.handlers.onError(err);
  }
}

export class WatchHub {
  /**
   * Watchers indexed by prefix, and the distinct prefix lengths: a changed key is matched with one map
   * lookup per length instead of a scan of every watcher (a control plane holds one watch per agent).
   */
  private readonly byPrefix = new Map<string, Set<Watcher>>();
  private lengths: number[] = [];

  constructor(readonly log: WatchLog) {}

  watch(prefix: string, handlers: WatchHandlers, fromRevision?: number, prevKv = false): Watch {
    const current = this.log.currentRevision();
    const from = fromRevision === undefined ? current + 1 : Math.max(1, fromRevision);
    const w = new Watcher(this, prefix, handlers, from, from > current, prevKv);
    let set = this.byPrefix.get(prefix);
    if (!set) {
      this.byPrefix.set(prefix, (set = new Set()));
      this.reindex();
    }
    set.add(w);
    return w;
  }

  private reindex(): void {
    this.lengths = [...new Set([...this.byPrefix.keys()].map((p) => p.length))];
  }

  /** Reused by covering(): the watchers of one key, read before the next call. */
  private readonly scratch: Watcher[] = [];

  /**
   * The watchers whose prefix the key starts with, in an array reused by the next call. A loop into one
   * array, not a generator: it runs twice for every key a commit changes (wants, then publish), and yield*
   * over a Set cost 4% of the store worker's CPU in the placement replay (docs/benchmarks.md, "pagesize
   * (session 14)").
   */
  private covering(key: string): readonly Watcher[] {
    const out = this.scratch;
    out.length = 0;
    for (const len of this.lengths) {
      if (len > key.length) continue;
      const set = this.byPrefix.get(len === key.length ? key : key.slice(0, len));
      if (set) for (const w of set) out.push(w);
    }
    return out;
  }

  /**
   * Whether some live watcher covers the key, and whether one of them wants its previous value (lets the
   * store skip building events, and reading previous values from its log).
   */
  wants(key: string): 'prev' | 'plain' | false {
    let out: 'plain' | false = false;
    for (const w of this.covering(key)) {
      if (w.state !== 'live') continue;
      if (w.prevKv) return 'prev';
      out = 'plain';
    }
    return out;
  }

  /**
   * Called right after a commit, before anything else can write. `events` has every change. Only the
   * watchers an event concerns are offered the revision (a live watcher skips revisions without events).
   */
  publish(events: WatchEvent[], revision: number): void {
    const per = new Map<Watcher, WatchEvent[]>();
    for (const e of events) {
      for (const w of this.covering(eventKey(e))) {
        const list = per.get(w);
        if (list) list.push(e);
        else per.set(w, [e]);
      }
    }
    for (const [w, list] of per) w.offer(list, revision);
  }

  remove(w: Watcher): void {
    const set = this.byPrefix.get(w.prefix);
    if (!set?.delete(w) || set.size > 0) return;
    this.byPrefix.delete(w.prefix);
    this.reindex();
  }

  closeAll(): void {
    for (const set of [...this.byPrefix.values()]) for (const w of [...set]) w.stop();
  }
}

function withoutPrev(e: WatchEvent): WatchEvent {
  if (!e.prevKv) return e;
  const { prevKv: _, ...rest } = e;
  return rest;
}

export function eventKey(e: WatchEvent): string {
  return e.type === 'put' ? e.kv.key : e.key;
}
