// The placement informer: listed once, then kept current by watches; a transaction this server
// committed is visible at once through observe(). An instance is two records (live and registration),
// joined only when both were written together.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from '@berth/store';
import { silentLogger } from '@berth/api';
import { InstanceCache } from '../src/informers/instances.js';
import type { Store } from '@berth/store';
import { instanceDeleteOps, instanceKey, instanceOps, instanceRegistrationKey, splitInstance, type InstanceRecord } from '../src/state/instances.js';
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

const whole = (id: string, cpu: number): InstanceRecord => ({
  cluster: 'c', id, taskGroups: {},
  instance: { containerInstanceArn: `arn:aws:ecs:r:a:container-instance/c/${id}`, status: 'ACTIVE', attributes: [{ name: 'ecs.os-type', value: 'linux' }], remainingResources: [{ name: 'CPU', type: 'INTEGER', integerValue: cpu }] },
});
/** Registers an instance (both records), as RegisterContainerInstance writes it. */
const register = (s: Store, id: string, cpu: number) => s.txn({ compare: [], success: instanceOps(whole(id, cpu)) });
/** A launch's write of an instance registered with whole(id, ·): its live record only. */
const launchOps = (id: string, cpu: number) => instanceOps({ ...whole(id, cpu), registrationVersion: 1 }, { ...whole(id, 0), registrationVersion: 1 });
const until = async (what: string, ok: () => Promise<boolean>) => {
  for (let i = 0; i < 100; i++) {
    if (await ok()) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out: ${what}`);
};

t.test('lists what exists, then follows puts and deletes', async (t) => {
  await register(store, 'a', 1024);
  await store.put(sessionKey('a'), 'x');
  const first = await cache.snapshot('c');
  t.same(first.instances.map((i) => i.rec.id), ['a']);
  t.same(first.instances[0]!.rec.instance.attributes, [{ name: 'ecs.os-type', value: 'linux' }], 'joined: the registration part');
  t.same(first.instances[0]!.rec.instance.remainingResources?.[0]?.integerValue, 1024, 'and the live part');
  t.ok(first.connected.has('a'));
  const { revision } = await register(store, 'b', 2048);
  await until('b appears', async () => (await cache.snapshot('c')).instances.some((i) => i.rec.id === 'b' && i.modRevision === revision));
  await store.delete(sessionKey('a'));
  await until('a disconnected', async () => !(await cache.snapshot('c')).connected.has('a'));
  await store.txn({ compare: [], success: instanceDeleteOps(whole('b', 0)) });
  await until('b gone', async () => (await cache.snapshot('c')).instances.length === 1);
  t.equal(cache.sizes().parts, 1, 'its parts are forgotten too');
  t.same((await cache.snapshot('other')).instances, [], 'clusters are separate');
});

t.test('observe() shows a committed write at once and never goes backwards', async (t) => {
  const ops = launchOps('a', 512);
  t.same(ops.filter((o) => 'put' in o).map((o) => 'put' in o && o.put), [instanceKey('c', 'a')], 'a launch writes the live record only');
  const res = await store.txn({ compare: [], success: ops });
  cache.observe(res.revision, ops);
  const a = (await cache.snapshot('c')).instances.find((i) => i.rec.id === 'a')!;
  t.equal(a.modRevision, res.revision);
  t.equal(a.rec.instance.remainingResources?.[0]?.integerValue, 512);
  t.same(a.rec.instance.attributes, [{ name: 'ecs.os-type', value: 'linux' }], 'joined with the registration it had');
  cache.observe(res.revision - 1, launchOps('a', 1));
  t.equal((await cache.snapshot('c')).instances.find((i) => i.rec.id === 'a')!.rec.instance.remainingResources?.[0]?.integerValue, 512, 'an older revision is ignored');
});

t.test('live: the instances placement considers, one array kept per cluster, updated in place and rebuilt when membership changes', async (t) => {
  await register(store, 'l1', 100);
  await register(store, 'l2', 100);
  await until('both listed', async () => (await cache.snapshot('c')).live!.filter((i) => i.rec.id.startsWith('l')).length === 2);
  const before = (await cache.snapshot('c')).live!;
  const { revision } = await store.txn({ compare: [], success: launchOps('l1', 50) });
  cache.observe(revision, launchOps('l1', 50));
  const after = (await cache.snapshot('c')).live!;
  t.equal(after, before, 'a record change is made in place: the same array');
  t.same(after.find((i) => i.rec.id === 'l1')?.rec.instance.remainingResources?.[0]?.integerValue, 50, 'holding the new record');
  const inactive = { ...whole('l2', 100), registrationVersion: 1, instance: { ...whole('l2', 100).instance, status: 'INACTIVE' } };
  const r2 = await store.txn({ compare: [], success: instanceOps(inactive, { ...whole('l2', 100), registrationVersion: 1 }) });
  await until('l2 seen INACTIVE', async () => (await cache.snapshot('c')).instances.some((i) => i.rec.id === 'l2' && i.modRevision === r2.revision));
  const rebuilt = (await cache.snapshot('c')).live!;
  t.not(rebuilt, before, 'an instance gone INACTIVE rebuilds the array');
  t.notOk(rebuilt.some((i) => i.rec.id === 'l2'), 'without it');
  t.ok(before.some((i) => i.rec.id === 'l2'), 'a snapshot taken before keeps its own array');
  t.ok((await cache.snapshot('c')).instances.some((i) => i.rec.id === 'l2'), 'instances still lists it');
});

t.test('recordAt() gives the record it holds only at exactly that revision', async (t) => {
  const ops = launchOps('a', 256);
  const res = await store.txn({ compare: [], success: ops });
  const handed: InstanceRecord = { ...whole('a', 256), registrationVersion: 1 };
  cache.observe(res.revision, ops, new Map([[instanceKey('c', 'a'), handed]]));
  t.equal(cache.recordAt(instanceKey('c', 'a'), res.revision), handed, 'the record a launch handed over');
  t.equal(cache.recordAt(instanceKey('c', 'a'), res.revision + 1), undefined, 'a newer revision is not held');
  t.equal(cache.recordAt(instanceKey('c', 'a'), res.revision - 1), undefined, 'nor an older one');
  t.equal(cache.recordAt(instanceKey('c', 'nope'), res.revision), undefined, 'nor an unknown instance');
});

t.test('a part that arrives ahead of its partner leaves the previous entry until the partner comes', async (t) => {
  const before = (await cache.snapshot('c')).instances.find((i) => i.rec.id === 'a')!;
  // A PutAttributes: both records, registrationVersion 2; the live record observed first, alone.
  const next: InstanceRecord = { ...before.rec, instance: { ...before.rec.instance, attributes: [{ name: 'ecs.os-type', value: 'linux' }, { name: 'x' }] } };
  const ops = instanceOps(next, before.rec);
  t.same(ops.filter((o) => 'put' in o).map((o) => 'put' in o && o.put), [instanceRegistrationKey('c', 'a'), instanceKey('c', 'a')], 'an attribute change writes both records');
  const { live, registration } = splitInstance({ ...next, registrationVersion: 2 });
  // Observed without a commit (at a revision ahead of the store's), so no watch delivers the pair meanwhile.
  const res = { revision: (await store.revision()) + 100 };
  cache.observe(res.revision, [{ put: instanceKey('c', 'a'), value: JSON.stringify(live) }]);
  const mid = (await cache.snapshot('c')).instances.find((i) => i.rec.id === 'a')!;
  t.equal(mid.modRevision, before.modRevision, 'the previous entry, stale: a launch on it fails its compare');
  cache.observe(res.revision, [{ put: instanceRegistrationKey('c', 'a'), value: JSON.stringify(registration) }]);
  const after = (await cache.snapshot('c')).instances.find((i) => i.rec.id === 'a')!;
  t.equal(after.modRevision, res.revision, 'joined once both parts are there');
  t.equal(after.rec.instance.attributes?.length, 2);
  t.equal(after.rec.registrationVersion, 2);
});

t.test('a list that fails while the store is away is not kept: the next snapshot lists again', async (t) => {
  const inner = await FileStore.open(join(dir, 'outage-start.db'));
  const outage = new StoreWithOutage(inner);
  const c = new InstanceCache(outage.store, silentLogger);
  t.teardown(async () => { await c.stop(); await inner.close(); });
  await register(inner, 'a', 1024);
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
  await register(inner, 'a', 1024);
  t.equal((await c.snapshot('c')).instances.length, 1);
  outage.fail();
  // The watches end; relists fail and are retried in the background while the store is away.
  await new Promise((r) => setTimeout(r, 600));
  outage.recover();
  await register(inner, 'b', 2048);
  await until('b seen after the outage', async () => (await c.snapshot('c')).instances.some((i) => i.rec.id === 'b'));
  await register(inner, 'd', 2048);
  await until('the watches follow the store again', async () => (await c.snapshot('c')).instances.some((i) => i.rec.id === 'd'));
  t.same(unhandled, [], 'no unhandled rejection');
});
