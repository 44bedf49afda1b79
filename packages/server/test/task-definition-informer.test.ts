// The task definitions launches and the seam read come from an informer (informers/task-definitions.ts):
// filled on first use, kept current by one watch of the revision records, refilled after a lost watch.
// On the replica that registered or deregistered a revision, the next RunTask sees it at once; another
// writer's change arrives by the watch, with no read. The real file store (its watch, its compaction).
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthClient, silentLogger } from '@berth/api';
import { FileStore } from '@berth/store';
import type { TaskDefinition } from '@berth/core';
import { startServer, putSession } from '../src/index.js';
import { TaskDefinitionInformer } from '../src/informers/task-definitions.js';
import { revisionOps, type RevisionRecord } from '../src/state/task-definitions.js';
import { instanceRecord, newId, writeRecords } from './state-records.js';
import { CuttableWatches } from './cuttable-watches.js';
import { rejection, until } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-td-informer-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

const record = (family: string, revision: number, status = 'ACTIVE'): RevisionRecord => ({
  taskDefinition: { family, revision, status, containerDefinitions: [{ name: 'app', image: 'busybox', memory: 8 }] } as TaskDefinition,
  tags: [],
});

t.test('another writer\'s change arrives by the watch; a lost watch (compaction) refills from the store', async (t) => {
  const store = await FileStore.open(join(dir, 'informer.db'));
  t.teardown(() => store.close());
  const cuttable = new CuttableWatches(store);
  const warnings: Record<string, unknown>[] = [];
  const informer = new TaskDefinitionInformer(cuttable.store, { ...silentLogger, warn: (msg, f) => void warnings.push({ msg, ...f }) });
  t.teardown(() => informer.stop());
  // Writes as another replica makes them: through the state module's ops, not through this informer.
  const put = (next: RevisionRecord, prev?: RevisionRecord) => store.txn({ compare: [], success: revisionOps(next, prev) });

  await put(record('web', 1));
  t.equal(await informer.latestActiveRevisionNumber('web'), 1);
  t.equal((await informer.latestActive('web'))?.taskDefinition.revision, 1, 'the latest revision\'s record came with it');
  const filled = informer.reads;
  t.equal(await informer.latestActiveRevisionNumber('nothing'), undefined, 'a family with no revision');
  const afterMiss = informer.reads;
  t.equal(await informer.latestActiveRevisionNumber('nothing'), undefined);
  t.equal(informer.reads, afterMiss, 'held as having none: not read again');

  await put(record('web', 2));
  await put(record('nothing', 1));
  await until('the watch delivers the new revision', async () => (await informer.latestActiveRevisionNumber('web')) === 2, 5_000, 10);
  await until('...and the family registered since it had none', async () => (await informer.latestActiveRevisionNumber('nothing')) === 1, 5_000, 10);
  t.equal((await informer.revision('web', 2))?.taskDefinition.status, 'ACTIVE');
  t.equal(informer.reads, afterMiss, 'nothing read: the watch brought both');
  t.ok(filled > 0);

  await put(record('web', 2, 'INACTIVE'), record('web', 2));
  await until('the deregistration', async () => (await informer.revision('web', 2))?.taskDefinition.status === 'INACTIVE', 5_000, 10);
  t.equal(await informer.latestActiveRevisionNumber('web'), 1, 'the latest ACTIVE revision went: the next one read from the store');

  await cuttable.cut();
  await put(record('web', 3));
  await put(record('web', 1, 'INACTIVE'), record('web', 1));
  const { revision } = await store.txn({ compare: [], success: revisionOps(record('web', 4)) });
  await store.compact(revision);
  t.equal(await informer.latestActiveRevisionNumber('web'), 1, 'cut off, it still holds what it saw');
  t.equal(informer.starts, 1);

  await cuttable.resume();
  await until('the new watch', () => informer.starts === 2, 5_000, 10);
  t.equal(await informer.latestActiveRevisionNumber('web'), 4, 'refilled: the latest ACTIVE revision');
  t.equal((await informer.revision('web', 1))?.taskDefinition.status, 'INACTIVE', 'a revision deregistered while cut off');
  t.match(warnings, [{ msg: /watch failed; watching again/, compacted: true }], 'the store answered compacted to the resumed watch');
  await put(record('web', 5));
  await until('the new watch delivers', async () => (await informer.latestActiveRevisionNumber('web')) === 5, 5_000, 10);
});

t.test('bounded: least recently used entries go, and are read again on use', async (t) => {
  const store = await FileStore.open(join(dir, 'bounded.db'));
  t.teardown(() => store.close());
  const informer = new TaskDefinitionInformer(store, silentLogger, { families: 2, revisions: 2 });
  t.teardown(() => informer.stop());
  for (const f of ['a', 'b', 'c']) await store.txn({ compare: [], success: revisionOps(record(f, 1)) });
  for (const f of ['a', 'b', 'c']) t.equal(await informer.latestActiveRevisionNumber(f), 1);
  t.same(informer.sizes(), { families: 2, revisions: 2 });
  const before = informer.reads;
  t.equal(await informer.latestActiveRevisionNumber('a'), 1, 'evicted, read again');
  t.ok(informer.reads > before);
});

t.test('on the replica that registers or deregisters, the next RunTask sees it at once', async (t) => {
  const store = await FileStore.open(join(dir, 'server.db'));
  const server = await startServer({ insecure: true, listen: '127.0.0.1:0', store, log: silentLogger });
  const client = new BerthClient(server.addr);
  t.teardown(async () => {
    client.close();
    await server.close();
    await store.close();
  });
  const cluster = 'informed';
  await client.call('CreateCluster', { clusterName: cluster });
  const id = newId();
  await writeRecords(store, { instances: [instanceRecord(cluster, id)] });
  await putSession(store, id, { sessionId: 'informer-test', cluster, since: 0 });
  const register = () => client.call('RegisterTaskDefinition', { family: 'app', containerDefinitions: [{ name: 'app', image: 'busybox', memory: 8 }] });
  const run = async (taskDefinition: string) => (await client.call('RunTask', { cluster, taskDefinition })).tasks![0]!.taskDefinitionArn!.split(':').pop();

  await register();
  t.equal(await run('app'), '1', 'the first revision');
  await register();
  t.equal(await run('app'), '2', 'a new revision is launched by family at once');
  t.equal(await run('app:2'), '2');
  await client.call('DeregisterTaskDefinition', { taskDefinition: 'app:2' });
  const refused = await rejection(client.call('RunTask', { cluster, taskDefinition: 'app:2' }));
  t.match(refused, { ecsName: 'ClientException', message: 'TaskDefinition is inactive' }, 'a deregistered revision is refused at once');
  t.equal(await run('app'), '1', 'the family\'s latest ACTIVE revision is the one before');
  const reads = server.ctx.taskDefinitions!.reads;
  for (let i = 0; i < 5; i++) await run('app');
  t.equal(server.ctx.taskDefinitions!.reads, reads, 'RunTasks of a revision in use read no task definition');
  await client.call('DeleteCluster', { cluster }).catch(() => undefined);
});
