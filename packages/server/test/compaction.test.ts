// The etcd compactor, on a private etcd (compaction is store-wide): history older than the window
// goes; a second run with nothing new to drop does nothing; startServer's compaction option sets its timer.
import t from 'tap';
import { EtcdStore, startPrivateEtcd } from '@berth/store';
import { silentLogger } from '@berth/api';
import { compactOnce } from '../src/controllers/leader/compaction.js';
import { startServer } from '../src/server.js';
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

t.test('startServer runs it on the leader with the compaction option (interval and window)', async (t) => {
  const server = await startServer({ insecure: true, listen: '127.0.0.1:0', store, log: silentLogger, compaction: { intervalMs: 100, keepRevisions: 5 } });
  t.teardown(() => server.close());
  for (let i = 0; i < 20; i++) await store.put(`/berth-test/compaction-server/${i}`, String(i));
  const rev = await store.revision();
  const deadline = Date.now() + 10_000;
  while ((await store.compactedRevision()) < rev - 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  t.ok((await store.compactedRevision()) >= rev - 5, 'history older than the newest 5 revisions was compacted within a few intervals');
});
