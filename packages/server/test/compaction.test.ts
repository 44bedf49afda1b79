// The etcd compactor, on a private etcd (compaction is store-wide): history older than the window
// goes; a second run with nothing new to drop does nothing.
import t from 'tap';
import { EtcdStore, startPrivateEtcd } from '@berth/store';
import { silentLogger } from '@berth/api';
import { compactOnce } from '../src/controllers/leader/compaction.js';
import type { ServerContext } from '../src/index.js';

const etcd = await startPrivateEtcd();
const store = await EtcdStore.open([etcd.endpoint]);
t.teardown(async () => {
  await store.close();
  await etcd.stop();
});
const ctx = { store, log: silentLogger, now: () => Date.now() / 1000 } as unknown as ServerContext;

t.test('compacts all but the newest revisions', async (t) => {
  for (let i = 0; i < 30; i++) await store.put(`/berth-test/compaction/${i}`, String(i));
  const rev = await store.revision();
  t.equal(await compactOnce(ctx, 10), rev - 10);
  t.equal(await store.compactedRevision(), rev - 10);
  t.equal(await compactOnce(ctx, 10), undefined, 'nothing new to drop');
  t.equal((await store.range('/berth-test/compaction/')).kvs.length, 30, 'current keys are untouched');
});
