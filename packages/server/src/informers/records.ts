// An informer of the records under a few key prefixes, by key: listed once at one revision, then kept
// current by a watch of each prefix from the next revision (informers/instances.ts is the model). A lost
// watch (compaction, a store outage) relists; lookups wait for the relist, which retries with backoff while
// the store does not answer. What each entry means is its owner's: a value derived from an entry (a
// parsed document, an unsealed secret) is kept with it and goes when the entry changes, so nothing
// outlives the record it came from. Holds every record under its prefixes: only for record kinds of
// bounded count (IAM's users, keys and policies; clusters), never tasks.
import { CompactedError, type Store, type Watch, type WatchEvent } from '@berth/store';
import type { Logger } from '@berth/api';
import { Relisting } from './relisting.js';
import { RevisionWaiters } from './revision-waiters.js';
import { rangeAll } from '../state/kit.js';


interface Entry {
  value: string;
  modRevision: number;
  derived?: unknown;
}

export class RecordInformer {
  private entries = new Map<string, Entry>();
  /** The revision each prefix's view is complete to: the list's, then its watch's latest event. */
  private revisions = new Map<string, number>();
  private watches: Watch[] = [];
  private generation = 0;
  private readonly lifecycle: Relisting;
  private readonly waiters = new RevisionWaiters((prefix, revision) =>
    this.log.warn(`${this.name} informer did not see a write of this replica in time`, { revision, prefix, seen: this.revisions.get(prefix) }));
  /** Lists done (the first start and every relist): tests and the log. */
  lists = 0;

  constructor(private readonly store: Store, private readonly prefixes: string[], private readonly log: Logger, private readonly name: string) {
    this.lifecycle = new Relisting(() => this.start(), log, `${name} informer`);
  }

  /** The record at `key` (its JSON text), as of the latest event seen; undefined when there is none. */
  async get(key: string): Promise<string | undefined> {
    await this.started();
    return this.entries.get(key)?.value;
  }

  /**
   * A value derived from the record at `key`, computed once per version of the record (f is given its
   * JSON text); undefined when there is no record.
   */
  async derive<T>(key: string, f: (value: string) => T): Promise<T | undefined> {
    await this.started();
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (!('derived' in e)) e.derived = f(e.value);
    return e.derived as T;
  }

  /**
   * Resolves once the view includes a write this replica committed at `revision` (each prefix the write's
   * keys are under has seen it on its watch), or after a bound: the replica that changes a key or a policy
   * acts on the change from its next call.
   */
  async caughtUp(revision: number, keys: string[]): Promise<void> {
    if (!this.lifecycle.begun) return;
    const behind = this.prefixes.filter((p) => keys.some((k) => k.startsWith(p)) && (this.revisions.get(p) ?? 0) < revision);
    await Promise.all(behind.map((prefix) => this.waiters.wait(prefix, revision)));
  }

  /**
   * What `derive` gives, without waiting: undefined when there is no record, and before the first list is
   * done (this starts it; a relist keeps the last view until it is replaced).
   */
  peek<T>(key: string, f: (value: string) => T): T | undefined {
    if (!this.lifecycle.begun) this.started().catch(() => undefined);
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (!('derived' in e)) e.derived = f(e.value);
    return e.derived as T;
  }

  /** Entries held (tests, and the bound docs/security.md states). */
  size(): number {
    return this.entries.size;
  }

  async stop(): Promise<void> {
    const listing = this.lifecycle.stop();
    await Promise.all(this.watches.splice(0).map((w) => w.cancel().catch(() => {})));
    this.waiters.releaseAll();
    await listing;
  }

  private started(): Promise<void> {
    return this.lifecycle.started();
  }

  private relist(): void {
    this.lifecycle.relist();
  }

  /** Lists at one revision, then watches from the next: nothing missed, nothing twice. */
  private async start(): Promise<void> {
    const generation = ++this.generation;
    const current = () => generation === this.generation && !this.lifecycle.stopped;
    await Promise.all(this.watches.splice(0).map((w) => w.cancel().catch(() => {})));
    const revision = await this.store.revision();
    const entries = new Map<string, Entry>();
    for (const prefix of this.prefixes) {
      for (const kv of await rangeAll(this.store, prefix, { revision })) entries.set(kv.key, { value: kv.value.toString(), modRevision: kv.modRevision });
    }
    if (!current()) return;
    this.entries = entries;
    this.lists++;
    for (const prefix of this.prefixes) this.advance(prefix, revision);
    for (const prefix of this.prefixes) {
      const w = await this.store.watch(prefix, {
        onEvents: (events) => {
          if (current()) this.apply(prefix, events);
        },
        onError: (err) => {
          if (!current()) return;
          this.log.warn(`${this.name} informer watch failed; relisting`, { error: err.message, compacted: err instanceof CompactedError });
          this.relist();
        },
      }, { fromRevision: revision + 1 });
      if (!current()) {
        await w.cancel().catch(() => {});
        return;
      }
      this.watches.push(w);
    }
  }

  private apply(prefix: string, events: WatchEvent[]): void {
    let last = 0;
    for (const e of events) {
      if (e.type === 'put') {
        this.entries.set(e.kv.key, { value: e.kv.value.toString(), modRevision: e.kv.modRevision });
        last = Math.max(last, e.kv.modRevision);
      } else {
        this.entries.delete(e.key);
        last = Math.max(last, e.modRevision);
      }
    }
    this.advance(prefix, last);
  }

  private advance(prefix: string, revision: number): void {
    if (revision <= (this.revisions.get(prefix) ?? 0)) return;
    this.revisions.set(prefix, revision);
    this.waiters.reached(prefix, revision);
  }
}
