// An informer for placement: every cluster's container instances (with their modRevisions) and the set
// of connected agents, listed once and then kept current by two store watches, so RunTask does not read
// and decode the whole cluster on every call. The cache may lag the store by a few milliseconds; that
// is safe because a launch's transaction compares each chosen instance's modRevision: a stale entry
// only makes the commit fail, and the retry reads the store directly.
import { CompactedError, type Op, type Store, type Watch, type WatchEvent } from '@berth/store';
import type { Logger } from '@berth/api';
import { ROOT, sessionKey } from '../keys.js';
import type { InstanceRecord } from '../records.js';

const INSTANCES = `${ROOT}instances/`;
const SESSIONS = sessionKey('');

export interface CachedInstance<R extends InstanceRecord = InstanceRecord> {
  rec: R;
  modRevision: number;
}

export class InstanceCache {
  private readonly byCluster = new Map<string, Map<string, CachedInstance>>();
  private readonly connected = new Set<string>();
  private watches: Watch[] = [];
  private ready?: Promise<void>;
  private stopped = false;

  constructor(private readonly store: Store, private readonly log: Logger) {}

  /** The cluster's instances and which agents are connected, as of the latest event seen. */
  async snapshot<R extends InstanceRecord>(cluster: string): Promise<{ instances: CachedInstance<R>[]; connected: ReadonlySet<string> }> {
    this.ready ??= this.start();
    await this.ready;
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
    await Promise.all(this.watches.map((w) => w.cancel().catch(() => {})));
    this.watches = [];
  }

  private setInstance(key: string, value: string | Buffer, modRevision: number): void {
    const [cluster, id] = key.slice(INSTANCES.length).split('/');
    if (!cluster || !id) return;
    let m = this.byCluster.get(cluster);
    if (!m) this.byCluster.set(cluster, (m = new Map()));
    const cur = m.get(id);
    if (cur && cur.modRevision >= modRevision) return;
    m.set(id, { rec: JSON.parse(value.toString()) as InstanceRecord, modRevision });
  }

  private apply(events: WatchEvent[]): void {
    for (const e of events) {
      const key = e.type === 'put' ? e.kv.key : e.key;
      if (key.startsWith(SESSIONS)) {
        if (e.type === 'put') this.connected.add(key.slice(SESSIONS.length));
        else this.connected.delete(key.slice(SESSIONS.length));
      } else if (e.type === 'put') {
        this.setInstance(key, e.kv.value, e.kv.modRevision);
      } else {
        const [cluster, id] = key.slice(INSTANCES.length).split('/');
        this.byCluster.get(cluster!)?.delete(id!);
      }
    }
  }

  /** List both prefixes at one revision, then watch from the next: nothing missed, nothing twice. */
  private async start(): Promise<void> {
    await Promise.all(this.watches.map((w) => w.cancel().catch(() => {})));
    this.watches = [];
    this.byCluster.clear();
    this.connected.clear();
    const revision = await this.store.revision();
    for (const prefix of [INSTANCES, SESSIONS]) {
      let after: string | undefined;
      for (;;) {
        const page = await this.store.range(prefix, { limit: 1000, revision, ...(after ? { after } : {}) });
        this.apply(page.kvs.map((kv) => ({ type: 'put', kv })));
        if (!page.more || page.kvs.length === 0) break;
        after = page.kvs[page.kvs.length - 1]!.key;
      }
    }
    for (const prefix of [INSTANCES, SESSIONS]) {
      this.watches.push(await this.store.watch(prefix, {
        onEvents: (events) => this.apply(events),
        onError: (err) => {
          if (this.stopped) return;
          // Relist on compaction or any watch failure; until then launches fall back to direct reads.
          this.log.warn('instance cache watch failed; relisting', { error: err.message, compacted: err instanceof CompactedError });
          this.ready = this.start();
        },
      }, { fromRevision: revision + 1 }));
    }
  }
}
