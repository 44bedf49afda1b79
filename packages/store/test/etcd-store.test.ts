// The conformance suite on a real etcd of its own (the suite checks the global revision and compacts
// history, which a shared etcd cannot promise), plus what only etcd has: being unreachable.
import t from 'tap';
import type { Duplex } from 'node:stream';
import { EtcdStore } from '../src/etcd-store.js';
import { CompactedError, StoreUnavailableError, type Watch } from '../src/store.js';
import { conformance } from './conformance.js';
import { startPrivateEtcd } from '../src/private-etcd.js';
import { PrefixedStore } from '../src/prefixed-store.js';

const etcd = await startPrivateEtcd();
t.teardown(() => etcd.stop());
const endpoint = etcd.endpoint;

conformance(t, 'etcd', async () => {
  const store = await EtcdStore.open([endpoint]);
  return { store, cleanup: () => store.close() };
});

// The same suite inside a namespace: what tests sharing one etcd use.
let ns = 0;
conformance(t, 'prefixed(etcd)', async () => {
  const store = new PrefixedStore(await EtcdStore.open([endpoint]), `/namespace-${String(ns++).padStart(4, '0')}`);
  return { store, cleanup: async () => { await store.clear(); await store.close(); } };
}, { keyOverhead: '/namespace-0000'.length });

t.test('etcd: an unreachable etcd is a fast StoreUnavailableError', async (t) => {
  const started = Date.now();
  // Port 1 on loopback: nothing listens there.
  await t.rejects(EtcdStore.open(['127.0.0.1:1'], { dialTimeoutMs: 2000 }), StoreUnavailableError);
  t.ok(Date.now() - started < 5000, `failed in ${Date.now() - started} ms`);
  await t.rejects(EtcdStore.open(['127.0.0.1:1']), /127\.0\.0\.1:1/, 'the message names the endpoint');
});

t.test('etcd: watches that a compaction cancelled can be cancelled again, as a consumer that restarts does', async (t) => {
  const store = await EtcdStore.open([endpoint]);
  t.teardown(() => store.close());
  // Another watch keeps the client's watch stream open, as a server's other watches do.
  const other = await store.watch('/cancel-after-compaction/other/', { onEvents: () => {}, onError: () => {} });
  t.teardown(() => other.cancel());
  for (let round = 0; round < 5; round++) {
    const prefix = `/cancel-after-compaction/${round}/`;
    for (let i = 0; i < 5; i++) await store.put(`${prefix}${i}`, 'v');
    const rev = await store.revision();
    await store.compact(rev);
    // Three watches from before the compaction: etcd cancels all three at once. The first error cancels
    // every one of them while the others' errors are still being reported.
    const watches: Watch[] = [];
    const errors: Error[] = [];
    let restarted!: () => void;
    const restart = new Promise<void>((r) => (restarted = r));
    for (const name of ['a', 'b', 'c']) {
      watches.push(await store.watch(`${prefix}${name}`, {
        onEvents: () => {},
        onError: (err) => {
          errors.push(err);
          void Promise.all(watches.map((w) => w.cancel())).then(restarted);
        },
      }, { fromRevision: rev - 3 }));
    }
    await restart;
    t.ok(errors.length >= 1 && errors.every((e) => e instanceof CompactedError), `round ${round}: compacted`);
  }
  // The client still works: a new watch sees a new write.
  const seen = new Promise<string>((resolve) => {
    void store.watch('/cancel-after-compaction/after/', { onEvents: (events) => resolve(events[0]!.type), onError: () => {} })
      .then((w) => { t.teardown(() => w.cancel()); return store.put('/cancel-after-compaction/after/k', 'v'); });
  });
  t.equal(await seen, 'put');
});

t.test('etcd: watches of one prefix share one etcd watch, each from its own revision, nothing missed or repeated', async (t) => {
  const store = await EtcdStore.open([endpoint]);
  t.teardown(() => store.close());
  const prefix = '/shared-watch/';
  const revs: number[] = [];
  for (let i = 0; i < 6; i++) revs.push((await store.put(`${prefix}k${i}`, `v${i}`)).revision);
  const seen = new Map<string, number[]>();
  const errors: Error[] = [];
  const watch = (name: string, from: number, p = prefix) => store.watch(p, {
    onEvents: (events, revision) => {
      const got = seen.get(name) ?? [];
      for (const e of events) t.equal(e.type === 'put' ? e.kv.modRevision : e.modRevision, revision, `${name}: an event of its delivery's revision`);
      got.push(revision);
      seen.set(name, got);
    },
    onError: (err) => errors.push(err),
  }, { fromRevision: from });
  // The first from the middle; the second ahead of it; the third behind both (the shared watch starts again
  // from its revision); a fourth on another prefix has its own.
  const a = await watch('a', revs[3]!);
  const b = await watch('b', revs[5]!);
  const c = await watch('c', revs[0]!);
  const other = await watch('other', revs[0]!, '/shared-watch-other/');
  t.same(store.watchStats(), { etcdWatches: 2, storeWatches: 4 }, 'one etcd watch per prefix');
  const later: number[] = [];
  for (let i = 0; i < 3; i++) later.push((await store.put(`${prefix}later${i}`, 'x')).revision);
  const want = (from: number) => [...revs, ...later].filter((r) => r >= from);
  const until = async (cond: () => boolean) => {
    for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 20));
  };
  await until(() => ['a', 'b', 'c'].every((n) => (seen.get(n)?.at(-1) ?? 0) >= later.at(-1)!));
  t.same(seen.get('a'), want(revs[3]!), 'a: from its revision, in order, once each');
  t.same(seen.get('b'), want(revs[5]!), 'b: from its revision');
  t.same(seen.get('c'), want(revs[0]!), 'c: the history before the shared watch reached it, then the rest');
  t.notOk(seen.has('other'), 'another prefix hears nothing of it');

  // One cancelled: the others go on; all cancelled: no etcd watch of the prefix is left.
  await b.cancel();
  const last = (await store.put(`${prefix}after-cancel`, 'y')).revision;
  await until(() => ['a', 'c'].every((n) => seen.get(n)!.at(-1) === last));
  t.equal(seen.get('a')!.at(-1), last);
  t.equal(seen.get('c')!.at(-1), last);
  t.equal(seen.get('b')!.at(-1), later.at(-1), 'the cancelled one hears nothing more');
  await a.cancel();
  await c.cancel();
  t.same(store.watchStats(), { etcdWatches: 1, storeWatches: 1 });
  await other.cancel();
  t.same(errors, []);
});

t.test('etcd: a shared watch with previous values is apart from one without', async (t) => {
  const store = await EtcdStore.open([endpoint]);
  t.teardown(() => store.close());
  const prefix = '/shared-watch-prev/';
  const from = (await store.put(`${prefix}k`, 'one')).revision + 1;
  const prevs: (string | undefined)[] = [];
  const plain: (string | undefined)[] = [];
  const w1 = await store.watch(prefix, { onEvents: (es) => prevs.push(...es.map((e) => e.prevKv?.value.toString())), onError: () => {} }, { fromRevision: from, prevKv: true });
  const w2 = await store.watch(prefix, { onEvents: (es) => plain.push(...es.map((e) => e.prevKv?.value.toString())), onError: () => {} }, { fromRevision: from });
  t.equal(store.watchStats().etcdWatches, 2);
  await store.put(`${prefix}k`, 'two');
  for (let i = 0; i < 500 && (prevs.length === 0 || plain.length === 0); i++) await new Promise((r) => setTimeout(r, 20));
  t.same(prevs, ['one']);
  t.same(plain, [undefined]);
  await w1.cancel();
  await w2.cancel();
});

t.test('etcd: a compaction fails only the shared watch\'s subscribers it passed', async (t) => {
  const store = await EtcdStore.open([endpoint]);
  t.teardown(() => store.close());
  const prefix = '/shared-watch-compacted/';
  const old = (await store.put(`${prefix}a`, '1')).revision;
  await store.put(`${prefix}b`, '2');
  const now = await store.revision();
  const got: number[] = [];
  const errs: Error[] = [];
  const ahead = await store.watch(prefix, { onEvents: (_e, r) => got.push(r), onError: (e) => errs.push(e) }, { fromRevision: now + 1 });
  await store.compact(now);
  const behindErr = new Promise<Error>((resolve) => {
    void store.watch(prefix, { onEvents: () => t.fail('nothing from a compacted revision'), onError: resolve }, { fromRevision: old });
  });
  const err = await behindErr;
  t.type(err, CompactedError, 'the one behind the compaction is told so');
  t.equal((err as CompactedError).requested, old);
  const r = (await store.put(`${prefix}c`, '3')).revision;
  for (let i = 0; i < 500 && got.at(-1) !== r; i++) await new Promise((res) => setTimeout(res, 20));
  t.same(got, [r], 'the one past it goes on');
  t.same(errs, []);
  t.same(store.watchStats(), { etcdWatches: 1, storeWatches: 1 });
  await ahead.cancel();
});

t.test('etcd: a watch cancelled while etcd\'s own cancel of it (a compaction\'s) is on the wire ends quietly', async (t) => {
  const store = await EtcdStore.open([endpoint]);
  t.teardown(() => store.close());
  const until = async (what: string, cond: () => boolean) => {
    for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 20));
    t.ok(cond(), what);
  };
  // Another watch keeps the client's watch stream open, as a server's other watches do (etcd3 ends the
  // stream with its last watcher, and a late answer on an ended stream is never read).
  const otherSeen: number[] = [];
  const other = await store.watch('/crossing-cancel/other/', { onEvents: (_e, r) => otherSeen.push(r), onError: (e) => t.fail(`other: ${e.message}`) });
  t.teardown(() => other.cancel());
  const prefix = '/crossing-cancel/k/';
  const old = (await store.put(`${prefix}a`, '1')).revision;
  await store.put(`${prefix}b`, '2');
  await store.compact(await store.revision());
  // etcd3's watch stream (private to it): paused, it keeps what etcd sends unread, in order, as a busy event
  // loop does. It is paused right after etcd created the next watch, so etcd's cancel of that watch (its
  // sync, every 100 ms, finds it behind the compaction) waits unread.
  const stream = (store as unknown as { client: { watchManager: { stream: Duplex } } }).client.watchManager.stream;
  const hold = (res: { created?: boolean }) => {
    if (!res.created) return;
    stream.pause();
    stream.off('data', hold);
  };
  stream.on('data', hold);
  const errors: Error[] = [];
  const w = await store.watch(prefix, { onEvents: () => t.fail('nothing from a compacted revision'), onError: (e) => errors.push(e) }, { fromRevision: old });
  await until('etcd cancelled the watch (its answer is held)', () => stream.readableLength >= 1);
  // Its consumer cancels it now (a server closing, an informer relisting), not knowing: the cancel crosses
  // etcd's, and etcd answers it too, for an id etcd3 drops at the first answer.
  const cancelled = w.cancel();
  await until('etcd answered the crossing cancel (held too)', () => stream.readableLength >= 2);
  // Unguarded, etcd3 threw on the second answer here, uncaught: the process ended.
  stream.resume();
  await cancelled;
  const r = (await store.put('/crossing-cancel/other/k', 'v')).revision;
  await until('the other watch goes on', () => otherSeen.includes(r));
  t.same(otherSeen, [r]);
  t.same(errors, [], 'the cancelled watch reports nothing (its consumer cancelled it)');
  t.same(store.watchStats(), { etcdWatches: 1, storeWatches: 1 });
});

t.test('etcd: closing the store while a shared watch is starting ends that watch before close resolves', async (t) => {
  const store = await EtcdStore.open([endpoint]);
  const from = await store.revision();
  // Not awaited: the shared watch is being created (etcd has not accepted it yet) when the store closes.
  let settled = false;
  const watching = store.watch('/closing-while-starting/', { onEvents: () => {}, onError: () => {} }, { fromRevision: from }).finally(() => {
    settled = true;
  });
  await store.close();
  t.ok(settled, 'close resolved after the watch being started had ended');
  await t.rejects(watching, /etcd store is closed/, 'the watch started during close is refused, not left open');
  t.same(store.watchStats(), { etcdWatches: 0, storeWatches: 0 }, 'no etcd watch is left behind the closed store');
});

/** How many LeaseKeepAlive streams etcd has accepted since it started (its Prometheus metrics). */
async function keepAliveStreams(): Promise<number> {
  const text = await (await fetch(`http://${endpoint}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('grpc_server_started_total{') && l.includes('grpc_method="LeaseKeepAlive"'));
  return line ? Number(line.split(' ').pop()) : 0;
}

t.test('etcd: the renewals of every lease of a store go over one keepalive stream', async (t) => {
  const store = await EtcdStore.open([endpoint]);
  t.teardown(() => store.close());
  const before = await keepAliveStreams();
  const leases = await Promise.all(Array.from({ length: 20 }, () => store.grantLease(30, { autoKeepAlive: false })));
  for (let round = 0; round < 3; round++) await Promise.all(leases.map((l) => l.keepAlive()));
  t.equal(await keepAliveStreams() - before, 1, '60 renewals of 20 leases, one stream');
  // A lease etcd no longer has is reported lost by its next renewal, and the stream serves the others on.
  const gone = leases.pop()!;
  let lost = false;
  gone.onLost(() => (lost = true));
  // Revoked behind this store's back (etcd's JSON gateway): only etcd knows.
  await fetch(`http://${endpoint}/v3/lease/revoke`, { method: 'POST', body: JSON.stringify({ ID: gone.id }) });
  await t.rejects(gone.keepAlive(), /has expired or was revoked/);
  await new Promise((r) => setImmediate(r));
  t.ok(lost, 'onLost');
  await Promise.all(leases.map((l) => l.keepAlive()));
  t.equal(await keepAliveStreams() - before, 1, 'still one stream');
});
