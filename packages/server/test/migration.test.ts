// Schema migration, tested on a store written by Berth at be347ae (fixtures/v1-store/berth.db, made by
// fixtures/v1-store/make-fixture.mjs from a checkout of that commit): the new server opens it, migrates it
// once, every index and count then matches a recomputation from the records, and it serves what the old
// server wrote. An interrupted migration runs again to the same result; a store of an unknown schema is
// refused with a message saying why.
import t from 'tap';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthClient } from '@berth/api';
import type { Identity } from '@berth/core';
import { FileStore, type Store } from '@berth/store';
import { startServer, silentLogger } from '../src/index.js';
import { IDENTITY_KEY, SCHEMA_KEY, SCHEMA_VERSION } from '../src/state/schema.js';
import { migrateFromV1 } from '../src/state/migrate-v1.js';
import { migrateFromV2 } from '../src/state/migrate-v2.js';
import { migrateFromV3 } from '../src/state/migrate-v3.js';
import { migrateFromV4 } from '../src/state/migrate-v4.js';
import { migrateFromV5 } from '../src/state/migrate-v5.js';
import { JOIN_TOKENS_PREFIX, joinTokenEntryKey, joinTokensRetiredBefore, type JoinTokenRecord } from '../src/state/join-tokens.js';
import { getInstance, instancesByStatusPrefix, parseInstanceIndexKey } from '../src/state/instances.js';
import { checkState } from './state-check.js';
import { REPO_ROOT, until } from './helpers.js';

const FIXTURE = join(REPO_ROOT, 'packages/server/test/fixtures/v1-store/berth.db');
const FOREVER = 100 * 365 * 24 * 3600;
const dir = mkdtempSync(join(tmpdir(), 'berth-migration-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
/** A private copy of the fixture, opened. */
async function fixture(): Promise<FileStore> {
  const path = join(dir, `copy-${n++}.db`);
  copyFileSync(FIXTURE, path);
  return FileStore.open(path);
}

t.test('the fixture is a schema-1 store as be347ae wrote it', async (t) => {
  const store = await fixture();
  t.teardown(() => store.close());
  t.equal((await store.get(SCHEMA_KEY))?.value.toString(), '1');
  t.ok((await store.range('/berth/v1/tasks/', { countOnly: true })).count! >= 10, 'tasks in every state');
  t.equal((await store.range('/berth/v1/tasks-by-status/', { countOnly: true })).count, 0, 'no index of schema 2');
  t.not((await checkState(store)).length, 0, 'so its indexes do not match its records yet');
});

t.test('the new server migrates it once; every index and count then matches the records', async (t) => {
  const store = await fixture();
  // The fixture's records carry the times be347ae wrote them at: retention windows longer than the
  // fixture's age keep its STOPPED tasks, INACTIVE service and events, whenever the test runs.
  const server = await startServer({
    insecure: true,
    listen: '127.0.0.1:0', store, log: silentLogger,
    taskRetentionSeconds: FOREVER, eventRetentionSeconds: FOREVER, services: { inactiveRetentionSeconds: FOREVER },
  });
  const client = new BerthClient(server.addr);
  t.teardown(async () => { client.close(); await server.close(); await store.close(); });
  t.equal((await store.get(SCHEMA_KEY))?.value.toString(), String(SCHEMA_VERSION), 'schema bumped');
  t.same(await checkState(store), [], 'indexes, counts, groups, resources and assignments all match the records');
  const stats = await until('the leader counted the clusters', async () => {
    await server.leader.flushClusterStats();
    const problems = await checkState(store, { clusterStats: true });
    return problems.length === 0 && problems;
  });
  t.same(stats, [], 'and the cluster counts');

  // What the old server wrote is served: tasks, services with their events, instances, revisions.
  const listed = await client.call('ListTasks', { cluster: 'prod' });
  t.ok(listed.taskArns!.length >= 3, `running tasks listed (${listed.taskArns!.length})`);
  const stopped = await client.call('ListTasks', { cluster: 'prod', desiredStatus: 'STOPPED' });
  t.ok(stopped.taskArns!.length >= 4, 'stopped and stopping ones too');
  const api = (await client.call('DescribeServices', { cluster: 'prod', services: ['api', 'old'], include: ['TAGS'] })).services!;
  t.same(api.map((s) => s.status), ['ACTIVE', 'INACTIVE']);
  t.ok(api[0]!.events!.some((e) => /has reached a steady state/.test(e.message!)), 'the events moved beside the record');
  t.same(api[0]!.tags, [{ key: 'team', value: 'core' }]);
  t.same((await client.call('ListServices', { cluster: 'prod' })).serviceArns?.map((a) => a.split('/').pop()), ['api']);
  const defs = await client.call('ListTaskDefinitions', {});
  t.same(defs.taskDefinitionArns?.map((a) => a.split('/').pop()), ['batch:2', 'web:2', 'web:3'], 'ACTIVE revisions, by family then revision');
  t.same((await client.call('ListTaskDefinitions', { status: 'DELETE_IN_PROGRESS' })).taskDefinitionArns?.map((a) => a.split('/').pop()), ['batch:1']);
  t.equal((await client.call('DescribeTaskDefinition', { taskDefinition: 'web' })).taskDefinition?.revision, 3, 'a family resolves to its latest ACTIVE revision');
  const [inactiveKey] = (await store.range(instancesByStatusPrefix('prod', 'INACTIVE'))).kvs;
  const inactive = (await getInstance(store, 'prod', parseInstanceIndexKey(inactiveKey!.key).id))!.value;
  t.type(inactive.inactiveAt, 'number', 'an INACTIVE instance gets its time, for retention');
  t.same(inactive.taskGroups, {}, 'its orphaned task holds nothing there any more');
  const run = await client.call('RunTask', { cluster: 'prod', taskDefinition: 'web' });
  t.equal(run.tasks?.length, 1, 'and it places new tasks');
  t.same(await checkState(store), [], 'still consistent after a write');
});

t.test('an interrupted migration runs again to the same result', async (t) => {
  const store = await fixture();
  t.teardown(() => store.close());
  // The store fails after some transactions, as a crash mid-migration would stop it.
  let left = 5;
  const failing: Store = new Proxy(store, {
    get(target, p) {
      if (p === 'txn') return async (req: Parameters<Store['txn']>[0]) => { if (left-- <= 0) throw new Error('crashed mid-migration'); return target.txn(req); };
      const v = Reflect.get(target, p, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  await t.rejects(migrateFromV1(failing, silentLogger), /crashed mid-migration/);
  t.equal((await store.get(SCHEMA_KEY))?.value.toString(), '1', 'the version is bumped last, so it stays 1');
  await migrateFromV1(store, silentLogger);
  t.equal((await store.get(SCHEMA_KEY))?.value.toString(), '2');
  const identity = JSON.parse((await store.get(IDENTITY_KEY))!.value.toString()) as Identity;
  await migrateFromV2(store, identity, silentLogger);
  t.equal((await store.get(SCHEMA_KEY))?.value.toString(), '3');
  left = 0;
  await t.rejects(migrateFromV3(failing, silentLogger), /crashed mid-migration/);
  t.equal((await store.get(SCHEMA_KEY))?.value.toString(), '3', 'assignments carrying their task (3 -> 4) too: it stays 3');
  await migrateFromV3(store, silentLogger);
  t.equal((await store.get(SCHEMA_KEY))?.value.toString(), '4');
  await migrateFromV4(store, silentLogger);
  t.equal((await store.get(SCHEMA_KEY))?.value.toString(), '5');
  left = 1;
  await t.rejects(migrateFromV5(failing, silentLogger), /crashed mid-migration/);
  t.equal((await store.get(SCHEMA_KEY))?.value.toString(), '5', 'instance records split (5 -> 6) too: it stays 5');
  await migrateFromV5(store, silentLogger);
  t.equal((await store.get(SCHEMA_KEY))?.value.toString(), '6');
  t.same(await checkState(store), [], 'the second run completes the first');
  const before = await store.revision();
  await store.put(SCHEMA_KEY, '1');
  await migrateFromV1(store, silentLogger);
  await migrateFromV2(store, identity, silentLogger);
  await migrateFromV3(store, silentLogger);
  await migrateFromV4(store, silentLogger);
  await migrateFromV5(store, silentLogger);
  t.same(await checkState(store), [], 'a third run over a migrated store changes nothing it should not');
  t.ok((await store.revision()) > before, 'it ran');
});

t.test('schema 4 -> 5: join tokens written before get their retirement entries', async (t) => {
  const store = await fixture();
  t.teardown(() => store.close());
  await migrateFromV1(store, silentLogger);
  await migrateFromV2(store, JSON.parse((await store.get(IDENTITY_KEY))!.value.toString()) as Identity, silentLogger);
  await migrateFromV3(store, silentLogger);
  // Two tokens as schema 4 wrote them: the record alone.
  const old: JoinTokenRecord[] = [
    { id: 'old-expired', secretHash: '00', kind: 'agent', createdAt: 1000, expiresAt: 2000, usesAllowed: 0, uses: 0 },
    { id: 'old-live', secretHash: '00', kind: 'agent', createdAt: 1000, expiresAt: 4_000_000_000, usesAllowed: 1, uses: 0 },
  ];
  for (const r of old) await store.put(JOIN_TOKENS_PREFIX + r.id, JSON.stringify(r));
  await migrateFromV4(store, silentLogger);
  t.equal((await store.get(SCHEMA_KEY))?.value.toString(), '5');
  for (const r of old) t.ok(await store.get(joinTokenEntryKey(r)), `${r.id} has its entry`);
  t.same((await joinTokensRetiredBefore(store, 3_000_000, 10)).map((d) => d.id), ['old-expired'], 'the sweep finds the expired one');
});

t.test('a store of an unknown schema is refused, saying why', async (t) => {
  const newer = String(SCHEMA_VERSION + 1);
  for (const [value, message] of [[newer, new RegExp(`schema version ${newer}, newer than this server's ${SCHEMA_VERSION}: upgrade berth-server`)], ['soon', /not a version this server knows/]] as const) {
    const store = await fixture();
    await store.put(SCHEMA_KEY, value);
    await t.rejects(startServer({ insecure: true, listen: '127.0.0.1:0', store, log: silentLogger }), message);
    t.equal((await store.get(SCHEMA_KEY))?.value.toString(), value, 'and left as it was');
    await store.close();
  }
  const store = await fixture();
  await store.delete(SCHEMA_KEY);
  await t.rejects(startServer({ insecure: true, listen: '127.0.0.1:0', store, log: silentLogger }), /identity but no schema version/);
  await store.close();
});
