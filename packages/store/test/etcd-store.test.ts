// The conformance suite on a real etcd of its own (the suite checks the global revision and compacts
// history, which a shared etcd cannot promise), plus what only etcd has: being unreachable.
import t from 'tap';
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
