// Clusters over real gRPC on the file store.
import t from 'tap';
import { startTestServer, rejection, uniq, until } from './helpers.js';
import { instanceRecord, newId, serviceRecord, taskRecord, writeRecords } from './state-records.js';

const ts = await startTestServer();
t.teardown(() => ts.close());
const { client } = ts;
const { store } = ts.server.ctx;

t.test('CreateCluster creates an ACTIVE cluster with ECS defaults and is idempotent by name', async (t) => {
  const name = uniq('web');
  const { cluster } = await client.call('CreateCluster', { clusterName: name, tags: [{ key: 'env', value: 'dev' }] });
  t.equal(cluster?.clusterName, name);
  t.equal(cluster?.status, 'ACTIVE');
  t.equal(cluster?.clusterArn, `arn:aws:ecs:us-east-1:000000000000:cluster/${name}`);
  t.same(cluster?.settings, [{ name: 'containerInsights', value: 'disabled' }]);
  t.equal(cluster?.registeredContainerInstancesCount, 0, 'zero counts are sent, not dropped');
  const again = await client.call('CreateCluster', { clusterName: name, settings: [{ name: 'containerInsights', value: 'enabled' }] });
  t.same(again.cluster, cluster, 'creating an existing ACTIVE name returns it unchanged');
});

t.test('CreateCluster with no name creates default', async (t) => {
  const { cluster } = await client.call('CreateCluster', {});
  t.equal(cluster?.clusterName, 'default');
});

t.test('bad input: ECS\'s error name and text, the field beside it, and nothing written', async (t) => {
  // The leader's cluster counts settle first, so a write after this is the test's.
  await ts.server.leader.flushClusterStats();
  const before = await store.revision();
  const cases: [unknown, string, string, string][] = [
    [{ clusterName: 'bad name!' }, 'InvalidParameterException', 'clusterName', "'clusterName' may contain only letters, numbers, hyphens and underscores ('bad name!' given)."],
    [{ clusterName: 'x'.repeat(256) }, 'InvalidParameterException', 'clusterName', "'clusterName' must be at most 255 characters (256 given)."],
    [{ clusterName: uniq('c'), settings: [{ name: 'containerInsights', value: 'maybe' }] }, 'InvalidParameterException', 'settings[0].value', "The containerInsights setting must be one of enabled | disabled | enhanced ('maybe' given)."],
    [{ clusterName: uniq('c'), tags: [{ key: 'aws:reserved', value: 'x' }] }, 'InvalidParameterException', 'tags[0].key', "The tag key 'aws:reserved' uses the 'aws:' prefix, which is reserved for AWS use."],
  ];
  for (const [req, name, field, message] of cases) {
    const e = await rejection(client.call('CreateCluster', req as never));
    t.equal(e.ecsName, name, `${JSON.stringify(req).slice(0, 60)} -> ${name}`);
    t.equal(e.field, field);
    t.equal(e.message, message);
  }
  t.equal(await store.revision(), before, 'no write happened');
});

t.test('DescribeClusters reports missing names as failures and hides optional parts unless included', async (t) => {
  const name = uniq('desc');
  await client.call('CreateCluster', { clusterName: name, tags: [{ key: 'a', value: 'b' }] });
  const res = await client.call('DescribeClusters', { clusters: [name, 'nope-' + name] });
  t.equal(res.clusters?.length, 1);
  t.notOk(res.clusters?.[0]?.tags, 'tags only with include TAGS');
  t.notOk(res.clusters?.[0]?.settings, 'settings only with include SETTINGS');
  t.same(res.failures, [{ arn: `arn:aws:ecs:us-east-1:000000000000:cluster/nope-${name}`, reason: 'MISSING' }]);
  const full = await client.call('DescribeClusters', { clusters: [`arn:aws:ecs:us-east-1:000000000000:cluster/${name}`], include: ['TAGS', 'SETTINGS', 'STATISTICS'] });
  t.same(full.clusters?.[0]?.tags, [{ key: 'a', value: 'b' }]);
  t.ok(full.clusters?.[0]?.settings?.length);
  t.equal(full.clusters?.[0]?.statistics?.length, 8);
  const bad = await rejection(client.call('DescribeClusters', { include: ['NOPE' as never] }));
  t.equal(bad.ecsName, 'InvalidParameterException');
  t.match(bad.field, /^include/);
});

t.test('ListClusters pages with opaque tokens and skips INACTIVE clusters', async (t) => {
  const names = Array.from({ length: 7 }, (_, i) => `page-${String(i).padStart(2, '0')}-${uniq('x')}`);
  for (const n of names) await client.call('CreateCluster', { clusterName: n });
  await client.call('DeleteCluster', { cluster: names[3]! });
  const seen: string[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const page = await client.call('ListClusters', { maxResults: 2, ...(nextToken ? { nextToken } : {}) });
    t.ok((page.clusterArns?.length ?? 0) <= 2);
    seen.push(...(page.clusterArns ?? []));
    nextToken = page.nextToken;
    pages++;
  } while (nextToken);
  t.ok(pages > 3, 'several pages');
  t.equal(new Set(seen).size, seen.length, 'no duplicates');
  for (const [i, n] of names.entries()) {
    t.equal(seen.some((a) => a.endsWith('/' + n)), i !== 3, `${n} ${i === 3 ? 'not ' : ''}listed`);
  }
  const e = await rejection(client.call('ListClusters', { maxResults: 101 }));
  t.equal(e.field, 'maxResults');
  const tok = await rejection(client.call('ListClusters', { nextToken: 'garbage' }));
  t.equal(tok.field, 'nextToken');
});

t.test('DeleteCluster: INACTIVE stays describable; refused while the cluster holds instances, services or tasks', async (t) => {
  const name = uniq('del');
  await client.call('CreateCluster', { clusterName: name });
  // Member records written through the state layer, as the agent and scheduler parts write them.
  const [inst, tid] = [newId(), newId()];
  const cases = [
    [{ instances: [instanceRecord(name, inst, 'ACTIVE')] }, { instances: [instanceRecord(name, inst, 'INACTIVE')] }, 'ClusterContainsContainerInstancesException'],
    // ACTIVE, not DRAINING: the leader finishes a DRAINING service with no tasks (INACTIVE) at once.
    [{ services: [serviceRecord(name, 'svc', 'ACTIVE')] }, { services: [serviceRecord(name, 'svc', 'INACTIVE')] }, 'ClusterContainsServicesException'],
    [{ tasks: [taskRecord(name, tid, inst, 'RUNNING')] }, { tasks: [taskRecord(name, tid, inst, 'STOPPED')] }, 'ClusterContainsTasksException'],
  ] as const;
  for (const [members, gone, error] of cases) {
    await writeRecords(store, members);
    const e = await rejection(client.call('DeleteCluster', { cluster: name }));
    t.equal(e.ecsName, error);
    await writeRecords(store, gone, members);
  }
  const { cluster } = await client.call('DeleteCluster', { cluster: name });
  t.equal(cluster?.status, 'INACTIVE', 'stopped tasks do not block deletion');
  const d = await client.call('DescribeClusters', { clusters: [name] });
  t.equal(d.clusters?.[0]?.status, 'INACTIVE');
  const again = await rejection(client.call('DeleteCluster', { cluster: name }));
  t.equal(again.ecsName, 'ClusterNotFoundException');
  const missing = await rejection(client.call('DeleteCluster', { cluster: uniq('never') }));
  t.equal(missing.ecsName, 'ClusterNotFoundException');
  const re = await client.call('CreateCluster', { clusterName: name });
  t.equal(re.cluster?.status, 'ACTIVE', 're-creating a deleted name works');
});

t.test('cluster counts come from its members, as the leader aggregates them', async (t) => {
  const name = uniq('counts');
  await client.call('CreateCluster', { clusterName: name });
  const [a, b] = [newId(), newId()];
  await writeRecords(store, {
    instances: [instanceRecord(name, a, 'ACTIVE'), instanceRecord(name, b, 'DRAINING'), instanceRecord(name, newId(), 'INACTIVE')],
    tasks: [taskRecord(name, newId(), a, 'RUNNING'), taskRecord(name, newId(), b, 'PENDING'), taskRecord(name, newId(), b, 'STOPPED')],
    services: [serviceRecord(name, 'web'), serviceRecord(name, 'old', 'INACTIVE')],
  });
  const c = await until('the counts', async () => {
    await ts.server.leader.flushClusterStats();
    const c = (await client.call('DescribeClusters', { clusters: [name] })).clusters![0]!;
    return c.runningTasksCount === 1 && c;
  });
  t.equal(c.registeredContainerInstancesCount, 2);
  t.equal(c.runningTasksCount, 1);
  t.equal(c.pendingTasksCount, 1);
  t.equal(c.activeServicesCount, 1);
});

t.test('an action Berth does not implement names itself', async (t) => {
  const e = await rejection(client.call('ListServicesByNamespace', { namespace: 'x' } as never));
  t.equal(e.ecsName, 'UnsupportedFeatureException');
  t.match(e.message, /ListServicesByNamespace/);
});
