// An informer for placement: every cluster's container instances (with their modRevisions) and the set
// of connected agents, listed once and then kept current by two store watches, so RunTask does not read
// and decode the whole cluster on every call. The cache may lag the store by a few milliseconds; that
// is safe because a launch's transaction compares each chosen instance's modRevision: a stale entry
// only makes the commit fail, and the retry reads the store directly. A list that fails (the store is
// away) is never kept: the next snapshot lists again, and a relist after a watch failure retries with
// backoff until the store answers.
import { CompactedError, type Op, type Store, type Watch, type WatchEvent } from '@berth/store';
import type { Logger } from '@berth/api';
import { ROOT, sessionKey } from '../keys.js';
import type { InstanceRecord } from '../records.js';

const INSTANCES = `${ROOT}instances/`;
const SESSIONS = sessionKey('');
const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 10_000;

export interface CachedInstance<R extends InstanceRecord = InstanceRecord> {
  rec: R;
  modRevision: number;
}

export class InstanceCache {
  private byCluster = new Map<string, Map<string, CachedInstance>>();
  private connected = new Set<string>();
  private watches: Watch[] = [];
  /** Each start's number: what an older start (or its watches) does after a newer one began is dropped. */
  private generation = 0;
  /** The list and watches under way or done; undefined until the first snapshot and after a failure. */
  private ready?: Promise<void>;
  private retry?: NodeJS.Timeout;
  private retryMs = RETRY_MIN_MS;
  private stopped = false;

  constructor(private readonly store: Store, private readonly log: Logger) {}

  /** The cluster's instances and which agents are connected, as of the latest event seen. */
  async snapshot<R extends InstanceRecord>(cluster: string): Promise<{ instances: CachedInstance<R>[]; connected: ReadonlySet<string> }> {
    await this.started();
    return { instances: [...(this.byCluster.get(cluster)?.values() ?? [])] as CachedInstance<R>[], connected: this.connected };
  }

  /** Applies a transaction this server just committed, so its next launch sees its own writes at once. */
  observe(revision: number, ops: Op[]): void {
    if (!this.ready) return;
    for (const op of ops) {
      if ('put' in op && op.put.startsWith(INSTANCES)) this.setInstance(op.put, op.value, revision);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await Promise.all(this.watches.map((w) => w.cancel().catch(() => {})));
    this.watches = [];
  }

  private setInstance(key: string, value: string | Buffer, modRevision: number, byCluster = this.byCluster): void {
    const [cluster, id] = key.slice(INSTANCES.length).split('/');
    if (!cluster || !id) return;
    let m = byCluster.get(cluster);
    if (!m) byCluster.set(cluster, (m = new Map()));
    const cur = m.get(id);
    if (cur && cur.modRevision >= modRevision) return;
    m.set(id, { rec: JSON.parse(value.toString()) as InstanceRecord, modRevision });
  }

  private apply(events: WatchEvent[], byCluster: Map<string, Map<string, CachedInstance>>, connected: Set<string>): void {
    for (const e of events) {
      const key = e.type === 'put' ? e.kv.key : e.key;
      if (key.startsWith(SESSIONS)) {
        if (e.type === 'put') connected.add(key.slice(SESSIONS.length));
        else connected.delete(key.slice(SESSIONS.length));
      } else if (e.type === 'put') {
        this.setInstance(key, e.kv.value, e.kv.modRevision, byCluster);
      } else {
        const [cluster, id] = key.slice(INSTANCES.length).split('/');
        byCluster.get(cluster!)?.delete(id!);
      }
    }
  }

  /** The list and watches, started once; a failed start is forgotten, so the next call starts again. */
  private started(): Promise<void> {
    this.ready ??= this.start().then(() => {
      this.retryMs = RETRY_MIN_MS;
    }, (err) => {
      this.ready = undefined;
      throw err;
    });
    return this.ready;
  }

  /** Lists again now, and keeps retrying with backoff while the store does not answer. */
  private relist(): void {
    clearTimeout(this.retry);
    this.ready = undefined;
    this.started().catch((err) => {
      if (this.stopped) return;
      this.log.warn('instance cache relist failed; retrying', { error: String((err as Error)?.message ?? err), inMs: this.retryMs });
      this.retry = setTimeout(() => this.relist(), this.retryMs);
      this.retry.unref();
      this.retryMs = Math.min(RETRY_MAX_MS, this.retryMs * 2);
    });
  }

  /** List both prefixes at one revision, then watch from the next: nothing missed, nothing twice. */
  private async start(): Promise<void> {
    const generation = ++this.generation;
    const current = () => generation === this.generation && !this.stopped;
    await Promise.all(this.watches.splice(0).map((w) => w.cancel().catch(() => {})));
    const revision = await this.store.revision();
    const byCluster = new Map<string, Map<string, CachedInstance>>();
    const connected = new Set<string>();
    for (const prefix of [INSTANCES, SESSIONS]) {
      let after: string | undefined;
      for (;;) {
        const page = await this.store.range(prefix, { limit: 1000, revision, ...(after ? { after } : {}) });
        this.apply(page.kvs.map((kv) => ({ type: 'put', kv })), byCluster, connected);
        if (!page.more || page.kvs.length === 0) break;
        after = page.kvs[page.kvs.length - 1]!.key;
      }
    }
    if (!current()) return;
    this.byCluster = byCluster;
    this.connected = connected;
    for (const prefix of [INSTANCES, SESSIONS]) {
      const w = await this.store.watch(prefix, {
        onEvents: (events) => {
          if (current()) this.apply(events, this.byCluster, this.connected);
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
