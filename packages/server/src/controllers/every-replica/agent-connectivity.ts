// Agent connect and disconnect as container-instance changes, as ECS emits them ("ECS Container Instance
// State Change" with agentConnected): the instance record keeps the agentConnected its last event said,
// and this controller moves it to what the session key says (the key lives on the session's lease, so it
// also vanishes when a server dies, with nobody there to write an event). Every replica watches the
// session keys and reconciles the instance named; the write compares the instance record and the session
// key as read, so exactly one replica records each change, with its event in the same transaction. A
// disconnect also records when (agentDisconnectedAt): the services controller's agent-lost clock.
import { CompactedError, type Watch } from '@berth/store';
import type { ServerContext } from '../../context.js';
import { ROOT, instanceKey, sessionKey } from '../../keys.js';
import { commitWithRetry, decode, json, rangeAll } from '../../json-store.js';
import type { StoredInstance } from '../../handlers/container-instances.js';
import { instanceEventOps } from '../../events/publish.js';

const INSTANCES = `${ROOT}instances/`;
const SESSIONS = sessionKey('');
const noWrite = { compare: [], success: [] };

export class AgentConnectivity {
  /** Instance id -> cluster (instance ids are unique across clusters). */
  private readonly clusters = new Map<string, string>();
  private watch?: Watch;
  private stopped = false;
  /** Reconciles run one at a time, in order. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly ctx: ServerContext) {}

  async start(): Promise<void> {
    const revision = await this.ctx.store.revision();
    this.enqueue(() => this.reconcileAll());
    this.watch = await this.ctx.store.watch(SESSIONS, {
      onEvents: (events) => {
        const ids = new Set(events.map((e) => (e.type === 'put' ? e.kv.key : e.key).slice(SESSIONS.length)));
        for (const id of ids) this.enqueue(() => this.reconcile(id));
      },
      onError: (err) => {
        if (this.stopped) return;
        if (!(err instanceof CompactedError)) this.ctx.log.warn('session watch failed; watching again', { error: err.message });
        void this.watch?.cancel().catch(() => {});
        void this.start().catch((e) => this.ctx.log.warn('session watch could not start', { error: String((e as Error)?.message ?? e) }));
      },
    }, { fromRevision: revision + 1 });
    if (this.stopped) await this.watch.cancel().catch(() => {});
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.watch?.cancel().catch(() => {});
    await this.queue;
  }

  /** Waits for the reconciles queued so far (tests). */
  settled(): Promise<void> {
    return this.queue;
  }

  private enqueue(fn: () => Promise<void>): void {
    this.queue = this.queue.then(async () => {
      if (!this.stopped) await fn();
    }).catch((e) => {
      if (!this.stopped) this.ctx.log.warn('agent connectivity reconcile failed', { error: String((e as Error)?.message ?? e) });
    });
  }

  private async reconcileAll(): Promise<void> {
    for (const kv of await rangeAll(this.ctx.store, INSTANCES)) {
      const [cluster, id] = kv.key.slice(INSTANCES.length).split('/');
      if (cluster && id) this.clusters.set(id, cluster);
    }
    for (const id of this.clusters.keys()) await this.reconcile(id);
  }

  private async clusterOf(id: string): Promise<string | undefined> {
    if (!this.clusters.has(id)) {
      for (const kv of await rangeAll(this.ctx.store, INSTANCES)) {
        const [cluster, iid] = kv.key.slice(INSTANCES.length).split('/');
        if (cluster && iid) this.clusters.set(iid, cluster);
      }
    }
    return this.clusters.get(id);
  }

  /** Records the instance's agentConnected as its session key says, with the event, if it changed. */
  async reconcile(id: string): Promise<void> {
    const cluster = await this.clusterOf(id);
    if (cluster === undefined) return;
    const ikey = instanceKey(cluster, id);
    const skey = sessionKey(id);
    await commitWithRetry(this.ctx.store, async () => {
      const [ikv, skv] = await Promise.all([this.ctx.store.get(ikey), this.ctx.store.get(skey)]);
      if (!ikv) return { txn: noWrite, result: undefined };
      const rec = decode<StoredInstance>(ikv);
      const connected = skv !== null;
      if (rec.instance.status === 'INACTIVE') return { txn: noWrite, result: undefined };
      const compare = [{ key: ikey, modRevision: ikv.modRevision }, { key: skey, modRevision: skv?.modRevision ?? 0 }];
      if ((rec.instance.agentConnected === true) === connected) {
        // Away since before this server knew: the agent-lost grace period counts from now.
        if (connected || rec.agentDisconnectedAt !== undefined) return { txn: noWrite, result: undefined };
        return { txn: { compare, success: [{ put: ikey, value: json({ ...rec, agentDisconnectedAt: this.ctx.now() }) }] }, result: undefined };
      }
      const instance = { ...rec.instance, agentConnected: connected, version: (rec.instance.version ?? 0) + 1 };
      const { agentDisconnectedAt: _away, ...kept } = rec;
      const next = connected ? { ...kept, instance } : { ...kept, instance, agentDisconnectedAt: this.ctx.now() };
      return {
        txn: { compare, success: [{ put: ikey, value: json(next) }, ...instanceEventOps(this.ctx, cluster, instance, connected)] },
        result: undefined,
      };
    }, { onCommitted: (revision, txn) => this.ctx.instances?.observe(revision, txn.success) });
  }
}
