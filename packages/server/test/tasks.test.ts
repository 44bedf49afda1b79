// Tasks over real gRPC on the file store (and a race on etcd), without agents: instances are registered
// with RegisterContainerInstance, and the session key that makes agentConnected is written by the test
// (the dispatcher writes it for real, on a lease, while an agent's stream is open). Agent reports are
// applied by calling applyTaskReport, as the dispatcher does.
import t from 'tap';
import { agentCapabilities, type BerthError, resourceAmounts, type ContainerDefinition, type RunTaskRequest, type TaskStateReport } from '@berth/core';
import type { BerthClient } from '@berth/api';
import type { Store } from '@berth/store';
import { carriesPath, clearEtcdNamespace, connectInstance, etcdNamespace, startTestServer, rejection, uniq, until, type TestServer } from './helpers.js';
import { assignmentKey } from '../src/state/assignments.js';
import { instanceKey, instancesPrefix } from '../src/state/instances.js';
import { taskKey } from '../src/state/tasks.js';
import { ROOT, expandedText, rangeAll } from '../src/state/kit.js';
import { applyTaskReport, applyTaskReports } from '../src/dispatch/task-reports.js';

const ts = await startTestServer();
t.teardown(() => ts.close());
const { client } = ts;
const { store } = ts.server.ctx;

const idOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

async function addInstance(c: BerthClient, s: Store, cluster: string, opts: { cpu?: number; memory?: number; connected?: boolean; ports?: string[] } = {}): Promise<string> {
  const { containerInstance } = await c.call('RegisterContainerInstance', {
    cluster,
    totalResources: [
      { name: 'CPU', type: 'INTEGER', integerValue: opts.cpu ?? 4096 },
      { name: 'MEMORY', type: 'INTEGER', integerValue: opts.memory ?? 4096 },
      { name: 'PORTS', type: 'STRINGSET', stringSetValue: opts.ports ?? ['22'] },
      { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: [] },
    ],
    // What a Berth agent advertises: the task definitions here use health checks, dependsOn...
    attributes: [{ name: 'ecs.availability-zone', value: 'home-1a' }, ...agentCapabilities('1.41').map((name) => ({ name }))],
  });
  const id = idOf(containerInstance!.containerInstanceArn!);
  // Waited for, so the tests' later writes are theirs.
  if (opts.connected !== false) await connectInstance(s, cluster, id);
  return id;
}

async function addTaskDef(c: BerthClient, family: string, containers: ContainerDefinition[] = [{ name: 'app', image: 'busybox', memory: 100 }], extra: object = {}): Promise<string> {
  const { taskDefinition } = await c.call('RegisterTaskDefinition', { family, containerDefinitions: containers, ...extra, tags: [{ key: 'team', value: 'infra' }] });
  return taskDefinition!.taskDefinitionArn!;
}

async function setup(c: BerthClient, s: Store, opts: { memory?: number; connected?: boolean; instances?: number } = {}) {
  const cluster = uniq('tasks');
  const family = uniq('fam');
  await c.call('CreateCluster', { clusterName: cluster });
  const instances: string[] = [];
  for (let i = 0; i < (opts.instances ?? 1); i++) instances.push(await addInstance(c, s, cluster, opts));
  await addTaskDef(c, family);
  return { cluster, family, instances, instance: instances[0]! };
}

/**
 * Waits until the leader's cluster counts (written about once a second from its watch of the status indexes)
 * show what the test wrote, so a write after this is the test's. Flushing alone is not enough: the counts are
 * written from watch events, which may arrive after the write's answer (the store's worker thread sends them
 * after it).
 */
async function countsSettled(cluster: string, expect: { registered: number; pending: number; running?: number }): Promise<void> {
  await until(`cluster ${cluster}'s counts`, async () => {
    await ts.server.leader.flushClusterStats();
    const c = (await client.call('DescribeClusters', { clusters: [cluster] })).clusters![0]!;
    return c.registeredContainerInstancesCount === expect.registered && c.pendingTasksCount === expect.pending && c.runningTasksCount === (expect.running ?? 0);
  });
  await ts.server.leader.flushClusterStats();
}

/**
 * The keys naming the cluster or one of its instances written after `revision`. The server is shared by
 * the file's tests and its leader writes on its own clock (another cluster's counts, about once a second),
 * so "nothing written" is asked of this test's keys, not of the store's revision.
 */
async function writtenSince(revision: number, cluster: string, instances: string[]): Promise<string[]> {
  return (await rangeAll(store, ROOT)).filter((kv) => kv.modRevision > revision && [cluster, ...instances].some((n) => kv.key.includes(n))).map((kv) => kv.key);
}

async function remaining(c: BerthClient, cluster: string, id: string) {
  const d = await c.call('DescribeContainerInstances', { cluster, containerInstances: [id] });
  return d.containerInstances![0]!;
}

/** A record as stored, decoded (an assignment may be stored compact: state/kit.ts compactText). */
async function getRecord(s: Store, key: string) {
  const kv = await s.get(key);
  return kv ? JSON.parse(expandedText(kv.value.toString())) : null;
}

t.test('RunTask places a task: the task, its assignment and the instance reservation in one write', async (t) => {
  const { cluster, family, instance } = await setup(client, store);
  // The leader's cluster counts settle first, so a write after this is the test's.
  await countsSettled(cluster, { registered: 1, pending: 0 });
  const before = await store.revision();
  const res = await client.call('RunTask', { cluster, taskDefinition: family, startedBy: 'test' });
  t.same(res.failures ?? [], []);
  t.equal(res.tasks?.length, 1);
  const task = res.tasks![0]!;
  t.match(task.taskArn, new RegExp(`^arn:aws:ecs:us-east-1:000000000000:task/${cluster}/[0-9a-f]{32}$`));
  t.equal(task.clusterArn, `arn:aws:ecs:us-east-1:000000000000:cluster/${cluster}`);
  t.equal(task.taskDefinitionArn, `arn:aws:ecs:us-east-1:000000000000:task-definition/${family}:1`);
  t.equal(idOf(task.containerInstanceArn!), instance);
  t.equal(task.lastStatus, 'PENDING');
  t.equal(task.desiredStatus, 'RUNNING');
  t.equal(task.launchType, 'EC2');
  t.equal(task.group, `family:${family}`);
  t.equal(task.startedBy, 'test');
  t.equal(task.version, 1);
  t.equal(task.availabilityZone, 'home-1a');
  t.same(task.overrides?.containerOverrides, [{ name: 'app' }]);
  t.equal(task.containers?.[0]?.lastStatus, 'PENDING');
  t.equal(task.containers?.[0]?.memory, '100');
  t.notOk(task.tags, 'no tags unless asked or propagated');
  const id = idOf(task.taskArn!);
  const written = await Promise.all([store.get(taskKey(cluster, id)), store.get(assignmentKey(instance, id)), store.get(instanceKey(cluster, instance))]);
  t.equal(new Set(written.map((kv) => kv!.modRevision)).size, 1, 'the task, its assignment and the instance: one transaction');
  t.ok(written[0]!.modRevision > before);
  const rec = await getRecord(store, taskKey(cluster, id));
  t.equal(rec.containerInstanceId, instance);
  t.same(rec.reservation, { cpu: 0, memory: 100, ports: [], portsUdp: [] });
  t.equal(rec.reportCounter, 0);
  t.same(await getRecord(store, assignmentKey(instance, id)), { cluster, task: rec.task }, 'the assignment carries the task as placed');
  const ci = await remaining(client, cluster, instance);
  t.equal(resourceAmounts(ci.remainingResources).memory, 3996);
  t.equal(ci.runningTasksCount, 0, 'lastStatus RUNNING: none yet');
  t.equal(ci.pendingTasksCount, 1, 'lastStatus PENDING');
  // The cluster's counts are the leader's aggregation of the same index: they follow within a second.
  const c = await until('the cluster counts', async () => {
    await ts.server.leader.flushClusterStats();
    const c = (await client.call('DescribeClusters', { clusters: [cluster] })).clusters![0]!;
    return c.pendingTasksCount === 1 && c;
  });
  t.equal(c.runningTasksCount, 0);
});

t.test('RunTask failures: RESOURCE:MEMORY, RESOURCE:PORTS, AGENT, and no instances at all', async (t) => {
  const small = await setup(client, store, { memory: 250 });
  const res = await client.call('RunTask', { cluster: small.cluster, taskDefinition: small.family, count: 4 });
  t.equal(res.tasks?.length, 2, 'as many as fit');
  t.same(res.failures?.map(({ arn, reason }) => ({ arn, reason })), [{ arn: `arn:aws:ecs:us-east-1:000000000000:container-instance/${small.cluster}/${small.instance}`, reason: 'RESOURCE:MEMORY' }]);
  t.equal(res.failures?.[0]?.detail, 'the task needs 100 MiB of memory, 50 MiB are left; 2 of 4 tasks could not be placed: no container instance met all requirements (1 instance: 1 excluded by RESOURCE:MEMORY)', 'detail: this instance, then how many instances each check excluded');
  t.equal(resourceAmounts((await remaining(client, small.cluster, small.instance)).remainingResources).memory, 50);

  const off = await setup(client, store, { connected: false });
  const agent = await client.call('RunTask', { cluster: off.cluster, taskDefinition: off.family });
  t.same(agent.tasks ?? [], []);
  t.same(agent.failures?.map(({ arn, reason }) => ({ arn, reason })), [{ arn: `arn:aws:ecs:us-east-1:000000000000:container-instance/${off.cluster}/${off.instance}`, reason: 'AGENT' }]);
  t.match(agent.failures?.[0]?.detail, /agent is not connected; the task could not be placed: .*1 excluded by AGENT/);

  const ports = await setup(client, store);
  const web = uniq('web');
  await addTaskDef(client, web, [{ name: 'web', image: 'nginx', memory: 10, portMappings: [{ containerPort: 80, hostPort: 8080 }] }]);
  const twice = await client.call('RunTask', { cluster: ports.cluster, taskDefinition: web, count: 2 });
  t.equal(twice.tasks?.length, 1);
  t.equal(twice.failures?.[0]?.reason, 'RESOURCE:PORTS');
  t.ok(resourceAmounts((await remaining(client, ports.cluster, ports.instance)).remainingResources).ports.includes('8080'), 'the host port is in use');

  const empty = uniq('empty');
  await client.call('CreateCluster', { clusterName: empty });
  const none = await rejection(client.call('RunTask', { cluster: empty, taskDefinition: small.family }));
  t.equal(none.ecsName, 'InvalidParameterException');
  t.equal(none.message, 'No Container Instances were found in your cluster.');
  const missing = await rejection(client.call('RunTask', { cluster: uniq('nope'), taskDefinition: small.family }));
  t.equal(missing.ecsName, 'ClusterNotFoundException');
});

t.test('RunTask resolves the task definition: latest ACTIVE, INACTIVE refused, overrides applied', async (t) => {
  const { cluster, family, instance } = await setup(client, store);
  await addTaskDef(client, family, [{ name: 'app', image: 'busybox', memory: 200 }, { name: 'side', image: 'busybox', memoryReservation: 20, essential: false }]);
  await client.call('DeregisterTaskDefinition', { taskDefinition: `${family}:1` });
  const inactive = await rejection(client.call('RunTask', { cluster, taskDefinition: `${family}:1` }));
  t.equal(inactive.ecsName, 'ClientException');
  t.equal(inactive.field, 'taskDefinition');
  const unknown = await rejection(client.call('RunTask', { cluster, taskDefinition: uniq('never') }));
  t.equal(unknown.ecsName, 'ClientException');
  const res = await client.call('RunTask', {
    cluster, taskDefinition: family, group: 'batch', propagateTags: 'TASK_DEFINITION', enableECSManagedTags: true, tags: [{ key: 'x', value: 'y' }],
    overrides: { containerOverrides: [{ name: 'app', command: ['sleep', '1'], memory: 300 }] },
  });
  const task = res.tasks![0]!;
  t.equal(task.taskDefinitionArn, `arn:aws:ecs:us-east-1:000000000000:task-definition/${family}:2`, 'latest ACTIVE');
  t.equal(task.group, 'batch');
  t.same(task.tags, [{ key: 'x', value: 'y' }, { key: 'team', value: 'infra' }, { key: 'aws:ecs:clusterName', value: cluster }]);
  t.same(task.overrides?.containerOverrides, [{ name: 'app', command: ['sleep', '1'], memory: 300 }, { name: 'side' }]);
  t.equal(task.containers?.[0]?.memory, '300');
  const rec = await getRecord(store, taskKey(cluster, idOf(task.taskArn!)));
  t.same(rec.reservation, { cpu: 0, memory: 320, ports: [], portsUdp: [] }, 'override memory + the sidecar reservation');
  t.equal(resourceAmounts((await remaining(client, cluster, instance)).remainingResources).memory, 4096 - 320);
});

t.test('bad input: ECS\'s error name and text, the field beside it, and nothing written', async (t) => {
  const { cluster, family, instances } = await setup(client, store);
  const vpc = uniq('vpc');
  await addTaskDef(client, vpc, undefined, { networkMode: 'awsvpc' });
  // The leader's cluster counts settle first, so a write after this is the test's.
  await countsSettled(cluster, { registered: 1, pending: 0 });
  const before = await store.revision();
  const U = 'UnsupportedFeatureException';
  const cases: [Partial<RunTaskRequest>, string, string?][] = [
    [{ count: 0 }, 'count'],
    [{ count: 11 }, 'count'],
    [{ launchType: 'FARGATE' }, 'launchType', U],
    [{ capacityProviderStrategy: [{ capacityProvider: 'FARGATE' }] }, 'capacityProviderStrategy[0].capacityProvider', U],
    [{ capacityProviderStrategy: [{ capacityProvider: 'not-associated', weight: 1 }] }, 'capacityProviderStrategy[0].capacityProvider'],
    [{ placementConstraints: [{ type: 'distinctInstance', expression: 'attribute:a exists' }] }, 'placementConstraints[0].expression'],
    [{ placementConstraints: [{ type: 'memberOf', expression: 'attribute:stack = prod' }] }, 'placementConstraints[0].expression'],
    [{ placementConstraints: [{ type: 'memberOf' }] }, 'placementConstraints[0].expression'],
    [{ placementConstraints: [{ expression: 'attribute:a exists' }] }, 'placementConstraints[0].type'],
    [{ placementConstraints: Array.from({ length: 11 }, () => ({ type: 'distinctInstance' as const })) }, 'placementConstraints'],
    [{ placementStrategy: [{ type: 'binpack', field: 'disk' }] }, 'placementStrategy[0].field'],
    [{ placementStrategy: [{ type: 'random' }, { type: 'spread', field: 'zone' }] }, 'placementStrategy[1].field'],
    [{ placementStrategy: Array.from({ length: 6 }, () => ({ type: 'random' as const })) }, 'placementStrategy'],
    [{ startedBy: 'x'.repeat(129) }, 'startedBy'],
    [{ group: 'g'.repeat(256) }, 'group'],
    [{ platformVersion: 'LATEST' }, 'platformVersion', U],
    [{ clientToken: 'has space' }, 'clientToken'],
    [{ tags: [{ key: 'aws:mine', value: 'x' }] }, 'tags[0].key'],
    [{ overrides: { cpu: 'lots' } }, 'overrides.cpu'],
    [{ overrides: { containerOverrides: [{ name: 'nope' }] } }, 'overrides.containerOverrides[0].name'],
    [{ overrides: { containerOverrides: [{ command: ['x'] }] } }, 'overrides.containerOverrides[0].name'],
    [{ overrides: { containerOverrides: [{ name: 'app', memory: 2 }] } }, 'overrides.containerOverrides[0].memory'],
    [{ overrides: { containerOverrides: [{ name: 'app', memory: 500 }], memory: '400' } }, 'overrides.containerOverrides[0].memory'],
    [{ networkConfiguration: { awsvpcConfiguration: { subnets: ['s'] } } }, 'networkConfiguration'],
    [{ taskDefinition: 'bad name!' }, 'taskDefinition'],
  ];
  for (const [extra, field, name = 'InvalidParameterException'] of cases) {
    const e = await rejection(client.call('RunTask', { cluster, taskDefinition: family, ...extra }));
    t.equal(e.ecsName, name, `${field}: ${e.message}`);
    t.equal(e.field, field);
    t.notOk(carriesPath(e.message, field), `the message is ECS's text alone: ${e.message}`);
  }
  const fargate = await rejection(client.call('RunTask', { cluster, taskDefinition: family, launchType: 'FARGATE' }));
  t.match(fargate.message, /EC2 and EXTERNAL/);
  const awsvpc = await rejection(client.call('RunTask', { cluster, taskDefinition: vpc }));
  t.equal(awsvpc.ecsName, 'UnsupportedFeatureException');
  t.equal(awsvpc.field, 'networkMode');
  t.match(awsvpc.message, /awsvpc/);
  t.same(await writtenSince(before, cluster, instances), [], 'no write happened');
});

t.test('a burst of RunTasks never oversubscribes an instance', async (t) => {
  const { cluster, family, instance } = await setup(client, store, { memory: 500 });
  const seen: number[] = [];
  const watch = await store.watch(instancesPrefix(cluster), {
    onEvents: (events) => {
      for (const e of events) if (e.type === 'put') seen.push(resourceAmounts(JSON.parse(e.kv.value.toString()).instance.remainingResources).memory);
    },
    onError: () => {},
  });
  const results = await Promise.all(Array.from({ length: 20 }, () => client.call('RunTask', { cluster, taskDefinition: family })));
  await watch.cancel();
  const placed = results.flatMap((r) => r.tasks ?? []);
  t.equal(placed.length, 5, 'exactly five fit');
  t.equal(results.filter((r) => r.failures?.[0]?.reason === 'RESOURCE:MEMORY').length, 15, 'the others say why');
  t.equal(new Set(placed.map((x) => x.taskArn)).size, 5);
  const ci = await remaining(client, cluster, instance);
  t.equal(resourceAmounts(ci.remainingResources).memory, 0);
  t.equal(ci.pendingTasksCount, 5, 'all PENDING: none RUNNING yet');
  t.equal(ci.runningTasksCount, 0);
  t.ok(seen.every((m) => m >= 0), `remaining memory never negative (${seen.join(', ')})`);
});

t.test('the same burst from two servers on one etcd', async (t) => {
  const namespace = etcdNamespace('tasks');
  const a = await startTestServer({ etcdNamespace: namespace });
  const b = await startTestServer({ etcdNamespace: namespace });
  t.teardown(async () => {
    await a.close();
    await b.close();
    await clearEtcdNamespace(namespace);
  });
  const { cluster, family, instance } = await setup(a.client, a.server.ctx.store, { memory: 500 });
  const servers: TestServer[] = [a, b];
  const results = await Promise.all(Array.from({ length: 20 }, (_, i) => servers[i % 2]!.client.call('RunTask', { cluster, taskDefinition: family })));
  t.equal(results.flatMap((r) => r.tasks ?? []).length, 5, 'exactly five fit across both replicas');
  const ci = await remaining(b.client, cluster, instance);
  t.equal(resourceAmounts(ci.remainingResources).memory, 0);
  t.equal(ci.pendingTasksCount, 5, 'all PENDING: none RUNNING yet');
  t.equal(ci.runningTasksCount, 0);
  const listed = await a.client.call('ListTasks', { cluster });
  t.equal(listed.taskArns?.length, 5);
});

t.test('clientToken: a retry gets the same tasks, another request with it a ConflictException', async (t) => {
  const { cluster, family } = await setup(client, store);
  const req = { cluster, taskDefinition: family, count: 2, clientToken: uniq('tok') };
  const first = await client.call('RunTask', req);
  t.equal(first.tasks?.length, 2);
  const again = await client.call('RunTask', { ...req, cluster: `arn:aws:ecs:us-east-1:000000000000:cluster/${cluster}` });
  t.same(again.tasks?.map((x) => x.taskArn), first.tasks?.map((x) => x.taskArn), 'same tasks');
  t.equal((await client.call('ListTasks', { cluster })).taskArns?.length, 2, 'nothing new started');
  const conflict = await rejection(client.call('RunTask', { ...req, count: 1 }));
  t.equal(conflict.ecsName, 'ConflictException');
  t.equal(conflict.field, 'clientToken');
  t.equal(conflict.message, 'The specified client token has already been used in a different request.');
  t.same((conflict as BerthError).members?.resourceIds, first.tasks!.map((x) => x.taskArn), 'resourceIds: the tasks the token started');
  // Concurrent first uses of one token start one set of tasks.
  const tok = { cluster, taskDefinition: family, clientToken: uniq('race') };
  const racing = await Promise.all(Array.from({ length: 6 }, () => client.call('RunTask', tok)));
  t.equal(new Set(racing.map((r) => r.tasks?.[0]?.taskArn)).size, 1);
});

t.test('StopTask: desired STOPPED, UserInitiated, the assignment rewritten', async (t) => {
  const { cluster, family, instance } = await setup(client, store);
  const task = (await client.call('RunTask', { cluster, taskDefinition: family })).tasks![0]!;
  const id = idOf(task.taskArn!);
  const { task: stopped } = await client.call('StopTask', { cluster, task: task.taskArn!, reason: 'maintenance' });
  t.equal(stopped?.desiredStatus, 'STOPPED');
  t.equal(stopped?.lastStatus, 'PENDING', 'the agent has yet to stop it');
  t.equal(stopped?.stopCode, 'UserInitiated');
  t.equal(stopped?.stoppedReason, 'maintenance');
  t.type(stopped?.stoppingAt, 'number');
  t.equal(stopped?.version, 2);
  t.same(await getRecord(store, assignmentKey(instance, id)), { cluster, task: (await getRecord(store, taskKey(cluster, id))).task }, 'the assignment carries the stopped task');
  // The leader's cluster counts settle first (the task is PENDING until an agent reports), so a write after
  // this is the test's.
  await countsSettled(cluster, { registered: 1, pending: 1 });
  const before = await store.revision();
  const again = await client.call('StopTask', { cluster, task: id });
  t.same(again.task, stopped, 'stopping again changes nothing');
  t.same(await writtenSince(before, cluster, [instance]), [], 'no write happened');
  const other = (await client.call('RunTask', { cluster, taskDefinition: family })).tasks![0]!;
  t.equal((await client.call('StopTask', { cluster, task: idOf(other.taskArn!) })).task?.stoppedReason, 'Task stopped by user');
  const unknown = await rejection(client.call('StopTask', { cluster, task: 'a'.repeat(32) }));
  t.equal(unknown.ecsName, 'InvalidParameterException');
  t.equal(unknown.message, 'The referenced task was not found.');
  const long = await rejection(client.call('StopTask', { cluster, task: id, reason: 'r'.repeat(256) }));
  t.equal(long.field, 'reason');
  const notTask = await rejection(client.call('StopTask', { cluster, task: `arn:aws:ecs:us-east-1:000000000000:cluster/${cluster}` }));
  t.equal(notTask.field, 'task');
  const noCluster = await rejection(client.call('StopTask', { cluster: uniq('none'), task: id }));
  t.equal(noCluster.ecsName, 'ClusterNotFoundException');
});

t.test('applyTaskReport: forward only, stale ignored, STOPPED gives resources back and drops the assignment', async (t) => {
  const { cluster, family, instance } = await setup(client, store);
  const task = (await client.call('RunTask', { cluster, taskDefinition: family })).tasks![0]!;
  const id = idOf(task.taskArn!);
  const ctx = ts.server.ctx;
  const report = (counter: number, lastStatus: TaskStateReport['lastStatus'], containers: TaskStateReport['containers'] = []): TaskStateReport =>
    ({ taskArn: task.taskArn!, counter, lastStatus, containers });

  t.same(await applyTaskReport(ctx, instance, report(2, 'RUNNING', [{ containerName: 'app', status: 'RUNNING', runtimeId: 'abc' }])), { applied: true });
  let d = (await client.call('DescribeTasks', { cluster, tasks: [id] })).tasks![0]!;
  t.equal(d.lastStatus, 'RUNNING');
  t.type(d.startedAt, 'number');
  t.equal(d.containers?.[0]?.runtimeId, 'abc');
  t.equal(d.version, 2);
  t.equal((await remaining(client, cluster, instance)).pendingTasksCount, 0);
  t.equal((await remaining(client, cluster, instance)).runningTasksCount, 1);

  t.same(await applyTaskReport(ctx, instance, report(2, 'STOPPED')), { applied: false }, 'same counter: stale');
  t.same(await applyTaskReport(ctx, instance, report(1, 'STOPPED')), { applied: false }, 'older counter: stale');
  t.same(await applyTaskReport(ctx, 'f'.repeat(32), report(9, 'STOPPED')), { applied: false }, 'from another instance: ignored');
  t.same(await applyTaskReport(ctx, instance, { ...report(9, 'STOPPED'), taskArn: task.taskArn!.replace(id, 'e'.repeat(32)) }), { applied: false }, 'unknown task');
  t.equal((await client.call('DescribeTasks', { cluster, tasks: [id] })).tasks![0]!.lastStatus, 'RUNNING');
  t.equal(resourceAmounts((await remaining(client, cluster, instance)).remainingResources).memory, 3996, 'still held');

  await client.call('StopTask', { cluster, task: id });
  t.same(await applyTaskReport(ctx, instance, report(5, 'STOPPED', [{ containerName: 'app', status: 'STOPPED', exitCode: 143 }])), { applied: true });
  d = (await client.call('DescribeTasks', { cluster, tasks: [id] })).tasks![0]!;
  t.equal(d.lastStatus, 'STOPPED');
  t.equal(d.stopCode, 'UserInitiated');
  t.type(d.stoppedAt, 'number');
  t.equal(d.containers?.[0]?.exitCode, 143);
  t.equal(await store.get(assignmentKey(instance, id)), null, 'the assignment is gone');
  const ci = await remaining(client, cluster, instance);
  t.equal(resourceAmounts(ci.remainingResources).memory, 4096, 'resources given back');
  t.equal(ci.runningTasksCount, 0);
  t.same(await applyTaskReport(ctx, instance, report(6, 'STOPPED')), { applied: true }, 'a later report still counts');
  t.equal(resourceAmounts((await remaining(client, cluster, instance)).remainingResources).memory, 4096, 'given back once only');
});

t.test('applyTaskReports: a batch ends as each report would alone, and a lost compare retries each alone', async (t) => {
  const { cluster, family, instances } = await setup(client, store, { instances: 2 });
  const res = await client.call('RunTask', { cluster, taskDefinition: family, count: 4, placementStrategy: [{ type: 'spread', field: 'instanceId' }] });
  const tasks = res.tasks!;
  const on = (x: (typeof tasks)[number]) => idOf(x.containerInstanceArn!);
  const r = (x: (typeof tasks)[number], counter: number, lastStatus: TaskStateReport['lastStatus']) =>
    ({ instanceId: on(x), report: { taskArn: x.taskArn!, counter, lastStatus, containers: [{ containerName: 'app', status: lastStatus }] } as TaskStateReport });
  const [a, b, c, d] = tasks as [typeof tasks[0], typeof tasks[0], typeof tasks[0], typeof tasks[0]];
  const ctx = ts.server.ctx;
  await applyTaskReport(ctx, on(c), r(c, 5, 'RUNNING').report);
  const out = await applyTaskReports(ctx, [
    r(a, 1, 'RUNNING'),
    r(b, 1, 'STOPPED'), // needs its instance: applied alone
    r(c, 2, 'STOPPED'), // older than the applied 5: ignored
    { instanceId: on(d), report: { ...r(d, 1, 'RUNNING').report, taskArn: 'arn:aws:ecs:us-east-1:000000000000:cluster/x' } },
    { instanceId: instances.find((i) => i !== on(d))!, report: r(d, 1, 'RUNNING').report }, // from the wrong instance
  ]);
  t.same(out, [{ applied: true }, { applied: true }, { applied: false }, { applied: false }, { applied: false }]);
  const status = async (x: (typeof tasks)[number]) => (await client.call('DescribeTasks', { cluster, tasks: [x.taskArn!] })).tasks![0]!.lastStatus;
  t.same([await status(a), await status(b), await status(c), await status(d)], ['RUNNING', 'STOPPED', 'RUNNING', 'PENDING']);
  t.equal(await store.get(assignmentKey(on(b), idOf(b.taskArn!))), null, 'the stopped task lost its assignment');

  // Another writer changes a task between the batch's read and its transaction: the batch's compare fails,
  // and every report is applied alone (reading again), none lost.
  const racingStore: Store = Object.assign(Object.create(store) as Store, {
    getMany: async (keys: readonly string[]) => {
      const read = await store.getMany(keys);
      await store.put(keys[0]!, read[0]!.value);
      return read;
    },
  });
  const racing = { ...ctx, store: racingStore };
  t.same(await applyTaskReports(racing, [r(d, 1, 'RUNNING'), r(a, 2, 'RUNNING')]), [{ applied: true }, { applied: true }]);
  t.same([await status(d), await status(a)], ['RUNNING', 'RUNNING']);
  t.equal(JSON.parse((await store.get(taskKey(cluster, idOf(a.taskArn!))))!.value.toString()).reportCounter, 2);
});

t.test('applyTaskReport: an essential container exit stops the task (EssentialContainerExited)', async (t) => {
  const { cluster, instance } = await setup(client, store);
  const fam = uniq('two');
  await addTaskDef(client, fam, [{ name: 'main', image: 'busybox', memory: 50 }, { name: 'helper', image: 'busybox', memory: 50, essential: false }]);
  const task = (await client.call('RunTask', { cluster, taskDefinition: fam })).tasks![0]!;
  const id = idOf(task.taskArn!);
  const ctx = ts.server.ctx;
  await applyTaskReport(ctx, instance, { taskArn: task.taskArn!, counter: 1, lastStatus: 'RUNNING', containers: [{ containerName: 'main', status: 'RUNNING' }, { containerName: 'helper', status: 'RUNNING' }] });
  await applyTaskReport(ctx, instance, { taskArn: task.taskArn!, counter: 2, lastStatus: 'RUNNING', containers: [{ containerName: 'helper', status: 'STOPPED', exitCode: 0 }] });
  t.equal((await client.call('DescribeTasks', { cluster, tasks: [id] })).tasks![0]!.desiredStatus, 'RUNNING', 'a non-essential exit is fine');
  await applyTaskReport(ctx, instance, { taskArn: task.taskArn!, counter: 3, lastStatus: 'RUNNING', containers: [{ containerName: 'main', status: 'STOPPED', exitCode: 1 }] });
  const d = (await client.call('DescribeTasks', { cluster, tasks: [id] })).tasks![0]!;
  t.equal(d.desiredStatus, 'STOPPED');
  t.equal(d.stopCode, 'EssentialContainerExited');
  t.equal(d.stoppedReason, 'Essential container in task exited');
  t.same(await getRecord(store, assignmentKey(instance, id)), { cluster, task: (await getRecord(store, taskKey(cluster, id))).task }, 'the agent is told');
  await applyTaskReport(ctx, instance, { taskArn: task.taskArn!, counter: 4, lastStatus: 'STOPPED', containers: [] });
  const done = (await client.call('DescribeTasks', { cluster, tasks: [id] })).tasks![0]!;
  t.equal(done.lastStatus, 'STOPPED');
  t.equal(done.stopCode, 'EssentialContainerExited');
  t.equal(resourceAmounts((await remaining(client, cluster, instance)).remainingResources).memory, 4096);
});

t.test('DescribeTasks and ListTasks: filters, TAGS, failures, paging', async (t) => {
  const { cluster, family, instances } = await setup(client, store, { instances: 2 });
  const other = uniq('other');
  await addTaskDef(client, other);
  const run = async (req: Partial<RunTaskRequest>) => (await client.call('RunTask', { cluster, taskDefinition: family, ...req })).tasks!;
  const a = await run({ startedBy: 'alice', count: 3, tags: [{ key: 'k', value: 'v' }] });
  const b = await run({ startedBy: 'bob', taskDefinition: other, launchType: 'EXTERNAL' });
  const c = await run({ startedBy: 'carol' });
  await client.call('StopTask', { cluster, task: c[0]!.taskArn! });

  const list = async (req: object) => ((await client.call('ListTasks', { cluster, ...req })).taskArns ?? []).sort();
  const arns = (xs: { taskArn?: string }[]) => xs.map((x) => x.taskArn!).sort();
  t.same(await list({}), arns([...a, ...b]), 'desiredStatus RUNNING by default');
  t.same(await list({ desiredStatus: 'STOPPED' }), arns(c));
  t.same(await list({ desiredStatus: 'PENDING' }), [], 'PENDING never matches');
  t.same(await list({ startedBy: 'alice' }), arns(a));
  t.same(await list({ family: other }), arns(b));
  t.same(await list({ launchType: 'EXTERNAL' }), arns(b));
  t.equal((await rejection(list({ serviceName: 'nope' }))).ecsName, 'ServiceNotFoundException', 'an unknown service is an error, as in ECS');
  const onFirst = [...a, ...b].filter((x) => idOf(x.containerInstanceArn!) === instances[0]);
  t.same(await list({ containerInstance: instances[0] }), arns(onFirst));
  t.same(await list({ containerInstance: `arn:aws:ecs:us-east-1:000000000000:container-instance/${cluster}/${instances[0]}` }), arns(onFirst));

  const seen: string[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const page = await client.call('ListTasks', { cluster, maxResults: 1, ...(nextToken ? { nextToken } : {}) });
    t.ok((page.taskArns?.length ?? 0) <= 1);
    seen.push(...(page.taskArns ?? []));
    nextToken = page.nextToken;
    pages++;
  } while (nextToken);
  t.same(seen.sort(), arns([...a, ...b]));
  t.ok(pages >= 4);
  const tok = await rejection(client.call('ListTasks', { cluster, nextToken: 'garbage' }));
  t.equal(tok.field, 'nextToken');

  const missing = 'd'.repeat(32);
  const desc = await client.call('DescribeTasks', { cluster, tasks: [a[0]!.taskArn!, idOf(b[0]!.taskArn!), missing] });
  t.same(arns(desc.tasks!), arns([a[0]!, b[0]!]));
  t.notOk(desc.tasks?.some((x) => x.tags), 'tags only with include TAGS');
  t.same(desc.failures, [{ arn: `arn:aws:ecs:us-east-1:000000000000:task/${cluster}/${missing}`, reason: 'MISSING' }]);
  const tagged = await client.call('DescribeTasks', { cluster, tasks: [a[0]!.taskArn!], include: ['TAGS'] });
  t.same(tagged.tasks?.[0]?.tags, [{ key: 'k', value: 'v' }]);
  const elsewhere = await client.call('DescribeTasks', { cluster, tasks: [a[0]!.taskArn!.replace(`/${cluster}/`, '/elsewhere/')] });
  t.equal(elsewhere.failures?.[0]?.reason, 'MISSING', 'an ARN of another cluster is MISSING');
  const empty = await rejection(client.call('DescribeTasks', { cluster, tasks: [] }));
  t.equal(empty.ecsName, 'InvalidParameterException');
  t.equal(empty.field, 'tasks');
  const many = await rejection(client.call('DescribeTasks', { cluster, tasks: Array.from({ length: 101 }, () => missing) }));
  t.equal(many.field, 'tasks');
  const noCluster = await rejection(client.call('ListTasks', { cluster: uniq('none') }));
  t.equal(noCluster.ecsName, 'ClusterNotFoundException');
});

t.test('StartTask starts one task on each named instance', async (t) => {
  const { cluster, family, instances } = await setup(client, store, { instances: 2, memory: 150 });
  const res = await client.call('StartTask', { cluster, taskDefinition: family, containerInstances: [instances[0]!, instances[1]!, instances[0]!, 'f'.repeat(32)] });
  t.same(res.tasks?.map((x) => idOf(x.containerInstanceArn!)), [instances[0], instances[1]]);
  t.same(res.failures, [
    { arn: `arn:aws:ecs:us-east-1:000000000000:container-instance/${cluster}/${instances[0]}`, reason: 'RESOURCE:MEMORY', detail: 'the task needs 100 MiB of memory, 50 MiB are left' },
    { arn: `arn:aws:ecs:us-east-1:000000000000:container-instance/${cluster}/${'f'.repeat(32)}`, reason: 'MISSING' },
  ]);
  const e = await rejection(client.call('StartTask', { cluster, taskDefinition: family, containerInstances: [] }));
  t.equal(e.field, 'containerInstances');
});

t.test('StartTask checks each named instance (DRAINING, INACTIVE, AGENT); placement constraints do not apply', async (t) => {
  const { cluster, family, instances } = await setup(client, store, { instances: 3 });
  const off = await addInstance(client, store, cluster, { connected: false });
  const pinned = uniq('pinned');
  await addTaskDef(client, pinned, undefined, { placementConstraints: [{ type: 'memberOf', expression: 'attribute:stack == nowhere' }] });
  await client.call('UpdateContainerInstancesState', { cluster, containerInstances: [instances[1]!], status: 'DRAINING' });
  await client.call('DeregisterContainerInstance', { cluster, containerInstance: instances[2]! });
  const res = await client.call('StartTask', { cluster, taskDefinition: family, containerInstances: [instances[0]!, instances[1]!, instances[2]!, off] });
  t.same(res.tasks?.map((x) => idOf(x.containerInstanceArn!)), [instances[0]]);
  t.same(res.failures?.map((f) => [idOf(f.arn!), f.reason]), [[instances[1], 'DRAINING'], [instances[2], 'INACTIVE'], [off, 'AGENT']]);
  const bypass = await client.call('StartTask', { cluster, taskDefinition: pinned, containerInstances: [instances[0]!] });
  t.equal(bypass.tasks?.length, 1, 'StartTask bypasses the scheduler: the task definition\'s memberOf does not apply');
  const run = await client.call('RunTask', { cluster, taskDefinition: pinned });
  t.same(run.tasks, [], 'RunTask applies it');
  t.same(run.failures?.map((f) => f.reason).sort(), ['AGENT', 'ATTRIBUTE', 'DRAINING']);
});
