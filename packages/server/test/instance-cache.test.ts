// The placement informer: listed once, then kept current by watches; a transaction this server
// committed is visible at once through observe().
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from '@berth/store';
import { silentLogger } from '@berth/api';
import { InstanceCache } from '../src/informers/instances.js';
import { instanceKey } from '../src/state/instances.js';
import { sessionKey } from '../src/state/sessions.js';
import { StoreWithOutage } from './store-with-outage.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-cache-'));
const store = await FileStore.open(join(dir, 'berth.db'));
const cache = new InstanceCache(store, silentLogger);
t.teardown(async () => {
  await cache.stop();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const rec = (id: string, cpu: number) => JSON.stringify({ cluster: 'c', id, instance: { containerInstanceArn: `arn:aws:ecs:r:a:container-instance/c/${id}`, status: 'ACTIVE', remainingResources: [{ name: 'CPU', type: 'INTEGER', integerValue: cpu }] } });
const until = async (what: string, ok: () => Promise<boolean>) => {
  for (let i = 0; i < 100; i++) {
    if (await ok()) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out: ${what}`);
};

t.test('lists what exists, then follows puts and deletes', async (t) => {
  await store.put(instanceKey('c', 'a'), rec('a', 1024));
  await store.put(sessionKey('a'), 'x');
  const first = await cache.snapshot('c');
  t.same(first.instances.map((i) => i.rec.id), ['a']);
  t.ok(first.connected.has('a'));
  const { revision } = await store.put(instanceKey('c', 'b'), rec('b', 2048));
  await until('b appears', async () => (await cache.snapshot('c')).instances.some((i) => i.rec.id === 'b' && i.modRevision === revision));
  await store.delete(sessionKey('a'));
  await until('a disconnected', async () => !(await cache.snapshot('c')).connected.has('a'));
  await store.delete(instanceKey('c', 'b'));
  await until('b gone', async () => (await cache.snapshot('c')).instances.length === 1);
  t.same((await cache.snapshot('other')).instances, [], 'clusters are separate');
});

t.test('observe() shows a committed write at once and never goes backwards', async (t) => {
  const res = await store.txn({ compare: [], success: [{ put: instanceKey('c', 'a'), value: rec('a', 512) }] });
  cache.observe(res.revision, [{ put: instanceKey('c', 'a'), value: rec('a', 512) }]);
  const a = (await cache.snapshot('c')).instances.find((i) => i.rec.id === 'a')!;
  t.equal(a.modRevision, res.revision);
  t.equal(a.rec.instance.remainingResources?.[0]?.integerValue, 512);
  cache.observe(res.revision - 1, [{ put: instanceKey('c', 'a'), value: rec('a', 1) }]);
  t.equal((await cache.snapshot('c')).instances.find((i) => i.rec.id === 'a')!.rec.instance.remainingResources?.[0]?.integerValue, 512, 'an older revision is ignored');
});

t.test('recordAt() gives the record it holds only at exactly that revision', async (t) => {
  const value = rec('a', 256);
  const res = await store.txn({ compare: [], success: [{ put: instanceKey('c', 'a'), value }] });
  const handed = JSON.parse(value);
  cache.observe(res.revision, [{ put: instanceKey('c', 'a'), value }], new Map([[instanceKey('c', 'a'), handed]]));
  t.equal(cache.recordAt(instanceKey('c', 'a'), res.revision), handed, 'the record a launch handed over');
  t.equal(cache.recordAt(instanceKey('c', 'a'), res.revision + 1), undefined, 'a newer revision is not held');
  t.equal(cache.recordAt(instanceKey('c', 'a'), res.revision - 1), undefined, 'nor an older one');
  t.equal(cache.recordAt(instanceKey('c', 'nope'), res.revision), undefined, 'nor an unknown instance');
});

t.test('a list that fails while the store is away is not kept: the next snapshot lists again', async (t) => {
  const inner = await FileStore.open(join(dir, 'outage-start.db'));
  const outage = new StoreWithOutage(inner);
  const c = new InstanceCache(outage.store, silentLogger);
  t.teardown(async () => { await c.stop(); await inner.close(); });
  await inner.put(instanceKey('c', 'a'), rec('a', 1024));
  outage.fail();
  await t.rejects(c.snapshot('c'), /simulated outage/, 'no store, no snapshot');
  outage.recover();
  t.same((await c.snapshot('c')).instances.map((i) => i.rec.id), ['a'], 'listed once the store answers');
});

t.test('a relist during an outage neither ends the process nor gives up: the cache follows the store again', async (t) => {
  const inner = await FileStore.open(join(dir, 'outage-relist.db'));
  const outage = new StoreWithOutage(inner);
  const c = new InstanceCache(outage.store, silentLogger);
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => unhandled.push(e);
  process.on('unhandledRejection', onUnhandled);
  t.teardown(async () => { process.off('unhandledRejection', onUnhandled); await c.stop(); await inner.close(); });
  await inner.put(instanceKey('c', 'a'), rec('a', 1024));
  t.equal((await c.snapshot('c')).instances.length, 1);
  outage.fail();
  // The watches end; relists fail and are retried in the background while the store is away.
  await new Promise((r) => setTimeout(r, 600));
  outage.recover();
  await inner.put(instanceKey('c', 'b'), rec('b', 2048));
  await until('b seen after the outage', async () => (await c.snapshot('c')).instances.some((i) => i.rec.id === 'b'));
  await inner.put(instanceKey('c', 'd'), rec('d', 2048));
  await until('the watches follow the store again', async () => (await c.snapshot('c')).instances.some((i) => i.rec.id === 'd'));
  t.same(unhandled, [], 'no unhandled rejection');
});
