// Schema 5 -> 6 (each container instance split into its live and registration records), tested on a store
// written by Berth at 6f5d8f8 (fixtures/v5-store/berth.db, made by fixtures/v5-store/make-fixture.mjs from
// that commit's code): every instance reads back as the whole record the old server wrote, the API serves
// it as one ContainerInstance (describe, filters, attributes), a launch then writes only the live record,
// and an interrupted migration runs again to the same result.
import t from 'tap';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthClient } from '@berth/api';
import { FileStore, type Store } from '@berth/store';
import { startServer, silentLogger } from '../src/index.js';
import { SCHEMA_KEY, SCHEMA_VERSION } from '../src/state/schema.js';
import { migrateFromV5 } from '../src/state/migrate-v5.js';
import { decode, rangeAll } from '../src/state/kit.js';
import { INSTANCES_ROOT, INSTANCE_REGISTRATIONS_ROOT, getInstance, instanceKey, instanceRegistrationKey, type InstanceRecord } from '../src/state/instances.js';
import { checkState } from './state-check.js';
import { REPO_ROOT } from './helpers.js';

const FIXTURE = join(REPO_ROOT, 'packages/server/test/fixtures/v5-store/berth.db');
const FOREVER = 100 * 365 * 24 * 3600;
const dir = mkdtempSync(join(tmpdir(), 'berth-migration-v5-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
async function fixture(): Promise<FileStore> {
  const path = join(dir, `copy-${n++}.db`);
  copyFileSync(FIXTURE, path);
  return FileStore.open(path);
}
/** The whole instance records a schema-5 store holds, by id. */
async function wholeRecords(store: Store): Promise<Map<string, InstanceRecord>> {
  return new Map((await rangeAll(store, INSTANCES_ROOT)).map((kv) => { const r = decode<InstanceRecord>(kv); return [r.id, r]; }));
}

t.test('the fixture is a schema-5 store with whole instance records', async (t) => {
  const store = await fixture();
  t.teardown(() => store.close());
  t.equal((await store.get(SCHEMA_KEY))?.value.toString(), '5');
  const whole = await wholeRecords(store);
  t.equal(whole.size, 3);
  t.ok([...whole.values()].every((r) => (r.instance.attributes?.length ?? 0) > 20), 'each record carries its attributes');
  t.ok([...whole.values()].some((r) => r.hiddenAgentAttributes?.length && r.customAttributes?.length && r.instance.tags?.length), 'one with custom, hidden attributes and tags');
  t.ok([...whole.values()].some((r) => r.instance.status === 'INACTIVE'), 'one deregistered');
  t.equal((await rangeAll(store, INSTANCE_REGISTRATIONS_ROOT)).length, 0, 'no registration records');
});

t.test('the new server splits each instance once; it reads back whole and is served as one ContainerInstance', async (t) => {
  const store = await fixture();
  const whole = await wholeRecords(store);
  const server = await startServer({ insecure: true, listen: '127.0.0.1:0', store, log: silentLogger, taskRetentionSeconds: FOREVER, eventRetentionSeconds: FOREVER });
  const client = new BerthClient(server.addr);
  t.teardown(async () => { client.close(); await server.close(); await store.close(); });
  t.equal((await store.get(SCHEMA_KEY))?.value.toString(), String(SCHEMA_VERSION), 'schema bumped');
  t.same(await checkState(store), [], 'both parts of every instance, of one version; indexes, groups and resources match the records');
  for (const [id, old] of whole) {
    const now = (await getInstance(store, old.cluster, id))!.value;
    t.same(now, { ...old, registrationVersion: 1 }, `${id}: the same record, joined from its two parts`);
    const live = (await store.get(instanceKey(old.cluster, id)))!.value.length;
    const reg = (await store.get(instanceRegistrationKey(old.cluster, id)))!.value.length;
    t.ok(live < reg / 3, `${id}: the live record is the small part (${live} against ${reg} bytes)`);
  }
  const cluster = 'prod';
  const arns = (await client.call('ListContainerInstances', { cluster, status: 'ACTIVE' })).containerInstanceArns!;
  t.equal(arns.length, 2);
  const described = (await client.call('DescribeContainerInstances', { cluster, containerInstances: arns, include: ['TAGS'] })).containerInstances!;
  for (const ci of described) {
    const old = whole.get(ci.containerInstanceArn!.split('/').pop()!)!;
    t.same(ci.attributes, old.instance.attributes, 'attributes as the old server kept them');
    t.same(ci.registeredResources, old.instance.registeredResources);
    t.same(ci.remainingResources, old.instance.remainingResources);
    t.same(ci.versionInfo, old.instance.versionInfo);
    t.same(ci.tags ?? [], old.instance.tags ?? []);
  }
  const canary = await client.call('ListContainerInstances', { cluster, filter: 'attribute:stack == canary' });
  t.equal(canary.containerInstanceArns?.length, 1, 'the cluster query language sees the custom attribute');
  const canaryId = canary.containerInstanceArns![0]!.split('/').pop()!;
  // Deleting the custom attribute brings back the agent's it hid: the hidden ones survived the split.
  await client.call('DeleteAttributes', { cluster, attributes: [{ name: 'stack', targetType: 'container-instance', targetId: canary.containerInstanceArns![0]! }] });
  const back = (await client.call('DescribeContainerInstances', { cluster, containerInstances: [canaryId] })).containerInstances![0]!;
  t.same(back.attributes?.find((a) => a.name === 'stack'), { name: 'stack', value: 'prod' }, "the agent's attribute is back");
  t.same(await checkState(store), [], 'consistent after an attribute change');

  // A launch writes the live record only.
  const regBefore = await Promise.all(arns.map((a) => store.get(instanceRegistrationKey(cluster, a.split('/').pop()!))));
  const run = await client.call('RunTask', { cluster, taskDefinition: 'web', count: 4, placementStrategy: [{ type: 'spread', field: 'instanceId' }] });
  t.equal(run.tasks?.length, 4, 'it places new tasks');
  const regAfter = await Promise.all(arns.map((a) => store.get(instanceRegistrationKey(cluster, a.split('/').pop()!))));
  t.same(regAfter.map((kv) => kv!.modRevision), regBefore.map((kv) => kv!.modRevision), 'the registration records are not rewritten by a launch');
  t.same(await checkState(store), [], 'still consistent after a launch');
});

t.test('an interrupted split runs again to the same result', async (t) => {
  const store = await fixture();
  t.teardown(() => store.close());
  const whole = await wholeRecords(store);
  let left = 1;
  const failing: Store = new Proxy(store, {
    get(target, p) {
      if (p === 'txn') return async (req: Parameters<Store['txn']>[0]) => { if (left-- <= 0) throw new Error('crashed mid-migration'); return target.txn(req); };
      const v = Reflect.get(target, p, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  await t.rejects(migrateFromV5(failing, silentLogger), /crashed mid-migration/);
  t.equal((await store.get(SCHEMA_KEY))?.value.toString(), '5', 'the version is bumped last');
  t.equal((await rangeAll(store, INSTANCE_REGISTRATIONS_ROOT)).length, 1, 'one instance split before the crash');
  const stats = await migrateFromV5(store, silentLogger);
  t.same(stats, { instances: 3, split: 2 }, 'the second run splits the rest only');
  t.equal((await store.get(SCHEMA_KEY))?.value.toString(), '6');
  t.same(await checkState(store), [], 'consistent');
  for (const [id, old] of whole) t.same((await getInstance(store, old.cluster, id))!.value, { ...old, registrationVersion: 1 }, `${id} whole`);
  await store.put(SCHEMA_KEY, '5');
  t.same(await migrateFromV5(store, silentLogger), { instances: 3, split: 0 }, 'a run over a split store splits nothing');
});
