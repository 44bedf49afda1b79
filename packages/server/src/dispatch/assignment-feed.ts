// One store watch of every instance's assignments per dispatcher, fanned out to the agent sessions by
// instance id. One watch per session would cost the store a watcher per agent: etcd's client attaches
// watchers one round trip at a time, so a thousand agents connecting at once waited seconds for their
// watches (and gave up), and every watcher is one more to match each change against.
//
// A session subscribes before it reads its full set at some revision R: whatever changes after R is then
// delivered to it, and it drops what it is handed at or below R (already in its set). The feed watches
// only while sessions listen. When its watch ends (compaction, a store failure) every listener is told to
// read its full set again, which subscribes again and so starts a new watch.
import type { Logger } from '@berth/api';
import type { Store, Watch, WatchEvent } from '@berth/store';
import { ASSIGNMENTS_ROOT, parseAssignmentKey } from '../state/assignments.js';

export interface AssignmentListener {
  /** Changes to the instance's assignments, one revision at a time, in order. */
  onEvents(events: WatchEvent[], revision: number): void;
  /** The feed's watch ended: what was delivered may have gaps, so the full set must be read again. */
  onReset(err: Error): void;
}

export class AssignmentFeed {
  private readonly listeners = new Map<string, Set<AssignmentListener>>();
  private size = 0;
  /** The watch under way or running; undefined when none. */
  private watch?: Promise<Watch>;
  /** Bumped whenever the watch is dropped: a watch set up for an older generation is cancelled. */
  private generation = 0;

  constructor(private readonly store: Store, private readonly log: Logger) {}

  /**
   * Listens to the instance's assignments from now on; resolves (to the unsubscribe function) once the
   * feed's watch runs, so a read made after that misses nothing. Rejects when the watch cannot start.
   */
  async subscribe(instanceId: string, listener: AssignmentListener): Promise<() => void> {
    let set = this.listeners.get(instanceId);
    if (!set) this.listeners.set(instanceId, (set = new Set()));
    set.add(listener);
    this.size++;
    const unsubscribe = () => {
      if (!set.delete(listener)) return;
      this.size--;
      if (set.size === 0 && this.listeners.get(instanceId) === set) this.listeners.delete(instanceId);
      if (this.size === 0) this.drop();
    };
    try {
      await this.started();
    } catch (e) {
      unsubscribe();
      throw e;
    }
    return unsubscribe;
  }

  private started(): Promise<Watch> {
    if (this.watch) return this.watch;
    const generation = this.generation;
    const current = () => generation === this.generation;
    const watch = this.store.watch(ASSIGNMENTS_ROOT, {
      onEvents: (events, revision) => {
        if (current()) this.deliver(events, revision);
      },
      onError: (err) => {
        if (!current()) return;
        this.log.warn('assignment watch ended; every session reads its full set again', { error: err.message });
        this.drop();
        for (const set of [...this.listeners.values()]) for (const l of [...set]) l.onReset(err);
      },
    }).then(async (w) => {
      // Every listener left (or the watch failed) while it was being set up.
      if (!current()) await w.cancel().catch(() => {});
      return w;
    }, (err: unknown) => {
      if (current()) this.watch = undefined;
      throw err;
    });
    this.watch = watch;
    return watch;
  }

  /** Stops the current watch (its late events and errors are ignored). */
  private drop(): void {
    const w = this.watch;
    this.watch = undefined;
    this.generation++;
    void w?.then((x) => x.cancel()).catch(() => {});
  }

  private deliver(events: WatchEvent[], revision: number): void {
    const byInstance = new Map<string, WatchEvent[]>();
    for (const e of events) {
      const { instanceId } = parseAssignmentKey(e.type === 'put' ? e.kv.key : e.key);
      if (!this.listeners.has(instanceId)) continue;
      const list = byInstance.get(instanceId);
      if (list) list.push(e);
      else byInstance.set(instanceId, [e]);
    }
    for (const [instanceId, list] of byInstance) {
      for (const l of this.listeners.get(instanceId) ?? []) l.onEvents(list, revision);
    }
  }
}
