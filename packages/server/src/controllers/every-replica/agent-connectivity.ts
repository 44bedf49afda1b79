// Agent connect and disconnect as container-instance changes, as ECS emits them ("ECS Container Instance
// State Change" with agentConnected): the instance record keeps the agentConnected its last event said,
// and this controller moves it to what the session key says (the key lives on the session's lease, so it
// also vanishes when a server dies, with nobody there to write an event). Every replica watches the
// session keys and reconciles the instance named; the write compares the instance record and the session
// key as read, so exactly one replica records each change, with its event in the same transaction. A
// disconnect also records when (agentDisconnectedAt): the services controller's agent-lost clock. The
// session key's value names the instance's cluster (on a delete, its previous value does), so nothing is
// remembered per instance between changes, except a reconcile that failed (the store did not answer):
// nothing else would bring it back before the session key changes again, so it goes again after a pause.
import { CompactedError, type Watch } from '@berth/store';
import type { ServerContext } from '../../context.js';
import { commitWithRetry, noWrite, rangeAll } from '../../state/kit.js';
import { INSTANCES_ROOT, getInstance, instanceKey, instanceOps, type InstanceRecord } from '../../state/instances.js';
import { SESSIONS_PREFIX, sessionCluster, sessionInstanceId, sessionKey } from '../../state/sessions.js';
import { instanceChangeOps } from '../../events/publish.js';

/** The first pause after a failed reconcile or watch start, and the longest (it doubles between them). */
const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 10_000;

export class AgentConnectivity {
  private watch?: Watch;
  private stopped = false;
  /** A restart's start under way (stop waits for it). */
  private restarting?: Promise<void>;
  /** Reconciles run one at a time, in order. */
  private queue: Promise<void> = Promise.resolve();
  /** What failed (an instance's reconcile; '' the start's list), with its retry's timer (one each; gone once it runs). */
  private readonly retries = new Map<string, NodeJS.Timeout>();

  constructor(private readonly ctx: ServerContext) {}

  async start(): Promise<void> {
    const revision = await this.ctx.store.revision();
    this.enqueueRetried('', 'listing of the instances', () => this.reconcileAll());
    this.watch = await this.ctx.store.watch(SESSIONS_PREFIX, {
      onEvents: (events) => {
        const changed = new Map<string, string | undefined>();
        for (const e of events) {
          const id = sessionInstanceId(e.type === 'put' ? e.kv.key : e.key);
          changed.set(id, sessionCluster(e.type === 'put' ? e.kv : e.prevKv) ?? changed.get(id));
        }
        for (const [id, cluster] of changed) this.enqueueReconcile(id, cluster);
      },
      onError: (err) => {
        if (this.stopped) return;
        if (!(err instanceof CompactedError)) this.ctx.log.warn('session watch failed; watching again', { error: err.message });
        void this.watch?.cancel().catch(() => {});
        this.restart();
      },
    }, { fromRevision: revision + 1, prevKv: true });
    if (this.stopped) await this.watch.cancel().catch(() => {});
  }

  /** Starts again, and keeps trying while the store does not answer (an outage must not end the watch for good). */
  private restart(delayMs = 0): void {
    setTimeout(() => {
      if (this.stopped) return;
      this.restarting = this.start().catch((e) => {
        if (this.stopped) return;
        const next = Math.min(RETRY_MAX_MS, Math.max(RETRY_FIRST_MS, delayMs * 2));
        this.ctx.log.warn('session watch could not start; retrying', { error: String((e as Error)?.message ?? e), inMs: next });
        this.restart(next);
      }).finally(() => {
        this.restarting = undefined;
      });
    }, delayMs).unref();
  }

  /** Resolves once nothing it started runs: a restart under way (which then cancels its watch), the watch, the reconciles queued. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.retries.values()) clearTimeout(timer);
    this.retries.clear();
    await this.restarting;
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

  /**
   * Queues `run`; if it fails (the store did not answer), it goes again after `delayMs`, doubling from
   * RETRY_FIRST_MS to RETRY_MAX_MS while it keeps failing, unless a retry under the same `key` (an instance id; '' for the
   * start's list) is already waiting or the controller stopped. Warned once per failure chain (a store down
   * under a thousand instances would say it a hundred times a second), the retries after it at debug.
   */
  private enqueueRetried(key: string, what: string, run: () => Promise<void>, delayMs = RETRY_FIRST_MS): void {
    this.enqueue(async () => {
      try {
        await run();
      } catch (e) {
        if (this.stopped) return;
        (delayMs === RETRY_FIRST_MS ? this.ctx.log.warn : this.ctx.log.debug).call(this.ctx.log, `agent connectivity ${what} failed; retrying`, { ...(key ? { instance: key } : {}), error: String((e as Error)?.message ?? e), inMs: delayMs });
        if (this.retries.has(key)) return;
        this.retries.set(key, setTimeout(() => {
          this.retries.delete(key);
          if (!this.stopped) this.enqueueRetried(key, what, run, Math.min(RETRY_MAX_MS, delayMs * 2));
        }, delayMs).unref());
      }
    });
  }

  /** The instance's reconcile, queued and retried. */
  private enqueueReconcile(id: string, cluster: string | undefined): void {
    this.enqueueRetried(id, 'reconcile', () => this.reconcile(id, cluster));
  }

  /** At start: every instance (a list, as an informer's), so each is reconciled once. */
  private async reconcileAll(): Promise<void> {
    for (const kv of await rangeAll(this.ctx.store, INSTANCES_ROOT)) {
      const [cluster, id] = kv.key.slice(INSTANCES_ROOT.length).split('/');
      if (cluster && id) this.enqueueReconcile(id, cluster);
    }
  }

  /** Records the instance's agentConnected as its session key says, with the event, if it changed. */
  async reconcile(id: string, knownCluster?: string): Promise<void> {
    // Sessions name their cluster; one that does not (written before schema 2) is looked up in the informer.
    const cluster = knownCluster ?? (await this.ctx.instances?.clusterOf(id));
    if (cluster === undefined) return;
    const skey = sessionKey(id);
    await commitWithRetry(this.ctx.store, async () => {
      const [cur, skv] = await Promise.all([getInstance(this.ctx.store, cluster, id), this.ctx.store.get(skey)]);
      // Gone from the store (retention): nothing to record.
      if (!cur) return { txn: noWrite, result: undefined };
      const rec = cur.value;
      const connected = skv !== null;
      if (rec.instance.status === 'INACTIVE') return { txn: noWrite, result: undefined };
      const compare = [{ key: instanceKey(cluster, id), modRevision: cur.modRevision }, { key: skey, modRevision: skv?.modRevision ?? 0 }];
      if ((rec.instance.agentConnected === true) === connected) {
        // Away since before this server knew: the agent-lost grace period counts from now.
        if (connected || rec.agentDisconnectedAt !== undefined) return { txn: noWrite, result: undefined };
        return { txn: { compare, success: instanceOps({ ...rec, agentDisconnectedAt: this.ctx.now() }, rec) }, result: undefined };
      }
      const instance = { ...rec.instance, agentConnected: connected, version: (rec.instance.version ?? 0) + 1 };
      const { agentDisconnectedAt: _away, ...kept } = rec;
      const next: InstanceRecord = connected ? { ...kept, instance } : { ...kept, instance, agentDisconnectedAt: this.ctx.now() };
      return {
        txn: { compare, success: instanceChangeOps(this.ctx, next, rec, connected) },
        result: undefined,
      };
    }, { onCommitted: (revision, txn) => this.ctx.instances?.observe(revision, txn.success) });
  }
}
