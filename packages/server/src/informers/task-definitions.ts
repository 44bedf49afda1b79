// The task definitions RunTask, StartTask and the seam's authorization read, from an informer rather than
// the store (issues 14/16: a RunTask made two to three store reads before its batch for these alone).
// Revisions are not of bounded count (a family may have a million), so the informer does not hold them
// all: it holds what is used, filled on first use and kept current by ONE watch of every revision record
// (`taskdefs/`, written only by Register, Deregister, DeleteTaskDefinitions and their retention, never by
// a launch):
// - per family looked up, the number of its latest ACTIVE revision (or that it has none);
// - per revision looked up (and each family's latest ACTIVE one), its record.
// A fill reads the store and notes the store revision its read saw; watch events at or below it are
// already in what it read and are skipped, later ones are applied on top. A fill that finds the watch
// already past its read (an event it may have skipped) reads again. So a held entry is the store's state
// as of the watch's latest event, never older: no lifetime, no TTL. An event that takes away a family's
// latest ACTIVE revision (Deregister, Delete) drops the family's entry: its next use reads the store
// again (which revision is now the latest is not in the event). A lost watch (compaction, an outage)
// drops everything and watches again; entries refill on use.
//
// Read-your-writes: the handlers that write revisions wait, after their commit, until the watch has
// delivered it (`committed`), so a RunTask on the replica that registered or deregistered a revision sees
// it at once. Another replica sees it once its watch delivers it (milliseconds; bounded by its watch's
// delay, and a lost watch drops the view until it watches again): in that window it may still launch a
// revision just deregistered elsewhere, or launch a bare family's previous latest revision, as ECS's own
// eventual consistency allows (docs/store.md).
//
// Memory: at most FAMILIES family entries (a number each) and REVISIONS revision records (about 1-4 KiB
// each), least recently used first out; an entry evicted is read again on its next use.
import { CompactedError, type Store, type Watch, type WatchEvent } from '@berth/store';
import type { Logger } from '@berth/api';
import { Relisting } from './relisting.js';
import { RevisionWaiters } from './revision-waiters.js';
import {
  REVISIONS_ROOT, latestActiveRevisionSeen, parseRevisionKey, revisionKey, revisionSeen, type RevisionRecord,
} from '../state/task-definitions.js';

export const TASK_DEFINITION_FAMILIES = 10_000;
export const TASK_DEFINITION_REVISIONS = 1_000;
/** A fill reads again while the watch moves past its reads; past this many reads, it answers the last without keeping it. */
const FILL_TRIES = 20;

interface FamilyEntry {
  /** Its latest ACTIVE revision; undefined: it has none (or no such family). */
  latest: number | undefined;
  /** The store revision this entry is complete to. */
  asOf: number;
}

interface RevisionEntry {
  rec: RevisionRecord;
  asOf: number;
}

/** A Map used as an LRU: a read moves the entry last; past `max` the first goes. */
function touch<K, V>(m: Map<K, V>, k: K, v: V, max: number): void {
  m.delete(k);
  m.set(k, v);
  if (m.size > max) m.delete(m.keys().next().value!);
}

export class TaskDefinitionInformer {
  private families = new Map<string, FamilyEntry>();
  private revisions = new Map<string, RevisionEntry>();
  /** Fills under way, by family (`f`) or revision key (`r`): concurrent lookups share one read. */
  private fills = new Map<string, Promise<unknown>>();
  /** The store revision the watch has delivered to (its start, then its latest event). */
  private watched = 0;
  private watch: Watch | undefined;
  private generation = 0;
  private readonly lifecycle: Relisting;
  private readonly waiters = new RevisionWaiters((_, revision) =>
    this.log.warn('task-definition informer did not see a write of this replica in time', { revision, seen: this.watched }));
  /** Watches started (the first and one per lost watch): tests and the log. */
  starts = 0;
  /** Store reads made by fills: tests. */
  reads = 0;

  constructor(private readonly store: Store, private readonly log: Logger,
    private readonly max = { families: TASK_DEFINITION_FAMILIES, revisions: TASK_DEFINITION_REVISIONS }) {
    this.lifecycle = new Relisting(() => this.start(), log, 'task-definition informer');
  }

  /** The number of the family's latest ACTIVE revision; undefined when it has none. */
  async latestActiveRevisionNumber(family: string): Promise<number | undefined> {
    await this.lifecycle.started();
    const held = this.families.get(family);
    if (held) {
      touch(this.families, family, held, this.max.families);
      return held.latest;
    }
    return this.fill(`f${family}`, () => this.fillFamily(family));
  }

  /** A revision's record (whatever its status); null when there is none. */
  async revision(family: string, revision: number): Promise<RevisionRecord | null> {
    await this.lifecycle.started();
    const key = revisionKey(family, revision);
    const held = this.revisions.get(key);
    if (held) {
      touch(this.revisions, key, held, this.max.revisions);
      return held.rec;
    }
    return this.fill(`r${key}`, () => this.fillRevision(family, revision));
  }

  /** The family's latest ACTIVE revision's record; null when it has none. */
  async latestActive(family: string): Promise<RevisionRecord | null> {
    const n = await this.latestActiveRevisionNumber(family);
    return n === undefined ? null : this.revision(family, n);
  }

  /**
   * After a transaction this replica committed at `revision` that wrote revision records: resolves once the
   * watch has delivered it (or after a bound), so this replica's next launch sees it.
   */
  async committed(revision: number): Promise<void> {
    if (!this.lifecycle.begun || this.watched >= revision) return;
    await this.waiters.wait('', revision);
  }

  /** Entries held (tests, and the bound above). */
  sizes(): { families: number; revisions: number } {
    return { families: this.families.size, revisions: this.revisions.size };
  }

  async stop(): Promise<void> {
    const listing = this.lifecycle.stop();
    this.generation++;
    await this.watch?.cancel().catch(() => {});
    this.watch = undefined;
    this.waiters.releaseAll();
    await listing;
  }

  private fill<T>(key: string, read: () => Promise<T>): Promise<T> {
    const under = this.fills.get(key);
    if (under) return under as Promise<T>;
    const p = read().finally(() => this.fills.delete(key));
    this.fills.set(key, p);
    return p;
  }

  /**
   * Reads until a read is not older than what the watch has delivered (so no event after the read was
   * skipped), then keeps it: `keep` gets the store revision the read saw.
   */
  private async settled<R>(read: () => Promise<{ value: R; at: number }>, keep: (value: R, at: number) => void): Promise<R> {
    for (let i = 0; ; i++) {
      const generation = this.generation;
      const { value, at } = await read();
      this.reads++;
      if (generation !== this.generation) {
        // The watch was lost meanwhile: wait for the new one before reading again.
        await this.lifecycle.started();
        continue;
      }
      if (this.watched <= at) {
        keep(value, at);
        return value;
      }
      if (i >= FILL_TRIES) return value;
    }
  }

  private async fillFamily(family: string): Promise<number | undefined> {
    const latest = await this.settled(async () => {
      const { revision, at } = await latestActiveRevisionSeen(this.store, family);
      // The record of that revision as of the same store revision, kept with it: what a launch by family reads next.
      const rec = revision !== undefined ? (await revisionSeen(this.store, family, revision, at)).rec : null;
      return { value: { revision, rec }, at };
    }, ({ revision, rec }, at) => {
      touch(this.families, family, { latest: revision, asOf: at }, this.max.families);
      if (rec && revision !== undefined) touch(this.revisions, revisionKey(family, revision), { rec: rec.value, asOf: at }, this.max.revisions);
    });
    return latest.revision;
  }

  private async fillRevision(family: string, revision: number): Promise<RevisionRecord | null> {
    return this.settled(async () => {
      const { rec, at } = await revisionSeen(this.store, family, revision);
      return { value: rec?.value ?? null, at };
    }, (rec, at) => {
      // An absent revision is not held: its next use reads again (a revision is never created after a read
      // of it misses, except by a registration that a caller would not name before it answered).
      if (rec) touch(this.revisions, revisionKey(family, revision), { rec, asOf: at }, this.max.revisions);
    });
  }

  /** Watches every revision record from the store's current revision, with nothing held. */
  private async start(): Promise<void> {
    const generation = ++this.generation;
    const current = () => generation === this.generation && !this.lifecycle.stopped;
    await this.watch?.cancel().catch(() => {});
    this.watch = undefined;
    this.families.clear();
    this.revisions.clear();
    const revision = await this.store.revision();
    if (!current()) return;
    // Nothing is held: a writer waiting for a revision up to here is seen (its next launch reads the store).
    this.advance(revision);
    this.starts++;
    const w = await this.store.watch(REVISIONS_ROOT, {
      onEvents: (events) => {
        if (current()) this.apply(events);
      },
      onError: (err) => {
        if (!current()) return;
        this.log.warn('task-definition informer watch failed; watching again', { error: err.message, compacted: err instanceof CompactedError });
        // Nothing held may be served until the new watch has started: what changed meanwhile is unknown.
        this.generation++;
        this.families.clear();
        this.revisions.clear();
        this.lifecycle.relist();
      },
    }, { fromRevision: revision + 1 });
    if (!current()) {
      await w.cancel().catch(() => {});
      return;
    }
    this.watch = w;
  }

  private apply(events: WatchEvent[]): void {
    let last = this.watched;
    for (const e of events) {
      const key = e.type === 'put' ? e.kv.key : e.key;
      const at = e.type === 'put' ? e.kv.modRevision : e.modRevision;
      last = Math.max(last, at);
      const named = parseRevisionKey(key);
      if (!named) continue;
      const rec = e.type === 'put' ? JSON.parse(e.kv.value.toString()) as RevisionRecord : undefined;
      const held = this.revisions.get(key);
      if (held && at > held.asOf) {
        if (rec) {
          held.rec = rec;
          held.asOf = at;
        } else this.revisions.delete(key);
      }
      const fam = this.families.get(named.family);
      if (!fam || at <= fam.asOf) continue;
      fam.asOf = at;
      const active = rec?.taskDefinition.status === 'ACTIVE';
      if (active && (fam.latest === undefined || named.revision > fam.latest)) {
        fam.latest = named.revision;
        touch(this.revisions, key, { rec: rec!, asOf: at }, this.max.revisions);
      } else if (!active && named.revision === fam.latest) {
        // Its latest ACTIVE revision went: which one is now is not in the event; the next use reads it.
        this.families.delete(named.family);
      }
    }
    this.advance(last);
  }

  /** The watch is complete to `revision`: writers waiting for it go on. */
  private advance(revision: number): void {
    this.watched = revision;
    this.waiters.reached('', revision);
  }
}
