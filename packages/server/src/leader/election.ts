// Leader election for the controllers, on a store lease (as Kubernetes' and Nomad's leaders run on a lock
// with a TTL). Every replica serves the API and agent streams; exactly one runs the controllers.
//
// A term begins with the transaction that creates the leader key (compare: absent) under the replica's
// lease; the key's modRevision names the term. Controller writes carry `fence()`, a compare on that
// modRevision, so a leader that was paused past its TTL and woke up cannot write: its key is gone or
// belongs to another term. Resigning deletes the key at once (SIGTERM hands over without waiting a TTL).
// The term records (leader-terms/REVISION) are the store's own history of who led from when.
import { randomUUID } from 'node:crypto';
import type { Compare, Lease, Store, Watch } from '@berth/store';
import type { Logger } from '@berth/api';
import { LEADER_KEY, LEADER_TERMS_PREFIX, leaderTermKey, type LeaderTerm } from '../state/leader.js';

/** ECS-operator expectation: a lost leader is replaced within seconds (etcd3's election default, 60 s, is too slow). */
export const DEFAULT_LEADER_TTL_SECONDS = 10;

export interface LeaderElectionOptions {
  /** Who this replica is, in logs and term records (default: a random id). */
  id?: string;
  ttlSeconds?: number;
  log: Logger;
  /** Called when this replica becomes leader; the controllers start here. */
  onElected?(term: LeaderTerm): void;
  /** Called when it stops being leader (lease lost, resigned, stopped); the controllers stop here. */
  onDeposed?(term: LeaderTerm, why: string): void;
}

export class LeaderElection {
  readonly id: string;
  private readonly ttl: number;
  private current?: { term: LeaderTerm; lease: Lease };
  private stopped = false;
  private watch?: Watch;
  private retry?: NodeJS.Timeout;
  private campaigning?: Promise<void>;
  /** After resigning, stand aside this long so another replica takes over (SIGTERM hand-over). */
  private holdOffUntil = 0;

  constructor(private readonly store: Store, private readonly opts: LeaderElectionOptions) {
    this.id = opts.id ?? randomUUID();
    this.ttl = Math.max(1, Math.round(opts.ttlSeconds ?? DEFAULT_LEADER_TTL_SECONDS));
  }

  /** The term this replica leads, if it leads. */
  get term(): LeaderTerm | undefined {
    return this.current?.term;
  }

  isLeader(): boolean {
    return this.current !== undefined;
  }

  /**
   * The compare every controller write must carry: it fails unless this replica's term is still the
   * store's. Throws when not leader (a controller must not be running then).
   */
  fence(): Compare {
    const t = this.current?.term;
    if (!t) throw new Error('not the leader: controller writes are not allowed');
    return { key: LEADER_KEY, modRevision: t.revision };
  }

  /** The compare for a given term (kept by the controllers of that term, so a stale term's writes fail). */
  fenceOf(term: LeaderTerm): Compare & { modRevision: number } {
    return { key: LEADER_KEY, modRevision: term.revision };
  }

  /** Resolves when the campaign under way (if any) has finished. */
  async settled(): Promise<void> {
    await this.campaigning;
  }

  async start(): Promise<void> {
    // A deleted leader key wakes every follower at once; the timer covers a missed event.
    this.watch = await this.store.watch(LEADER_KEY, {
      onEvents: (all) => {
        // The watch is by prefix, and leader-terms/ shares it: only the key itself counts.
        const evs = all.filter((e) => (e.type === 'delete' ? e.key : e.kv.key) === LEADER_KEY);
        for (const e of evs) {
          const cur = this.current;
          // Our key deleted or replaced (an operator, or expiry seen here first): the term is over.
          if (cur && (e.type === 'delete' || e.kv.modRevision !== cur.term.revision)) {
            this.depose(cur.term, e.type === 'delete' ? 'leader key deleted' : 'leader key replaced');
            void cur.lease.revoke().catch(() => undefined);
          }
        }
        if (evs.some((e) => e.type === 'delete')) this.kick();
      },
      onError: () => this.kick(),
    });
    this.kick();
  }

  private kick(): void {
    if (this.stopped || this.current || this.campaigning) return;
    if (Date.now() < this.holdOffUntil) {
      if (this.retry) clearTimeout(this.retry);
      this.retry = setTimeout(() => this.kick(), this.holdOffUntil - Date.now());
      return;
    }
    this.campaigning = this.campaign()
      .catch((e) => this.opts.log.warn('leader campaign failed', { replica: this.id, error: (e as Error).message }))
      .finally(() => {
        this.campaigning = undefined;
        if (!this.stopped && !this.current) {
          if (this.retry) clearTimeout(this.retry);
          // Followers retry about twice per TTL; the delete event usually comes first.
          this.retry = setTimeout(() => this.kick(), (this.ttl * 1000) / 2 + Math.random() * 250);
        }
      });
  }

  private async campaign(): Promise<void> {
    if ((await this.store.get(LEADER_KEY)) !== null) return;
    const lease = await this.store.grantLease(this.ttl, { autoKeepAlive: true });
    const since = Date.now() / 1000;
    const value = JSON.stringify({ holder: this.id, since });
    const res = await this.store.txn({
      compare: [{ key: LEADER_KEY, modRevision: 0 }],
      success: [{ put: LEADER_KEY, value, lease: lease.id }],
    });
    if (!res.succeeded || this.stopped) {
      await lease.revoke().catch(() => undefined);
      return;
    }
    const term: LeaderTerm = { revision: res.revision, holder: this.id, since };
    // Fenced by the new term itself: recorded only while the term holds.
    await this.store.txn({
      compare: [{ key: LEADER_KEY, modRevision: term.revision }],
      success: [{ put: leaderTermKey(term.revision), value: JSON.stringify(term) }],
    });
    this.current = { term, lease };
    lease.onLost(() => this.depose(term, 'leader lease lost'));
    this.opts.log.info('elected leader of the controllers', { replica: this.id, term: term.revision, ttlSeconds: this.ttl });
    try {
      this.opts.onElected?.(term);
    } catch (e) {
      this.opts.log.error('onElected failed', { error: (e as Error).message });
    }
  }

  private depose(term: LeaderTerm, why: string): void {
    if (this.current?.term !== term) return;
    this.current = undefined;
    // Giving it up on SIGTERM is the normal end of a term; losing it is worth a warning.
    const level = why === 'resigned' ? 'info' : 'warn';
    this.opts.log[level]('no longer leader of the controllers', { replica: this.id, term: term.revision, why });
    try {
      this.opts.onDeposed?.(term, why);
    } catch (e) {
      this.opts.log.error('onDeposed failed', { error: (e as Error).message });
    }
    this.kick();
  }

  /** Gives leadership up now (SIGTERM): the key is deleted, so a follower takes over without waiting a TTL. */
  async resign(): Promise<void> {
    const cur = this.current;
    if (!cur) return;
    this.holdOffUntil = Date.now() + this.ttl * 1000;
    this.depose(cur.term, 'resigned');
    await this.store.txn({ compare: [{ key: LEADER_KEY, modRevision: cur.term.revision }], success: [{ delete: LEADER_KEY }] }).catch(() => undefined);
    await cur.lease.revoke().catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    await this.campaigning;
    await this.resign();
    await this.watch?.cancel();
  }
}

/** The store's record of leadership terms, oldest first. */
export async function leaderTerms(store: Store): Promise<LeaderTerm[]> {
  const r = await store.range(LEADER_TERMS_PREFIX);
  return r.kvs.map((kv) => JSON.parse(kv.value.toString()) as LeaderTerm);
}
