// One etcd watch per prefix per process, shared by every store watch of that prefix that names where it
// starts (fromRevision) and asks the same about previous values. etcd sends each of its watches its own
// copy of every event: a server whose instance informer, services controller and capacity provisioner
// each watched instances/ received (and etcd encoded and sent) every instance write three times.
//
// Each subscriber keeps its own position (the next revision it wants) and gets every revision at or past
// it exactly once, in order, through its own delivery chain (so a slow or throwing subscriber is its own
// business, and no subscriber hears of an event before its watch() returned). A subscriber that starts
// behind the shared watch (it listed at an older revision than the watch has reached, the usual case for
// the second watcher of a prefix) re-creates the shared watch from its start: etcd replays the history
// since, the subscribers already past a revision skip it, and the new one takes only what the new watch
// sends, so it never sees a later revision before an earlier one. A watch that fails fails its
// subscribers, but a compaction fails only those whose position it passed: the others go on from the
// oldest of their positions on a new etcd watch.
import { CompactedError } from './store.js';
import type { Watch, WatchEvent, WatchHandlers } from './store.js';
import { startWatch } from './etcd-watch.js';
import type { EtcdWatch, WatchDeps } from './etcd-watch.js';

type Deps = Omit<WatchDeps, 'ended'>;

export class WatchMux {
  private readonly groups = new Map<string, SharedWatch>();
  private closed = false;

  constructor(private readonly deps: Deps) {}

  /** A store watch from `fromRevision`, sharing the etcd watch of its prefix. */
  async watch(prefix: string, handlers: WatchHandlers, fromRevision: number, prevKv: boolean): Promise<Watch> {
    const id = `${prevKv ? 'p' : 'n'}${prefix}`;
    for (;;) {
      if (this.closed) throw new Error('etcd store is closed');
      let g = this.groups.get(id);
      if (!g) this.groups.set(id, (g = new SharedWatch(this.deps, prefix, prevKv, () => {
        if (this.groups.get(id) === g) this.groups.delete(id);
      })));
      const sub = await g.attach(handlers, Math.max(1, fromRevision));
      if (sub) return sub;
      // The group ended between lookup and attach: take the next one.
    }
  }

  /** etcd watches open (tests and diagnostics). */
  get etcdWatches(): number {
    let n = 0;
    for (const g of this.groups.values()) if (g.open) n++;
    return n;
  }

  /** Store watches served (tests and diagnostics). */
  get subscribers(): number {
    let n = 0;
    for (const g of this.groups.values()) n += g.size;
    return n;
  }

  /** Ends every shared watch; resolves once none is starting any more (the store closes its client after). */
  async close(): Promise<void> {
    this.closed = true;
    const groups = [...this.groups.values()];
    this.groups.clear();
    await Promise.all(groups.map((g) => g.close()));
  }
}

class Subscriber implements Watch {
  done = false;
  private chain: Promise<void>;

  constructor(
    private readonly group: SharedWatch,
    readonly handlers: WatchHandlers,
    /** The next revision this subscriber wants. */
    public next: number,
    /** The first generation of the shared watch whose events are for it (see the file's comment). */
    readonly gen: number,
  ) {
    // Opens on a later turn than watch() returns: the caller holds the Watch before any handler runs.
    this.chain = new Promise((resolve) => setImmediate(resolve));
  }

  offer(gen: number, events: WatchEvent[], revision: number): void {
    if (this.done || gen < this.gen || revision < this.next) return;
    this.next = revision + 1;
    this.chain = this.chain.then(() => {
      if (this.done) return;
      try {
        this.handlers.onEvents(events, revision);
      } catch (err) {
        // A throwing handler ends its own watch.
        this.fail(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  fail(err: Error): void {
    if (this.done) return;
    this.done = true;
    void this.group.detach(this);
    // After every delivery queued before it.
    this.chain = this.chain.then(() => this.handlers.onError(err));
  }

  async cancel(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.group.detach(this);
  }
}

class SharedWatch {
  private readonly subs = new Set<Subscriber>();
  private current: EtcdWatch | undefined;
  private gen = 0;
  private ended = false;
  /** The store is closing: a watch that starts now is cancelled at once, and attach refuses. */
  private closed = false;
  /** Attach, detach and restarts run one at a time. */
  private ops: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: Deps,
    private readonly prefix: string,
    private readonly prevKv: boolean,
    private readonly onEnd: () => void,
  ) {}

  get open(): boolean {
    return this.current !== undefined;
  }

  get size(): number {
    return this.subs.size;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.ops.then(fn);
    this.ops = p.catch(() => undefined);
    return p;
  }

  /** Undefined when this group has ended (the caller looks again). */
  attach(handlers: WatchHandlers, from: number): Promise<Subscriber | undefined> {
    return this.serial(async () => {
      if (this.ended) return undefined;
      const at = this.current?.nextRevision;
      if (this.current === undefined || at === undefined || from < at) {
        try {
          // From the oldest position wanted: a watch that just failed (its failure not yet handled) may
          // have left subscribers behind `from`.
          await this.restart(Math.min(from, ...[...this.subs].map((s) => s.next)));
        } catch (err) {
          if (this.subs.size === 0) this.end();
          throw err;
        }
      }
      const sub = new Subscriber(this, handlers, from, this.gen);
      this.subs.add(sub);
      return sub;
    });
  }

  detach(sub: Subscriber): Promise<void> {
    return this.serial(async () => {
      if (!this.subs.delete(sub) || this.subs.size > 0) return;
      this.end();
      await this.current?.cancel();
      this.current = undefined;
    });
  }

  /** A new etcd watch from `from`; the old one is cancelled once the new one is accepted. */
  private async restart(from: number): Promise<void> {
    const gen = this.gen + 1;
    const w = await startWatch(
      { ...this.deps, ended: () => {} },
      this.prefix,
      {
        onEvents: (events, revision) => {
          for (const s of this.subs) s.offer(gen, events, revision);
        },
        onError: (err) => void this.failed(gen, err),
      },
      { fromRevision: from, prevKv: this.prevKv },
    );
    if (this.closed) {
      // The store closed while etcd accepted it: nobody will cancel it but this.
      await w.cancel();
      throw new Error('etcd store is closed');
    }
    const old = this.current;
    this.current = w;
    this.gen = gen;
    void old?.cancel();
  }

  private failed(gen: number, err: Error): Promise<void> {
    return this.serial(async () => {
      if (gen !== this.gen || this.ended) return;
      this.current = undefined;
      const compacted = err instanceof CompactedError ? err.compactRevision : undefined;
      for (const s of [...this.subs]) {
        if (compacted !== undefined && s.next >= compacted) continue;
        this.subs.delete(s);
        s.fail(compacted !== undefined ? new CompactedError(s.next, compacted) : err);
      }
      if (this.subs.size === 0) return this.end();
      // The rest are past the compaction: one watch again from the oldest of their positions.
      try {
        await this.restart(Math.min(...[...this.subs].map((s) => s.next)));
      } catch (e) {
        this.end();
        for (const s of [...this.subs]) s.fail(e instanceof Error ? e : new Error(String(e)));
        this.subs.clear();
      }
    });
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.onEnd();
  }

  /**
   * The store is closing: the etcd watch ends, subscribers hear nothing more (as a closed store's watches).
   * Resolves once an attach, detach or restart under way has ended too (a restart that etcd accepts now
   * cancels its watch itself): the store closes its client only then.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.end();
    for (const s of this.subs) s.done = true;
    this.subs.clear();
    const w = this.current;
    this.current = undefined;
    await w?.cancel();
    await this.ops;
  }
}
