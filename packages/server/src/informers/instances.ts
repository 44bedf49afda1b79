// An informer for placement: every cluster's container instances (with their modRevisions), the set of
// connected agents, and each instance's runningTasksCount (from the task status index: tasks whose
// lastStatus is RUNNING, the one definition DescribeContainerInstances counts too), listed once and then
// kept current by store watches, so RunTask does not read and decode the whole cluster on every call.
// An instance is two records (state/instances.ts): its live record and its registration record, watched
// apart and joined here; an entry is replaced only when both parts carry the same registrationVersion (they
// were written together), so a part that arrived ahead of the other leaves the previous entry, stale, until
// its partner arrives. The cache may lag the store by a few milliseconds; that is safe because a launch's transaction compares
// each chosen instance's modRevision: a stale entry only makes the commit fail, and the retry reads the
// store directly. A list that fails (the store is away) is never kept: the next snapshot lists again, and a
// relist after a watch failure retries with backoff until the store answers.
import { CompactedError, type Op, type Store, type Watch, type WatchEvent } from '@berth/store';
import type { Logger } from '@berth/api';
import { Relisting } from './relisting.js';
import { rangeAll } from '../state/kit.js';
import {
  INSTANCES_ROOT, INSTANCE_REGISTRATIONS_ROOT, joinInstance, parseInstanceKey,
  type InstanceLiveRecord, type InstanceRecord, type InstanceRegistrationRecord,
} from '../state/instances.js';
import { SESSIONS_PREFIX, sessionInstanceId } from '../state/sessions.js';
import { TASKS_BY_STATUS_ROOT, parseStatusIndexKey, tasksByStatusPrefix } from '../state/tasks.js';

export interface CachedInstance {
  rec: InstanceRecord;
  modRevision: number;
  /**
   * A launch's write still committing (RunTask's pipeline, never the informer's own entries): the live
   * record's value as written, which a launch placed over it compares instead of a revision.
   */
  value?: string;
}

export interface InstanceSnapshot {
  instances: CachedInstance[];
  /**
   * The instances that are not INACTIVE (what placement considers), when the informer keeps them: one array
   * per cluster, whose entries are replaced in place as records change (each entry a record with its
   * revision, so a reader sees every instance consistently, some newer than others), and rebuilt when an
   * instance comes, goes or becomes INACTIVE. Absent: filter `instances`.
   */
  live?: readonly CachedInstance[];
  connected: ReadonlySet<string>;
  /** Tasks whose lastStatus is RUNNING, by instance id (absent: not counted). */
  running?: ReadonlyMap<string, number>;
}

/** An instance's two parts as last seen, by `CLUSTER/ID`, each with its revision. */
interface Parts {
  live?: { rec: InstanceLiveRecord; modRevision: number };
  registration?: { rec: InstanceRegistrationRecord; modRevision: number };
}

/** What one list or watch keeps: replaced whole by each (re)start. */
interface View {
  byCluster: Map<string, Map<string, CachedInstance>>;
  /** Each cluster's live instances (InstanceSnapshot.live), built when a snapshot asks, dropped when its membership changes. */
  live: Map<string, { instances: CachedInstance[]; at: Map<string, number> }>;
  parts: Map<string, Parts>;
  connected: Set<string>;
  running: Map<string, number>;
}

const emptyView = (): View => ({ byCluster: new Map(), live: new Map(), parts: new Map(), connected: new Set(), running: new Map() });

export class InstanceCache {
  private view = emptyView();
  private watches: Watch[] = [];
  /** Each start's number: what an older start (or its watches) does after a newer one began is dropped. */
  private generation = 0;
  private readonly lifecycle: Relisting;

  constructor(private readonly store: Store, private readonly log: Logger) {
    this.lifecycle = new Relisting(() => this.start(), log, 'instance cache');
  }

  /** The cluster's instances, which agents are connected and the running counts, as of the latest event seen. */
  async snapshot(cluster: string): Promise<InstanceSnapshot> {
    await this.started();
    const v = this.view;
    const m = v.byCluster.get(cluster);
    let live = v.live.get(cluster);
    if (!live && m) {
      live = { instances: [], at: new Map() };
      for (const c of m.values()) {
        if (c.rec.instance.status === 'INACTIVE') continue;
        live.at.set(c.rec.id, live.instances.length);
        live.instances.push(c);
      }
      v.live.set(cluster, live);
    }
    // The whole list is copied only for a reader that asks for it (placement reads `live`).
    let all: CachedInstance[] | undefined;
    return {
      get instances() {
        return (all ??= [...(m?.values() ?? [])]);
      },
      live: live?.instances ?? [],
      connected: v.connected,
      running: v.running,
    };
  }

  /** One instance of a cluster and whether its agent is connected, as of the latest event seen (StartTask). */
  async instance(cluster: string, id: string): Promise<{ instance: CachedInstance; connected: boolean } | undefined> {
    await this.started();
    const v = this.view;
    const instance = v.byCluster.get(cluster)?.get(id);
    return instance && { instance, connected: v.connected.has(id) };
  }

  /** Every instance whose agent is connected (to any replica), with its cluster: Prometheus's service discovery. */
  async connectedInstances(): Promise<{ cluster: string; instance: CachedInstance }[]> {
    await this.started();
    const v = this.view;
    const out: { cluster: string; instance: CachedInstance }[] = [];
    for (const [cluster, m] of v.byCluster) for (const [id, instance] of m) if (v.connected.has(id)) out.push({ cluster, instance });
    return out;
  }

  /** Every cluster with instances, as of the latest event seen (the leader's metric derivation). */
  async clusterNames(): Promise<string[]> {
    await this.started();
    return [...this.view.byCluster.keys()];
  }

  /** The cluster of an instance, as of the latest event seen. */
  async clusterOf(id: string): Promise<string | undefined> {
    await this.started();
    for (const [cluster, m] of this.view.byCluster) if (m.has(id)) return cluster;
    return undefined;
  }

  /**
   * The record at `key` (an instance record's key) if this informer holds exactly revision `modRevision`
   * of it, else undefined: a watcher of the same key (the services controller) takes the record this
   * informer already decoded, or that a launch here handed it, instead of decoding the same text again.
   */
  recordAt(key: string, modRevision: number): InstanceRecord | undefined {
    const [cluster, id] = key.slice(INSTANCES_ROOT.length).split('/');
    const cur = this.view.byCluster.get(cluster!)?.get(id!);
    return cur?.modRevision === modRevision ? cur.rec : undefined;
  }

  /**
   * Applies a transaction this server just committed, so its next launch sees its own writes at once.
   * `records`: the whole instance records it wrote, by live key, when the caller has them (spares decoding
   * them again).
   */
  observe(revision: number, ops: Op[], records?: ReadonlyMap<string, InstanceRecord>): void {
    if (!this.lifecycle.begun) return;
    for (const op of ops) {
      if ('put' in op && (op.put.startsWith(INSTANCES_ROOT) || op.put.startsWith(INSTANCE_REGISTRATIONS_ROOT))) {
        setPart(this.view, op.put, records?.get(op.put) ?? op.value, revision);
      }
    }
  }

  /** Entries of each in-memory map (tests: they shrink when instances leave the store). */
  sizes(): Record<string, number> {
    const v = this.view;
    return { clusters: v.byCluster.size, instances: [...v.byCluster.values()].reduce((n, m) => n + m.size, 0), parts: v.parts.size, connected: v.connected.size, running: v.running.size };
  }

  async stop(): Promise<void> {
    const listing = this.lifecycle.stop();
    await Promise.all(this.watches.map((w) => w.cancel().catch(() => {})));
    this.watches = [];
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
    const view = emptyView();
    for (const prefix of [INSTANCE_REGISTRATIONS_ROOT, INSTANCES_ROOT, SESSIONS_PREFIX]) {
      applyEvents(view, (await rangeAll(this.store, prefix, { revision })).map((kv) => ({ type: 'put', kv })));
    }
    // Running tasks: one range per cluster, of the RUNNING bucket only.
    for (const cluster of view.byCluster.keys()) {
      for (const kv of await rangeAll(this.store, tasksByStatusPrefix(cluster, 'RUNNING'), { revision })) {
        const { instanceId } = parseStatusIndexKey(kv.key);
        view.running.set(instanceId, (view.running.get(instanceId) ?? 0) + 1);
      }
    }
    if (!current()) return;
    this.view = view;
    for (const prefix of [INSTANCE_REGISTRATIONS_ROOT, INSTANCES_ROOT, SESSIONS_PREFIX, TASKS_BY_STATUS_ROOT]) {
      const w = await this.store.watch(prefix, {
        onEvents: (events) => {
          if (current()) applyEvents(this.view, events);
        },
        onError: (err) => {
          if (!current()) return;
          // Relist on compaction or any watch failure; snapshots wait for the relist.
          this.log.warn('instance cache watch failed; relisting', { error: err.message, compacted: err instanceof CompactedError });
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
}

/**
 * Takes one part of an instance (a live or registration record's text, or a whole record a launch here
 * handed over for its live key) and, when both parts are of one registrationVersion, its joined entry.
 */
function setPart(view: View, key: string, value: string | Buffer | InstanceRecord, modRevision: number): void {
  const k = parseInstanceKey(key);
  if (!k) return;
  const pk = `${k.cluster}/${k.id}`;
  let p = view.parts.get(pk);
  if (!p) view.parts.set(pk, (p = {}));
  const cur = p[k.part];
  if (cur && cur.modRevision >= modRevision) return;
  const handed = typeof value === 'string' || Buffer.isBuffer(value) ? undefined : value;
  const rec = handed ?? JSON.parse(value.toString()) as InstanceLiveRecord & InstanceRegistrationRecord;
  if (k.part === 'live') p.live = { rec, modRevision };
  else p.registration = { rec, modRevision };
  if (!p.live || !p.registration || p.live.rec.registrationVersion !== p.registration.rec.registrationVersion) return;
  let m = view.byCluster.get(k.cluster);
  if (!m) view.byCluster.set(k.cluster, (m = new Map()));
  // A whole record handed over for the live key is the join already.
  const entry: CachedInstance = { rec: handed && k.part === 'live' ? handed : joinInstance(p.live.rec, p.registration.rec), modRevision: p.live.modRevision };
  m.set(k.id, entry);
  const live = view.live.get(k.cluster);
  if (live) {
    const i = live.at.get(k.id);
    const isLive = entry.rec.instance.status !== 'INACTIVE';
    if (i !== undefined && isLive) live.instances[i] = entry;
    else if (i !== undefined || isLive) view.live.delete(k.cluster);
  }
}

function applyEvents(view: View, events: WatchEvent[]): void {
  for (const e of events) {
    const key = e.type === 'put' ? e.kv.key : e.key;
    if (key.startsWith(TASKS_BY_STATUS_ROOT)) {
      // Index keys are created once per state and deleted when it ends: a new key is one more task.
      const { status, instanceId } = parseStatusIndexKey(key);
      if (status !== 'RUNNING' || (e.type === 'put' && e.kv.version !== 1)) continue;
      const n = (view.running.get(instanceId) ?? 0) + (e.type === 'put' ? 1 : -1);
      if (n > 0) view.running.set(instanceId, n);
      else view.running.delete(instanceId);
    } else if (key.startsWith(SESSIONS_PREFIX)) {
      if (e.type === 'put') view.connected.add(sessionInstanceId(key));
      else view.connected.delete(sessionInstanceId(key));
    } else if (e.type === 'put') {
      setPart(view, key, e.kv.value, e.kv.modRevision);
    } else {
      // Retention deletes both parts in one transaction: the entry goes with the first.
      const k = parseInstanceKey(key);
      if (!k) continue;
      view.parts.delete(`${k.cluster}/${k.id}`);
      const m = view.byCluster.get(k.cluster);
      m?.delete(k.id);
      view.live.delete(k.cluster);
      if (m?.size === 0) view.byCluster.delete(k.cluster);
    }
  }
}
