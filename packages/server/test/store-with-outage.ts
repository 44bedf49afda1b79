// A real store (the file store) behind a switch that simulates an outage, for the fault tests: while it is
// down every call rejects with StoreUnavailableError, as a store that lost quorum does, and open watches
// end with that error; calls can also be held at a gate, to close a session while it awaits the store, and a
// transaction's answer can be lost after it committed.
// A test double by name: the store underneath and everything above it are real.
import { StoreUnavailableError, type Lease, type Store, type TxnRequest, type Watch, type WatchHandlers } from '@berth/store';

type Method = 'get' | 'range' | 'put' | 'delete' | 'txn' | 'watch' | 'grantLease' | 'revision';

export class StoreWithOutage {
  down = false;
  /** Watches opened and not yet cancelled, and leases granted and not yet revoked (for leak checks). */
  readonly openWatches = new Set<Watch>();
  readonly liveLeases = new Set<Lease>();
  /** The prefix of each watch the inner store has set up, in order. */
  readonly setUpPrefixes: string[] = [];
  /** The prefix of each open watch. */
  readonly watchPrefixes = new WeakMap<Watch, string>();
  /** Watches the inner store has set up (including ones cancelled since). */
  watchesSetUp = 0;
  /** The next transaction it accepts commits and then rejects, as a store whose answer times out after the commit. */
  loseAnswer: ((req: TxnRequest) => boolean) | undefined;
  private readonly gates = new Map<Method, { gate: Promise<void>; match: (key: string) => boolean; waiting: number }>();
  private readonly watchers = new Set<{ handlers: WatchHandlers; inner: Watch; ended: boolean }>();
  readonly store: Store;

  /** Open watches whose prefix includes `part`. */
  openWatchesOf(part: string): number {
    return [...this.openWatches].filter((w) => this.watchPrefixes.get(w)?.includes(part)).length;
  }

  constructor(readonly inner: Store) {
    const check = async (m: Method, key = '') => {
      const g = this.gates.get(m);
      if (g?.match(key)) {
        g.waiting++;
        await g.gate;
      }
      if (this.down) throw new StoreUnavailableError(`store unavailable (simulated outage) during ${m}`);
    };
    const self = this;
    this.store = {
      kind: inner.kind,
      async get(key) { await check('get', key); return inner.get(key); },
      async getMany(keys) { await check('get', keys[0]); return inner.getMany(keys); },
      async range(prefix, opts) { await check('range', prefix); return inner.range(prefix, opts); },
      async put(key, value, opts) { await check('put', key); return inner.put(key, value, opts); },
      async delete(key) { await check('delete', key); return inner.delete(key); },
      async txn(req) {
        await check('txn');
        const res = await inner.txn(req);
        if (self.loseAnswer?.(req)) {
          self.loseAnswer = undefined;
          throw new StoreUnavailableError('store unavailable (simulated): the transaction was committed and its answer lost');
        }
        return res;
      },
      async revision() { await check('revision'); return inner.revision(); },
      compact: (r) => inner.compact(r),
      compactedRevision: () => inner.compactedRevision(),
      close: () => inner.close(),
      async watch(prefix, handlers, opts) {
        await check('watch', prefix);
        const entry = { handlers, inner: undefined as unknown as Watch, ended: false };
        entry.inner = await inner.watch(prefix, {
          onEvents: (events, revision) => { if (!entry.ended) handlers.onEvents(events, revision); },
          onError: (err) => { if (!entry.ended) { entry.ended = true; handlers.onError(err); } },
        }, opts);
        self.watchers.add(entry);
        self.watchesSetUp++;
        self.setUpPrefixes.push(prefix);
        const w: Watch = {
          async cancel() {
            entry.ended = true;
            self.watchers.delete(entry);
            self.openWatches.delete(w);
            await entry.inner.cancel();
          },
        };
        self.openWatches.add(w);
        self.watchPrefixes.set(w, prefix);
        return w;
      },
      async grantLease(ttl, opts) {
        await check('grantLease');
        const l = await inner.grantLease(ttl, opts);
        self.liveLeases.add(l);
        const revoke = l.revoke.bind(l);
        return Object.assign(Object.create(l) as Lease, {
          id: l.id, ttlSeconds: l.ttlSeconds,
          keepAlive: () => l.keepAlive(), onLost: (cb: () => void) => l.onLost(cb),
          async revoke() { self.liveLeases.delete(l); await revoke(); },
        });
      },
    };
  }

  /** Every call fails from now on, and every open watch ends with the outage's error. */
  fail(): void {
    this.down = true;
    for (const w of [...this.watchers]) {
      this.watchers.delete(w);
      if (w.ended) continue;
      w.ended = true;
      void w.inner.cancel();
      w.handlers.onError(new StoreUnavailableError('store unavailable (simulated outage): watch lost'));
    }
  }

  recover(): void {
    this.down = false;
  }

  /** How many calls of `method` wait at its gate. */
  held(method: Method): number {
    return this.gates.get(method)?.waiting ?? 0;
  }

  /** Holds the calls of `method` (on keys or prefixes `match` accepts) until the returned release() is called. */
  hold(method: Method, match: (key: string) => boolean = () => true): () => void {
    let release!: () => void;
    this.gates.set(method, { gate: new Promise<void>((r) => (release = r)), match, waiting: 0 });
    return () => {
      this.gates.delete(method);
      release();
    };
  }
}
