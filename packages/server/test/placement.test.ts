// Placement through the API on the file store (and a race on etcd), without agents: RunTask's
// strategies and constraints over registered instances, the task groups each instance record keeps,
// draining, custom attributes usable at once, and failures that say why.
import t from 'tap';
import { ELBV2_API, LB_GROUP_ATTRIBUTE, type Attribute, type Elbv2, type TaskStateReport } from '@berth/core';
import type { BerthClient } from '@berth/api';
import type { Store } from '@berth/store';
import { clearEtcdNamespace, etcdNamespace, rejection, startTestServer, uniq, type TestServer } from './helpers.js';
import { sessionKey } from '../src/index.js';
import { getInstance } from '../src/state/instances.js';
import { writeRecords } from './state-records.js';
import { applyTaskReport } from '../src/dispatch/task-reports.js';

const ts = await startTestServer();
t.teardown(() => ts.close());
const { client } = ts;
const { store } = ts.server.ctx;

const idOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

async function addInstance(c: BerthClient, s: Store, cluster: string, attributes: Attribute[], memory = 4096): Promise<string> {
  const { containerInstance } = await c.call('RegisterContainerInstance', {
    cluster,
    totalResources: [
      { name: 'CPU', type: 'INTEGER', integerValue: 4096 },
      { name: 'MEMORY', type: 'INTEGER', integerValue: memory },
      { name: 'PORTS', type: 'STRINGSET', stringSetValue: ['22'] },
      { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: [] },
    ],
    versionInfo: { agentVersion: '0.1.0' },
    attributes,
  });
  const id = idOf(containerInstance!.containerInstanceArn!);
  await s.put(sessionKey(id), JSON.stringify({ sessionId: 'test' }));
  return id;
}

/** A cluster of named instances: zone a (prod, dev), zone b (prod), each 4096 MiB unless said. */
async function fleet(c: BerthClient, s: Store, memory: Record<string, number> = {}) {
  const cluster = uniq('place');
  await c.call('CreateCluster', { clusterName: cluster });
  const ids = {
    aProd: await addInstance(c, s, cluster, [{ name: 'ecs.availability-zone', value: 'a' }, { name: 'stack', value: 'prod' }], memory.aProd),
    aDev: await addInstance(c, s, cluster, [{ name: 'ecs.availability-zone', value: 'a' }, { name: 'stack', value: 'dev' }], memory.aDev),
    bProd: await addInstance(c, s, cluster, [{ name: 'ecs.availability-zone', value: 'b' }, { name: 'stack', value: 'prod' }], memory.bProd),
  };
  const family = uniq('fam');
  await c.call('RegisterTaskDefinition', { family, containerDefinitions: [{ name: 'app', image: 'busybox', memory: 100 }] });
  return { cluster, family, ids, name: (id: string) => Object.entries(ids).find(([, v]) => v === id)![0] };
}

const where = (res: { tasks?: { containerInstanceArn?: string }[] }, name: (id: string) => string) => (res.tasks ?? []).map((x) => name(idOf(x.containerInstanceArn!)));
const tally = (xs: string[]) => xs.reduce<Record<string, number>>((m, x) => ({ ...m, [x]: (m[x] ?? 0) + 1 }), {});
const record = async (s: Store, cluster: string, id: string) => (await getInstance(s, cluster, id))!.value;

t.test('spread over zones, binpack, memberOf from the request, as ECS would place them', async (t) => {
  const f = await fleet(client, store, { aDev: 1000 });
  const spread = await client.call('RunTask', { cluster: f.cluster, taskDefinition: f.family, count: 4, placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'spread', field: 'instanceId' }] });
  t.same(tally(where(spread, f.name)), { aProd: 1, aDev: 1, bProd: 2 }, 'two per zone, then one per instance within zone a');
  const binpack = await client.call('RunTask', { cluster: f.cluster, taskDefinition: f.family, count: 3, group: 'packed', placementStrategy: [{ type: 'binpack', field: 'memory' }] });
  t.same(where(binpack, f.name), ['aDev', 'aDev', 'aDev'], 'the instance with the least memory left');
  const prod = await client.call('RunTask', { cluster: f.cluster, taskDefinition: f.family, count: 6, group: 'prod-only', placementConstraints: [{ type: 'memberOf', expression: 'attribute:stack == prod' }], placementStrategy: [{ type: 'spread', field: 'instanceId' }] });
  t.same(tally(where(prod, f.name)), { aProd: 3, bProd: 3 });
  const groups = (await record(store, f.cluster, f.ids.aProd)).taskGroups;
  t.same(groups, { [`family:${f.family}`]: 1, 'prod-only': 3 }, 'the instance record keeps its tasks by group');
});

t.test('distinctInstance counts the tasks already there and the ones of this call; task definition constraints apply too', async (t) => {
  const f = await fleet(client, store);
  const first = await client.call('RunTask', { cluster: f.cluster, taskDefinition: f.family, group: 'web', count: 2, placementConstraints: [{ type: 'distinctInstance' }] });
  t.equal(new Set(where(first, f.name)).size, 2);
  const second = await client.call('RunTask', { cluster: f.cluster, taskDefinition: f.family, group: 'web', count: 2, placementConstraints: [{ type: 'distinctInstance' }] });
  t.equal(second.tasks?.length, 1, 'one instance is left without a web task');
  t.same(new Set([...where(first, f.name), ...where(second, f.name)]).size, 3);
  t.same(second.failures?.map((x) => x.reason), ['ATTRIBUTE', 'ATTRIBUTE', 'ATTRIBUTE']);
  t.match(second.failures?.[0]?.detail, /distinctInstance does not hold: a task of web is already there; 1 of 2 tasks could not be placed: no container instance met all requirements \(3 instances: 3 excluded by ATTRIBUTE distinctInstance\)/);
  // Task definition memberOf + request memberOf: both bind.
  const pinned = uniq('pinned');
  await client.call('RegisterTaskDefinition', { family: pinned, containerDefinitions: [{ name: 'app', image: 'busybox', memory: 10 }], placementConstraints: [{ type: 'memberOf', expression: 'attribute:stack == prod' }] });
  const both = await client.call('RunTask', { cluster: f.cluster, taskDefinition: pinned, count: 3, placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.availability-zone == a' }] });
  t.same(where(both, f.name), ['aProd', 'aProd', 'aProd']);
  // Affinity with task:group: next to the web tasks only.
  const near = await client.call('RunTask', { cluster: f.cluster, taskDefinition: f.family, count: 2, group: 'cache', placementConstraints: [{ type: 'memberOf', expression: 'task:group == web and attribute:stack == prod' }] });
  t.equal(near.tasks?.length, 2);
  const bad = await rejection(client.call('RunTask', { cluster: f.cluster, taskDefinition: pinned, placementConstraints: Array.from({ length: 10 }, () => ({ type: 'distinctInstance' as const })) }));
  t.equal(bad.field, 'placementConstraints');
  t.match(bad.message, /1 in the task definition/);
});

t.test('task groups follow the tasks: STOPPED gives the group back, re-registration recomputes', async (t) => {
  const f = await fleet(client, store);
  const run = await client.call('RunTask', { cluster: f.cluster, taskDefinition: f.family, count: 2, group: 'g', placementConstraints: [{ type: 'memberOf', expression: 'attribute:stack == dev' }] });
  t.same((await record(store, f.cluster, f.ids.aDev)).taskGroups, { g: 2 });
  const stop: TaskStateReport = { taskArn: run.tasks![0]!.taskArn!, counter: 1, lastStatus: 'STOPPED', containers: [{ containerName: 'app', status: 'STOPPED', exitCode: 0 }] };
  await applyTaskReport(ts.server.ctx, f.ids.aDev, stop);
  t.same((await record(store, f.cluster, f.ids.aDev)).taskGroups, { g: 1 });
  await applyTaskReport(ts.server.ctx, f.ids.aDev, { ...stop, taskArn: run.tasks![1]!.taskArn! });
  t.same((await record(store, f.cluster, f.ids.aDev)).taskGroups, {});
  const again = await client.call('RunTask', { cluster: f.cluster, taskDefinition: f.family, group: 'g', placementConstraints: [{ type: 'memberOf', expression: 'attribute:stack == dev and not(task:group == g)' }] });
  t.equal(again.tasks?.length, 1, 'the stopped tasks no longer count');
  // A damaged record: re-registration recomputes its groups from the instance's live tasks.
  const rec = await record(store, f.cluster, f.ids.aDev);
  await writeRecords(store, { instances: [{ ...rec, taskGroups: { junk: 7 } }] }, { instances: [rec] });
  await client.call('RegisterContainerInstance', {
    cluster: f.cluster, containerInstanceArn: rec.instance.containerInstanceArn, totalResources: rec.instance.registeredResources,
    attributes: [{ name: 'ecs.availability-zone', value: 'a' }, { name: 'stack', value: 'dev' }],
  });
  t.same((await record(store, f.cluster, f.ids.aDev)).taskGroups, { g: 1 });
});

t.test('a DRAINING instance gets no new tasks; ACTIVE again, it does', async (t) => {
  const f = await fleet(client, store);
  const drained = await client.call('UpdateContainerInstancesState', { cluster: f.cluster, containerInstances: [f.ids.aDev], status: 'DRAINING' });
  t.equal(drained.containerInstances?.[0]?.status, 'DRAINING');
  const run = await client.call('RunTask', { cluster: f.cluster, taskDefinition: f.family, count: 9, placementStrategy: [{ type: 'spread', field: 'instanceId' }] });
  t.notOk(where(run, f.name).includes('aDev'));
  const only = await client.call('RunTask', { cluster: f.cluster, taskDefinition: f.family, placementConstraints: [{ type: 'memberOf', expression: 'attribute:stack == dev' }] });
  t.same(only.tasks, []);
  t.same(only.failures?.map((x) => [f.name(idOf(x.arn!)), x.reason]).sort(), [['aDev', 'DRAINING'], ['aProd', 'ATTRIBUTE'], ['bProd', 'ATTRIBUTE']]);
  t.match(only.failures?.find((x) => x.reason === 'DRAINING')?.detail, /the container instance is DRAINING; the task could not be placed: no container instance met all requirements \(3 instances: 1 excluded by DRAINING, 2 excluded by ATTRIBUTE memberOf\(attribute:stack == dev\)\)/);
  await client.call('UpdateContainerInstancesState', { cluster: f.cluster, containerInstances: [f.ids.aDev], status: 'ACTIVE' });
  const back = await client.call('RunTask', { cluster: f.cluster, taskDefinition: f.family, placementConstraints: [{ type: 'memberOf', expression: 'attribute:stack == dev' }] });
  t.same(where(back, f.name), ['aDev']);
});

t.test('custom attributes are usable in constraints at once; a cluster of only INACTIVE instances has none', async (t) => {
  const f = await fleet(client, store);
  const none = await client.call('RunTask', { cluster: f.cluster, taskDefinition: f.family, placementConstraints: [{ type: 'memberOf', expression: 'attribute:gpu exists' }] });
  t.same(none.tasks, []);
  await client.call('PutAttributes', { cluster: f.cluster, attributes: [{ name: 'gpu', value: 'yes', targetType: 'container-instance', targetId: f.ids.bProd }] });
  const now = await client.call('RunTask', { cluster: f.cluster, taskDefinition: f.family, placementConstraints: [{ type: 'memberOf', expression: 'attribute:gpu exists' }] });
  t.same(where(now, f.name), ['bProd']);
  const spread = await client.call('RunTask', { cluster: f.cluster, taskDefinition: f.family, count: 2, group: 'sg', placementStrategy: [{ type: 'spread', field: 'attribute:gpu' }] });
  t.ok(where(spread, f.name).includes('bProd'), 'spread over a custom attribute: the instances without it are one more value');
  const empty = uniq('gone');
  await client.call('CreateCluster', { clusterName: empty });
  const only = await addInstance(client, store, empty, []);
  await client.call('DeregisterContainerInstance', { cluster: empty, containerInstance: only });
  const e = await rejection(client.call('RunTask', { cluster: empty, taskDefinition: f.family }));
  t.equal(e.message, 'No Container Instances were found in your cluster.');
});

t.test('a listener port of the load balancers a machine serves is not a task\'s host port there', async (t) => {
  const cluster = uniq('lbports');
  const group = uniq('edge');
  await client.call('CreateCluster', { clusterName: cluster });
  const lbMachine = await addInstance(client, store, cluster, [{ name: LB_GROUP_ATTRIBUTE, value: group }]);
  const plain = await addInstance(client, store, cluster, []);
  const elb = <R>(action: string, req: object) => client.callApi(ELBV2_API, action, req) as Promise<R>;
  const lb = (await elb<Elbv2.CreateLoadBalancerOutput>('CreateLoadBalancer', { Name: uniq('lb'), Subnets: [group] })).LoadBalancers![0]!;
  await elb('CreateListener', { LoadBalancerArn: lb.LoadBalancerArn, Port: 18080, DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200' } }] });
  const family = uniq('static');
  await client.call('RegisterTaskDefinition', { family, containerDefinitions: [{ name: 'app', image: 'busybox', memory: 100, portMappings: [{ containerPort: 80, hostPort: 18080 }] }] });
  const res = await client.call('RunTask', { cluster, taskDefinition: family, count: 2 });
  t.same((res.tasks ?? []).map((x) => idOf(x.containerInstanceArn!)), [plain], 'only the plain instance takes the port');
  const f = res.failures?.find((x) => x.arn?.endsWith(lbMachine));
  t.match(f, { reason: 'RESOURCE:PORTS', detail: new RegExp(`host port 18080/tcp is a listener port of the load balancers this instance serves \\(group ${group}\\)`) }, 'the load-balancer machine says why');
  const other = uniq('other');
  await client.call('RegisterTaskDefinition', { family: other, containerDefinitions: [{ name: 'app', image: 'busybox', memory: 100, portMappings: [{ containerPort: 80, hostPort: 18081 }] }] });
  t.equal((await client.call('RunTask', { cluster, taskDefinition: other, count: 2 })).tasks?.length, 2, 'another port goes anywhere');
});

t.test('distinctInstance holds across two servers on one etcd', async (t) => {
  const namespace = etcdNamespace('placement');
  const a = await startTestServer({ etcdNamespace: namespace });
  const b = await startTestServer({ etcdNamespace: namespace });
  t.teardown(async () => {
    await a.close();
    await b.close();
    await clearEtcdNamespace(namespace);
  });
  const f = await fleet(a.client, a.server.ctx.store);
  const servers: TestServer[] = [a, b];
  const results = await Promise.all(Array.from({ length: 12 }, (_, i) => servers[i % 2]!.client.call('RunTask', {
    cluster: f.cluster, taskDefinition: f.family, group: 'one-each', placementConstraints: [{ type: 'distinctInstance' }],
  })));
  const placed = results.flatMap((r) => where(r, f.name));
  t.same(placed.sort(), ['aDev', 'aProd', 'bProd'], 'one task per instance, whichever replica placed it');
  t.equal(results.filter((r) => r.failures?.[0]?.reason === 'ATTRIBUTE').length, 9);
});
