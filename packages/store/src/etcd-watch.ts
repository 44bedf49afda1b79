// A store watch on etcd3's watch builder. etcd3 reconnects a broken watch stream by itself; this adds
// grouping by revision, exact resumption, and CompactedError.
import { Range } from 'etcd3';
import type { Etcd3, IEvent, IWatchResponse, Watcher } from 'etcd3';
import { CompactedError, StoreUnavailableError } from './store.js';
import type { Watch, WatchEvent, WatchHandlers, WatchOptions } from './store.js';
import { toKeyValue } from './etcd-convert.js';
import { keyBytes, prefixEnd } from './keys.js';

export interface WatchDeps {
  client: Etcd3;
  hosts: string[];
  /** How long to wait for etcd to accept the watch. */
  timeoutMs: number;
  compactedRevision(): Promise<number>;
  /** Called once when the watch ends (cancelled or failed). */
  ended(w: EtcdWatch): void;
}

/** What tolerateLateCancels reaches in etcd3 1.1.2's WatchManager (private there). */
interface WatchManagerInternals {
  watchers: { id: string | null }[];
  handleResponse(res: IWatchResponse): void;
}

/**
 * etcd answers a cancel of a watch it has already cancelled itself (a compaction's: its watch stream keeps
 * the id until the client cancels it) with a second "canceled" response. etcd3 drops a watcher at the
 * first and throws on the second ("Failed to find watcher for IWatchResponse") in its stream's 'data'
 * handler: uncaught, it ends the process. EtcdWatch does not cancel a watcher etcd3 has already reported
 * cancelled (droppedByEtcd), but it cannot know of one whose cancellation is still on the wire: a cancel
 * sent then crosses it (a server closing, or a consumer restarting its watches, while a compaction passes
 * them: session 12's compaction.test teardown). So the client's watch manager takes a "canceled" response
 * for a watch id it no longer has as what it is, the answer to that crossing cancel, and drops it; any
 * other response for an unknown id still throws as etcd3 does. Called once per client, at open; it refuses
 * to open on an etcd3 whose watch manager is not the one this knows, rather than go unguarded.
 */
export function tolerateLateCancels(client: Etcd3): void {
  const manager = (client as unknown as { watchManager?: Partial<WatchManagerInternals> }).watchManager;
  if (!manager || !Array.isArray(manager.watchers) || typeof manager.handleResponse !== 'function') {
    throw new Error('etcd3\'s watch manager is not the one the store knows (etcd3 1.1.2: watchers, handleResponse): see tolerateLateCancels in etcd-watch.ts');
  }
  const m = manager as WatchManagerInternals;
  const handle = m.handleResponse.bind(m);
  m.handleResponse = (res: IWatchResponse) => {
    // etcd3 reassigns `watchers` as it drops them: read it at each response.
    if (res.canceled && !m.watchers.some((w) => w.id === res.watch_id)) return;
    handle(res);
  };
}

export async function startWatch(
  deps: WatchDeps,
  prefix: string,
  handlers: WatchHandlers,
  opts: WatchOptions,
): Promise<EtcdWatch> {
  const w = new EtcdWatch(deps, prefix, handlers, opts);
  try {
    await w.connected();
  } catch (err) {
    await w.cancel();
    throw err;
  }
  return w;
}

export class EtcdWatch implements Watch {
  private readonly watcher: Watcher;
  /** The next revision not yet delivered (undefined until etcd names the start, without fromRevision). */
  private next: number | undefined;
  private done = false;
  /**
   * etcd3 has already dropped the watcher (it emits 'error' only after a cancel from etcd, such as a
   * compaction's): cancelling it again would send etcd a cancel for that id, whose answer etcd3 can no
   * longer match to a watcher (tolerateLateCancels drops that answer; this spares the round trip).
   */
  private droppedByEtcd = false;
  /** Deliveries wait on this chain: it opens after watch() has returned, and keeps onError last. */
  private chain: Promise<void>;
  private openGate!: () => void;

  constructor(
    private readonly deps: WatchDeps,
    prefix: string,
    private readonly handlers: WatchHandlers,
    { fromRevision, prevKv }: WatchOptions,
  ) {
    this.chain = new Promise((resolve) => (this.openGate = resolve));
    const lo = keyBytes(prefix);
    // etcd has no empty key: "\0" to "\0" is its spelling of "every key".
    const range = new Range(lo.length > 0 ? lo : Buffer.from([0]), prefixEnd(lo) ?? Buffer.from([0]));
    const builder = deps.client.watch().inRange(range);
    // Previous values only when asked: etcd would ship (and this process decode) each changed key twice.
    if (prevKv) builder.withPreviousKV();
    if (fromRevision !== undefined) {
      // etcd reads start_revision 0 as "from now"; ours means "from the start of history".
      this.next = Math.max(1, fromRevision);
      builder.startRevision(String(this.next));
    }
    // watcher() rather than create(): listeners are attached before etcd can answer.
    this.watcher = builder.watcher();
    this.watcher.on('connected', (res) => {
      if (this.next === undefined) this.next = Number(res.header.revision) + 1;
      this.resumeFrom();
    });
    this.watcher.on('data', (res) => this.onData(res));
    this.watcher.on('error', (err) => {
      this.droppedByEtcd = true;
      this.onFail(err);
    });
    // 'disconnected' needs no handling: etcd3 re-creates the watch from request.start_revision.
  }

  /** The next revision this watch will deliver (undefined until etcd named the start, without fromRevision). */
  get nextRevision(): number | undefined {
    return this.done ? undefined : this.next;
  }

  /** Resolves once etcd accepted the watch (or already refused it: that goes to onError). */
  connected(): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = (err?: Error) => {
        clearTimeout(timer);
        if (err) return reject(err);
        // A later turn: the caller holds the Watch before any handler runs, as with the file store.
        setImmediate(this.openGate);
        resolve();
      };
      const timer = setTimeout(
        () => done(new StoreUnavailableError(`etcd at ${this.deps.hosts.join(', ')} did not accept a watch within ${this.deps.timeoutMs} ms`)),
        this.deps.timeoutMs,
      );
      this.watcher.once('connected', () => done());
      this.watcher.once('error', () => done());
    });
  }

  /**
   * etcd3 resumes a re-created watch from the header revision of the last response, which can be past
   * events not yet received (a catch-up response's header is the store's current revision); point it
   * at the next undelivered revision instead. Listeners run after etcd3's own, so this wins.
   */
  private resumeFrom(): void {
    if (this.next !== undefined) this.watcher.request.start_revision = String(this.next);
  }

  private onData(res: IWatchResponse): void {
    if (this.done) return;
    const events = res.events ?? [];
    if (events.length === 0) {
      // A progress notification: etcd sends them only to caught-up watchers, so nothing under the
      // prefix changed up to the header revision.
      const seen = Number(res.header.revision) + 1;
      if (this.next === undefined || seen > this.next) this.next = seen;
    } else {
      // One response may span several revisions (catch-up batches); a revision is never split.
      let batch: WatchEvent[] = [];
      let rev = 0;
      for (const ev of events) {
        const r = Number(ev.kv.mod_revision);
        if (this.next !== undefined && r < this.next) continue; // already delivered
        if (r !== rev && batch.length > 0) {
          this.deliver(batch, rev);
          batch = [];
        }
        rev = r;
        batch.push(toEvent(ev));
      }
      if (batch.length > 0) {
        this.deliver(batch, rev);
        this.next = rev + 1;
      }
    }
    this.resumeFrom();
  }

  private deliver(events: WatchEvent[], revision: number): void {
    this.chain = this.chain.then(() => {
      if (this.done) return;
      try {
        this.handlers.onEvents(events, revision);
      } catch (err) {
        // A throwing handler ends its own watch.
        void this.watcher.cancel().catch(() => undefined);
        this.finish(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  /**
   * etcd cancels a watch whose start revision is compacted, with compact_revision in the response,
   * but etcd3 only surfaces "Watcher canceled: " (empty reason). So ask for the compaction point and
   * compare it with where this watch stood.
   */
  private onFail(err: Error): void {
    if (this.done) return;
    const next = this.next;
    this.chain = this.chain.then(async () => {
      let out = err;
      if (next !== undefined) {
        try {
          const compacted = await this.deps.compactedRevision();
          if (next < compacted) out = new CompactedError(next, compacted);
        } catch {
          // keep etcd3's error
        }
      }
      this.finish(out);
    });
  }

  private finish(err: Error): void {
    if (this.done) return;
    this.done = true;
    this.deps.ended(this);
    this.handlers.onError(err);
  }

  async cancel(): Promise<void> {
    if (this.done) return;
    this.done = true;
    this.deps.ended(this);
    if (this.droppedByEtcd) return;
    // Bounded: etcd3 waits for etcd's cancel acknowledgement, which never comes if etcd is gone.
    await Promise.race([
      this.watcher.cancel().catch(() => undefined),
      new Promise((resolve) => setTimeout(resolve, this.deps.timeoutMs).unref()),
    ]);
  }
}

function toEvent(ev: IEvent): WatchEvent {
  const prev = ev.prev_kv ? { prevKv: toKeyValue(ev.prev_kv) } : {};
  if (ev.type === 'Delete') {
    return { type: 'delete', key: ev.kv.key.toString('utf8'), modRevision: Number(ev.kv.mod_revision), ...prev };
  }
  return { type: 'put', kv: toKeyValue(ev.kv), ...prev };
}
