// The placement informer: listed once, then kept current by watches; a transaction this server
// committed is visible at once through observe().
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from '@berth/store';
import { silentLogger } from '@berth/api';
import { InstanceCache } from '../src/informers/instances.js';
import { instanceKey, sessionKey } from '../src/keys.js';

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
