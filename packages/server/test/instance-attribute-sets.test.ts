// The instance event's attributes, stored once per window (state/instance-attribute-sets.ts): what
// WatchEvents delivers is byte for byte the event's JSON text as it was built before sets existed, across
// PutAttributes, a window rolling over, a change of the retention window, retention and a restart with an
// empty in-memory cache; a set is put once per window, not per event; retention never leaves a kept event
// naming a deleted set (the state check says so, and catches it when it is made to happen). On the file
// store and on etcd. The control plane's clock is the test's (ctx.now), so windows pass without waiting.
import t from 'tap';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthClient } from '@berth/api';
import { EVENTS_API, clusterArn, containerInstanceStateChangeEvent } from '@berth/core';
import { FileStore, type Op, type Store } from '@berth/store';
import { startServer, silentLogger, sessionKey, type RunningServer } from '../src/index.js';
import { sweepEvents } from '../src/controllers/leader/event-retention.js';
import { EVENTS_ROOT, eventAttributeSet, eventPutOp, eventText, eventsPrefix, storedEvents, storedInstanceEvent, ATTRIBUTES_HOLE } from '../src/state/events.js';
import { ATTRIBUTE_SETS_ROOT, attributeSetWindowEnd, cachedAttributeSets, forgetAttributeSets, listAttributeSets } from '../src/state/instance-attribute-sets.js';
import { getInstance, instanceKey } from '../src/state/instances.js';
import { rangeAll, withRepeatedPutsOnce } from '../src/state/kit.js';
import { checkState } from './state-check.js';
import { SCHEMA_KEY, SCHEMA_VERSION } from '../src/state/schema.js';
import { REPO_ROOT, clearEtcdNamespace, etcdNamespace, openEtcdNamespace, uniq } from './helpers.js';

const idOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);
const HOUR = 3600;

t.test('stored text and window ends (no server)', async (t) => {
  const kvOf = (op: { put: string; value: string }) => ({ key: op.put, value: Buffer.from(op.value), createRevision: 1, modRevision: 1, version: 1 });
  const event = { version: '0', id: 'x', detail: { attachments: [], attributes: ATTRIBUTES_HOLE, statusReason: 'ünïcödé ☃ "attributes":[]', version: 3 } };
  const attrs = [{ name: 'ecs.capability.a', value: 'é' }, { name: 'b' }];
  const setText = JSON.stringify(attrs);
  const op = storedInstanceEvent('c', 1000, event, '000000000003600/abc') as { put: string; value: string };
  t.equal(op.value.slice(0, 1), '#', 'stored with its set named first');
  t.notOk(op.value.includes('ecs.capability'), 'without the attributes');
  t.equal(eventAttributeSet(Buffer.from(op.value)), '000000000003600/abc');
  const fakeStore = { get: async () => ({ key: '', value: Buffer.from(setText), createRevision: 1, modRevision: 1, version: 1 }) } as unknown as Store;
  forgetAttributeSets();
  t.equal(await eventText(fakeStore, kvOf(op)), JSON.stringify({ ...event, detail: { ...event.detail, attributes: attrs } }), 'read back: the whole text, byte for byte, non-ASCII before the hole');
  const plain = eventPutOp('c', 1000, { detail: { attributes: attrs } }) as { put: string; value: string };
  t.equal(eventText(fakeStore, kvOf(plain)), plain.value, 'an event written whole (as before sets existed) is read as it is');
  t.equal(eventAttributeSet(Buffer.from(plain.value)), undefined);
  t.throws(() => storedInstanceEvent('c', 1000, { detail: {} }, 'r'), 'an event without the hole is refused');
  // The end of the window an event time falls in: [END - w, END).
  const rows: [number, number, number][] = [[0, 3600, 3_600_000], [3599.999, 3600, 3_600_000], [3600, 3600, 7_200_000], [1_700_000_123.4, 60, 1_700_000_160_000], [10, 0.5, 10_500]];
  for (const [now, w, end] of rows) t.equal(attributeSetWindowEnd(now, w), end, `${now} in windows of ${w}s ends at ${end}`);
});

interface Env { server: RunningServer; client: BerthClient }

function suite(name: string, storeOf: () => Promise<string | Store>, closeStore: (s: string | Store) => Promise<void>) {
  t.test(name, async (t) => {
    const store = await storeOf();
    t.teardown(() => closeStore(store));
    let clock = Math.floor(Date.now() / 1000 / HOUR) * HOUR + 10;
    const start = async (): Promise<Env> => {
      const server = await startServer({ insecure: true, listen: '127.0.0.1:0', store, log: silentLogger, eventRetentionSeconds: HOUR });
      server.ctx.now = () => clock;
      return { server, client: new BerthClient(server.addr) };
    };
    const stop = async (env: Env) => {
      env.client.close();
      await env.server.close();
    };
    let env = await start();
    t.teardown(() => stop(env));
    const ctx = () => env.server.ctx;

    const cluster = uniq('sets');
    const family = uniq('fam');
    await env.client.call('CreateCluster', { clusterName: cluster });
    // As many attributes as the benchmark's agent registers.
    const attributes = Array.from({ length: 57 }, (_, i) => ({ name: `ecs.capability.feature-${i}`, ...(i % 3 ? { value: `v${i}` } : {}) }));
    const { containerInstance } = await env.client.call('RegisterContainerInstance', {
      cluster, attributes,
      totalResources: [{ name: 'CPU', type: 'INTEGER', integerValue: 4096 }, { name: 'MEMORY', type: 'INTEGER', integerValue: 4096 }],
    });
    const instance = idOf(containerInstance!.containerInstanceArn!);
    await ctx().store.put(sessionKey(instance), '{"sessionId":"test"}');
    await env.server.connectivity.reconcile(instance);
    await env.client.call('RegisterTaskDefinition', { family, containerDefinitions: [{ name: 'app', image: 'busybox', memory: 10 }] });

    /** Every event of the cluster as WatchEvents delivers it: the texts. */
    const delivered = async (): Promise<string[]> => {
      const out: string[] = [];
      for await (const m of env.client.watchEvents({ cluster, follow: false })) out.push(m.event!);
      return out;
    };
    const instanceEvents = async () => (await delivered()).filter((x) => x.includes('"detail-type":"ECS Container Instance State Change"'));
    /** The last instance event delivered is the text the event builder makes of the stored instance now, at this clock. */
    const lastIsExact = async (t: { equal(a: unknown, b: unknown, m: string): unknown }, what: string, at = clock) => {
      const last = (await instanceEvents()).at(-1)!;
      const rec = (await getInstance(ctx().store, cluster, instance))!.value;
      const id = (JSON.parse(last) as { id: string }).id;
      const want = JSON.stringify(containerInstanceStateChangeEvent(ctx().identity, rec.instance, clusterArn(ctx().identity, cluster), true, at, id));
      t.equal(last, want, `${what}: delivered byte for byte as built whole`);
    };
    const sets = () => listAttributeSets(ctx().store);
    // Each stored event (a launch's task and instance events share a key: a batch, state/events.ts).
    const storedClusterEvents = async () => (await rangeAll(ctx().store, eventsPrefix(cluster))).flatMap((kv) => storedEvents(kv));

    // The rule engine reads the events too: a rule on an attribute matches only if it sees them. Its
    // target fails (no such task definition), which the invocation records with the event's id.
    const rule = uniq('on-attr');
    await env.client.callApi(EVENTS_API, 'PutRule', {
      Name: rule,
      EventPattern: JSON.stringify({ source: ['aws.ecs'], 'detail-type': ['ECS Container Instance State Change'], detail: { clusterArn: [clusterArn(ctx().identity, cluster)], attributes: { name: ['ecs.capability.feature-5'] } } }),
    });
    await env.client.callApi(EVENTS_API, 'PutTargets', { Rule: rule, Targets: [{ Id: 't', Arn: clusterArn(ctx().identity, cluster), RoleArn: `arn:aws:iam::${ctx().identity.accountId}:role/none`, EcsParameters: { TaskDefinitionArn: uniq('none') } }] });

    await t.test('one set per window, named by every instance event of it', async (t) => {
      await env.client.call('RunTask', { cluster, taskDefinition: family });
      await env.client.call('RunTask', { cluster, taskDefinition: family });
      await lastIsExact(t, 'a launch');
      const stored = (await storedClusterEvents()).filter((kv) => eventAttributeSet(kv.value) !== undefined);
      t.equal(stored.length, 4, 'registration, connect and two launches name a set');
      const all = await sets();
      t.equal(all.length, 1, 'one set put for the four');
      t.ok(stored.every((kv) => eventAttributeSet(kv.value) === all[0]), 'the same set');
      t.ok(stored.every((kv) => kv.value.length < 2000), `each stored instance event is small (${stored.map((kv) => kv.value.length).join(', ')} bytes)`);
      t.equal((await getInstance(ctx().store, cluster, instance))!.value.attributeSet, all[0], 'the live record remembers it');
      const texts = await instanceEvents();
      t.equal(texts.length, 4);
      for (const x of texts) t.same((JSON.parse(x) as { detail: { attributes: unknown } }).detail.attributes, attributes, 'every delivered event carries the attributes');
      // The two launches came after the rule (registration and connect came before it: they match if the
      // engine reached them after the rule was put).
      const ids = texts.map((x) => (JSON.parse(x) as { id: string }).id).slice(-2);
      const invoked = async () => {
        const seen = new Set<string>();
        for await (const m of env.client.watchEvents({ detailTypes: ['Berth Invocation'], follow: false })) {
          const d = (JSON.parse(m.event!) as { detail: { rule?: string; eventId?: string } }).detail;
          if (d.rule === rule && d.eventId !== undefined) seen.add(d.eventId);
        }
        return seen;
      };
      let seen = new Set<string>();
      for (let i = 0; i < 100 && !ids.every((id) => seen.has(id)); i++) {
        await new Promise((r) => setTimeout(r, 200));
        seen = await invoked();
      }
      t.ok(ids.every((id) => seen.has(id)), `the rule engine matched the instance events on an attribute (${seen.size} invocations)`);
    });

    await t.test('other attributes: another set', async (t) => {
      await env.client.call('PutAttributes', { cluster, attributes: [{ name: 'custom', value: 'yes', targetType: 'container-instance', targetId: instance }] });
      await env.client.call('RunTask', { cluster, taskDefinition: family });
      await lastIsExact(t, 'after PutAttributes');
      t.equal((await sets()).length, 2, 'the new attributes are a new set');
      t.match(JSON.parse((await instanceEvents()).at(-1)!), { detail: { attributes: [...attributes, { name: 'custom', value: 'yes' }] } });
    });

    await t.test('a new window: the set again, for it', async (t) => {
      clock += HOUR;
      await env.client.call('RunTask', { cluster, taskDefinition: family });
      await lastIsExact(t, 'in the next window');
      const all = await sets();
      t.equal(all.length, 3, 'put once more, for the new window');
      t.equal(new Set(all.map((r) => r.slice(r.indexOf('/') + 1))).size, 2, 'same content, same hash');
    });

    let before: string[] = [];
    await t.test('a shorter retention window, retention, and the check', async (t) => {
      ctx().eventRetentionSeconds = 60;
      await env.client.call('RunTask', { cluster, taskDefinition: family });
      await lastIsExact(t, 'with 60-s windows');
      t.equal((await sets()).length, 4);
      clock += 2 * HOUR;
      await env.client.call('RunTask', { cluster, taskDefinition: family });
      const kept0 = await delivered();
      const launchedAt = clock;
      clock += 30;
      t.ok((await sweepEvents(ctx(), 60)) > 0, 'old events go');
      const left = await sets();
      t.equal(left.length, 1, 'the sets of windows a window older than the cutoff go with them');
      const kept = await delivered();
      t.equal(kept.length, 2, 'the last launch\'s events stay');
      t.same(kept, kept0.slice(-2), 'and read the same as before the sweep');
      await lastIsExact(t, 'after retention', launchedAt);
      t.same(await checkState(ctx().store), [], 'no kept event names a missing set');
      // The check sees it when a set is missing.
      const set = left[0]!;
      const kv = (await ctx().store.get(ATTRIBUTE_SETS_ROOT + set))!;
      await ctx().store.delete(ATTRIBUTE_SETS_ROOT + set);
      t.match((await checkState(ctx().store)).join('\n'), `names the attribute set ${set}, which is not in the store`);
      await ctx().store.put(ATTRIBUTE_SETS_ROOT + set, kv.value.toString());
      t.same(await checkState(ctx().store), []);
      before = await delivered();
    });

    await t.test('after a restart, with nothing in memory: the same text', async (t) => {
      await stop(env);
      forgetAttributeSets();
      env = await start();
      ctx().eventRetentionSeconds = 60;
      t.same(await delivered(), before, 'delivered byte for byte as before the restart');
      t.ok(cachedAttributeSets() >= 1, 'the set was read from the store');
      t.ok((await rangeAll(ctx().store, EVENTS_ROOT)).length > 0);
      t.ok((await ctx().store.get(instanceKey(cluster, instance))) !== null);
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'berth-attribute-sets-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

t.test('a store written by older code (the v5 fixture): its events are delivered as they were stored; this schema', async (t) => {
  const path = join(dir, 'v5.db');
  copyFileSync(join(REPO_ROOT, 'packages/server/test/fixtures/v5-store/berth.db'), path);
  const store = await FileStore.open(path);
  const stored = await rangeAll(store, EVENTS_ROOT);
  const forever = 100 * 365 * 24 * 3600;
  const server = await startServer({ insecure: true, listen: '127.0.0.1:0', store, log: silentLogger, taskRetentionSeconds: forever, eventRetentionSeconds: forever });
  const client = new BerthClient(server.addr);
  t.teardown(async () => { client.close(); await server.close(); await store.close(); });
  t.equal((await store.get(SCHEMA_KEY))?.value.toString(), String(SCHEMA_VERSION), 'migrated to this schema');
  const whole = stored.filter((kv) => kv.value.toString().includes('"detail-type":"ECS Container Instance State Change"'));
  t.ok(whole.length > 0 && whole.every((kv) => kv.value[0] === 0x7b && kv.value.toString().includes('"attributes":[')), `the fixture holds instance events written whole (${whole.length})`);
  const texts = new Map<string, string>();
  for await (const m of client.watchEvents({ follow: false })) texts.set((JSON.parse(m.event!) as { id: string }).id, m.event!);
  for (const kv of stored) {
    const id = (JSON.parse(kv.value.toString()) as { id: string }).id;
    t.equal(texts.get(id), kv.value.toString(), `event ${id}: delivered as stored`);
  }
  t.same(await checkState(store), []);
});

suite('file store', async () => `file:${join(dir, 'berth.db')}`, async () => {});
const namespace = etcdNamespace('attribute-sets');
t.teardown(() => clearEtcdNamespace(namespace));
suite('etcd', () => openEtcdNamespace(namespace), async (s) => { if (typeof s !== 'string') await s.close(); });

// Found by the api-latency benchmark at 10:00 UTC: the first launch of a new window over two instances
// with the same attributes put their one set twice in one transaction, which the store refuses (as etcd
// does), and every RunTask of that batch failed with ServerException until each instance had its set.
t.test('a new window: one launch over two instances with the same attributes puts their set once', async (t) => {
  const server = await startServer({ insecure: true, listen: '127.0.0.1:0', store: `file:${join(dir, 'two.db')}`, log: silentLogger, eventRetentionSeconds: HOUR });
  let clock = Math.floor(Date.now() / 1000 / HOUR) * HOUR + 10;
  server.ctx.now = () => clock;
  const client = new BerthClient(server.addr);
  t.teardown(async () => { client.close(); await server.close(); });
  const cluster = uniq('two');
  const family = uniq('fam');
  await client.call('CreateCluster', { clusterName: cluster });
  const attributes = Array.from({ length: 5 }, (_, i) => ({ name: `ecs.capability.same-${i}` }));
  for (let i = 0; i < 2; i++) {
    const { containerInstance } = await client.call('RegisterContainerInstance', {
      cluster, attributes,
      totalResources: [{ name: 'CPU', type: 'INTEGER', integerValue: 1024 }, { name: 'MEMORY', type: 'INTEGER', integerValue: 1024 }],
    });
    const id = idOf(containerInstance!.containerInstanceArn!);
    await server.ctx.store.put(sessionKey(id), '{"sessionId":"test"}');
    await server.connectivity.reconcile(id);
  }
  await client.call('RegisterTaskDefinition', { family, containerDefinitions: [{ name: 'app', image: 'busybox', memory: 10 }] });
  clock += HOUR;
  const end = attributeSetWindowEnd(clock, HOUR);
  const r = await client.call('RunTask', { cluster, taskDefinition: family, count: 2, placementConstraints: [{ type: 'distinctInstance' }] });
  t.equal(r.tasks?.length, 2, `both tasks launched (${JSON.stringify(r.failures)})`);
  t.equal(new Set(r.tasks!.map((x) => x.containerInstanceArn)).size, 2, 'on the two instances, in one transaction');
  const inWindow = (await listAttributeSets(server.ctx.store)).filter((ref) => Number(ref.slice(0, ref.indexOf('/'))) === end);
  t.equal(inWindow.length, 1, "the new window's one set");
});

t.test('withRepeatedPutsOnce: a put repeated with the same value is written once; nothing else changes', async (t) => {
  const rows: [string, Op[], Op[]][] = [
    ['none repeated', [{ put: 'a', value: '1' }, { delete: 'b' }], [{ put: 'a', value: '1' }, { delete: 'b' }]],
    ['same key, same value', [{ put: 's', value: 'x' }, { put: 'a', value: '1' }, { put: 's', value: 'x' }], [{ put: 's', value: 'x' }, { put: 'a', value: '1' }]],
    ['a string and its bytes', [{ put: 's', value: 'x' }, { put: 's', value: Buffer.from('x') }], [{ put: 's', value: 'x' }]],
    ['same key, another value: left for the store to refuse', [{ put: 's', value: 'x' }, { put: 's', value: 'y' }], [{ put: 's', value: 'x' }, { put: 's', value: 'y' }]],
  ];
  for (const [what, ops, want] of rows) t.same(withRepeatedPutsOnce(ops), want, what);
});
