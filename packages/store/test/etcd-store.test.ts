// The conformance suite on a real etcd of its own (the suite checks the global revision and compacts
// history, which a shared etcd cannot promise), plus what only etcd has: being unreachable.
import t from 'tap';
import { EtcdStore } from '../src/etcd-store.js';
import { StoreUnavailableError } from '../src/store.js';
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
