// Container instances over real gRPC on the file store, without agents: the test registers instances
// itself, and writes the session key where agentConnected matters (the dispatcher writes it for real,
// on a lease, while an agent's stream is open).
import t from 'tap';
import { resourceAmounts, type RegisterContainerInstanceRequest, type Resource } from '@berth/core';
import { startTestServer, rejection, uniq } from './helpers.js';
import { sessionKey } from '../src/index.js';
import { getInstance } from '../src/state/instances.js';
import { getTask } from '../src/state/tasks.js';
import { taskRecord, writeRecords } from './state-records.js';
import type { Attribute } from '@berth/core';

// Several tests assert that refused input writes nothing by the store's revision: the leader's metric history,
// which writes every cluster's figures once an AWS minute, would write in between, so that minute is an hour here.
const ts = await startTestServer({ server: { awsMinuteMs: 3_600_000 } });

/**
 * The store's revision once the leader's background work caused by the calls before has landed (the cluster
 * counts, and the rule engine's cursor after the events those calls wrote), so a write after it is the test's.
 */
async function quietRevision(): Promise<number> {
  for (;;) {
    const r = await store.revision();
    await ts.server.leader.flushClusterStats();
    await ts.server.leader.ruleEngineIdle();
    await new Promise((res) => setTimeout(res, 200));
    if ((await store.revision()) === r) return r;
  }
}
t.teardown(() => ts.close());
const { client } = ts;
const { store } = ts.server.ctx;

const resources = (cpu = 2048, memory = 1024, ports = ['22', '2375']): Resource[] => [
  { name: 'CPU', type: 'INTEGER', integerValue: cpu },
  { name: 'MEMORY', type: 'INTEGER', integerValue: memory },
  { name: 'PORTS', type: 'STRINGSET', stringSetValue: ports },
  { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: [] },
];
const register = (cluster: string, extra: Partial<RegisterContainerInstanceRequest> = {}) =>
  client.call('RegisterContainerInstance', {
    cluster, totalResources: resources(), versionInfo: { agentVersion: '0.1.0', agentHash: 'berth', dockerVersion: 'DockerVersion: 24.0' },
    attributes: [{ name: 'ecs.os-type', value: 'linux' }, { name: 'ecs.availability-zone', value: 'home-1a' }, { name: 'com.amazonaws.ecs.capability.docker-remote-api.1.17' }],
    ...extra,
  });
const idOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

t.test('RegisterContainerInstance registers an ACTIVE instance with its resources', async (t) => {
  const cluster = uniq('reg');
  await client.call('CreateCluster', { clusterName: cluster });
  const { containerInstance: ci } = await register(cluster, { tags: [{ key: 'rack', value: '3' }] });
  t.match(ci?.containerInstanceArn, new RegExp(`^arn:aws:ecs:us-east-1:000000000000:container-instance/${cluster}/[0-9a-f]{32}$`));
  t.equal(ci?.status, 'ACTIVE');
  t.equal(ci?.version, 1);
  t.type(ci?.registeredAt, 'number');
  t.same(resourceAmounts(ci?.registeredResources), { cpu: 2048, memory: 1024, ports: ['22', '2375'], portsUdp: [] });
  t.same(resourceAmounts(ci?.remainingResources), resourceAmounts(ci?.registeredResources), 'remaining = registered');
  t.equal(ci?.runningTasksCount, 0);
  t.equal(ci?.pendingTasksCount, 0);
  t.equal(ci?.agentConnected, false, 'no agent session yet');
  t.same(ci?.attributes?.map((a) => a.name), ['ecs.os-type', 'ecs.availability-zone', 'com.amazonaws.ecs.capability.docker-remote-api.1.17'], "the agent's attributes are kept");
  t.equal(ci?.versionInfo?.agentVersion, '0.1.0');
  t.same(ci?.tags, [{ key: 'rack', value: '3' }]);
  const rec = await getInstance(store, cluster, idOf(ci!.containerInstanceArn!));
  t.ok(rec, 'stored as an instance record');
});

t.test('an EC2 identity document fills ec2InstanceId and the zone', async (t) => {
  const cluster = uniq('iid');
  await client.call('CreateCluster', { clusterName: cluster });
  const doc = JSON.stringify({ instanceId: 'i-0abc', availabilityZone: 'eu-west-1b', instanceType: 't4g.small', imageId: 'ami-1' });
  const { containerInstance: ci } = await register(cluster, { instanceIdentityDocument: doc, attributes: [] });
  t.equal(ci?.ec2InstanceId, 'i-0abc');
  t.same(ci?.attributes, [
    { name: 'ecs.availability-zone', value: 'eu-west-1b' }, { name: 'ecs.instance-type', value: 't4g.small' }, { name: 'ecs.ami-id', value: 'ami-1' },
  ]);
});

t.test('without totalResources an instance registers with none, says so, and gets no task', async (t) => {
  const cluster = uniq('nores');
  await client.call('CreateCluster', { clusterName: cluster });
  const doc = JSON.stringify({ instanceId: 'i-0def', availabilityZone: 'eu-west-1c', instanceType: 'm7g.large' });
  const { containerInstance: ci } = await client.call('RegisterContainerInstance', { cluster, instanceIdentityDocument: doc });
  t.equal(ci?.status, 'ACTIVE');
  t.same(resourceAmounts(ci?.registeredResources), { cpu: 0, memory: 0, ports: [], portsUdp: [] }, 'CPU, MEMORY, PORTS and PORTS_UDP, all empty');
  t.same(ci?.registeredResources?.map((r) => r.name), ['CPU', 'MEMORY', 'PORTS', 'PORTS_UDP']);
  t.equal(ci?.ec2InstanceId, 'i-0def');
  t.same(ci?.attributes, [
    { name: 'ecs.availability-zone', value: 'eu-west-1c' }, { name: 'ecs.instance-type', value: 'm7g.large' },
    { name: 'berth.registered-resources', value: 'none: registered without totalResources so no task is placed here' },
  ], 'the identity document as ECS derives it, and the note');
  // Even with its agent connected, nothing fits on it.
  await store.put(sessionKey(idOf(ci!.containerInstanceArn!)), JSON.stringify({ sessionId: 'test' }));
  const family = uniq('nores-td');
  await client.call('RegisterTaskDefinition', { family, containerDefinitions: [{ name: 'app', image: 'berth-test/busybox:latest', memory: 16 }] });
  const run = await client.call('RunTask', { cluster, taskDefinition: family });
  t.same(run.tasks, [], 'no task placed');
  t.match(run.failures?.[0]?.reason, /^RESOURCE:(CPU|MEMORY)$/);
  // Registering its resources later (an agent's re-registration) drops the note.
  const again = (await register(cluster, { containerInstanceArn: ci!.containerInstanceArn!, attributes: [] })).containerInstance!;
  t.equal(resourceAmounts(again.registeredResources).memory, 1024);
  t.notOk(again.attributes?.some((a) => a.name === 'berth.registered-resources'), 'no note once resources are given');
  await store.delete(sessionKey(idOf(ci!.containerInstanceArn!)));
});

t.test('re-registration keeps the id and registeredAt and recomputes remaining from live tasks', async (t) => {
  const cluster = uniq('rereg');
  await client.call('CreateCluster', { clusterName: cluster });
  const first = (await register(cluster)).containerInstance!;
  const id = idOf(first.containerInstanceArn!);
  // Task records as RunTask writes them: one live task holding resources, one STOPPED that holds nothing.
  const reservation = { cpu: 512, memory: 256, ports: [8080], portsUdp: [] };
  await writeRecords(store, { tasks: [
    { ...taskRecord(cluster, 'a'.repeat(32), id, 'RUNNING'), reservation, reportCounter: 3 },
    { ...taskRecord(cluster, 'b'.repeat(32), id, 'STOPPED'), reservation, reportCounter: 9 },
  ] });
  const again = (await register(cluster, {
    containerInstanceArn: first.containerInstanceArn!, totalResources: resources(4096, 2048, ['22']),
    attributes: [{ name: 'ecs.os-type', value: 'linux' }], versionInfo: { agentVersion: '0.2.0' },
  })).containerInstance!;
  t.equal(again.containerInstanceArn, first.containerInstanceArn, 'same instance');
  t.equal(again.registeredAt, first.registeredAt);
  t.equal(again.version, 2);
  t.same(resourceAmounts(again.registeredResources), { cpu: 4096, memory: 2048, ports: ['22'], portsUdp: [] });
  t.same(resourceAmounts(again.remainingResources), { cpu: 3584, memory: 1792, ports: ['22', '8080'], portsUdp: [] });
  t.same(again.attributes, [{ name: 'ecs.os-type', value: 'linux' }]);
  t.equal(again.versionInfo?.agentVersion, '0.2.0');
  t.equal(again.runningTasksCount, 1);
  // An ARN this cluster does not know registers a new instance.
  const other = (await register(cluster, { containerInstanceArn: `arn:aws:ecs:us-east-1:000000000000:container-instance/${cluster}/${'c'.repeat(32)}` })).containerInstance!;
  t.not(other.containerInstanceArn, first.containerInstanceArn);
  t.equal(other.version, 1);
});

t.test('registration needs an ACTIVE cluster and valid resources and attributes; bad input writes nothing', async (t) => {
  const missing = await rejection(register(uniq('nope')));
  t.equal(missing.ecsName, 'ClusterNotFoundException');
  const cluster = uniq('bad');
  await client.call('CreateCluster', { clusterName: cluster });
  // The leader's background work settles first, so a write after this is the test's.
  const before = await quietRevision();
  const cases: [Partial<RegisterContainerInstanceRequest>, string, string][] = [
    [{ totalResources: [] }, 'totalResources', 'The container instance must register its resources: CPU and MEMORY at least.'],
    [{ totalResources: [{ name: 'CPU', type: 'INTEGER', integerValue: 1024 }] }, 'totalResources', 'The container instance must register a MEMORY resource.'],
    [{ totalResources: [{ name: 'CPU', type: 'INTEGER', integerValue: 1 }, { name: 'MEMORY', type: 'STRINGSET', stringSetValue: [] }] }, 'totalResources[1].type', "The MEMORY resource must be of type INTEGER ('STRINGSET' given)."],
    [{ totalResources: [...resources().slice(0, 2), { name: 'PORTS', type: 'STRINGSET', stringSetValue: ['http'] }] }, 'totalResources[2].stringSetValue[0]', "The reserved port 'http' is not a port number from 1 to 65535."],
    [{ attributes: [{ name: 'bad name!' }] }, 'attributes[0].name', "The attribute name 'bad name!' is invalid: use 1 to 128 letters, numbers, hyphens, underscores, periods, slashes or backslashes."],
    [{ attributes: [{ name: 'ok', value: ' padded' }] }, 'attributes[0].value', "The value of attribute 'ok' is invalid (' padded'): use 1 to 128 letters, numbers, spaces (not leading or trailing) and - _ . @ / \\ :."],
    [{ attributes: [{ name: 'ok', value: 'x'.repeat(129) }] }, 'attributes[0].value', `The value of attribute 'ok' is invalid ('${'x'.repeat(57)}...'): use 1 to 128 letters, numbers, spaces (not leading or trailing) and - _ . @ / \\ :.`],
    [{ attributes: [{ name: 'ok' }, { name: 'ok' }] }, 'attributes[1].name', "The attribute 'ok' is given more than once."],
    [{ tags: [{ key: 'aws:x', value: 'y' }] }, 'tags[0].key', "The tag key 'aws:x' uses the 'aws:' prefix, which is reserved for AWS use."],
    [{ instanceIdentityDocument: 'not json' }, 'instanceIdentityDocument', 'The instance identity document must be a JSON object, as EC2 gives it.'],
    [{ containerInstanceArn: 'arn:aws:ecs:us-east-1:000000000000:cluster/x' }, 'containerInstanceArn', "Invalid container instance ARN 'arn:aws:ecs:us-east-1:000000000000:cluster/x'."],
  ];
  for (const [extra, field, message] of cases) {
    const e = await rejection(register(cluster, extra));
    t.equal(e.ecsName, 'InvalidParameterException', field);
    t.equal(e.field, field);
    t.equal(e.message, message, 'ECS\'s text alone, the value clipped');
  }
  t.equal(await store.revision(), before, 'no write happened');
});

t.test('DescribeContainerInstances: counts, agentConnected, TAGS, failures', async (t) => {
  const cluster = uniq('desc');
  await client.call('CreateCluster', { clusterName: cluster });
  const a = (await register(cluster, { tags: [{ key: 'k', value: 'v' }] })).containerInstance!;
  const b = (await register(cluster)).containerInstance!;
  const aid = idOf(a.containerInstanceArn!);
  // The dispatcher writes this key (on a lease) while the agent's stream is open.
  await store.put(sessionKey(aid), JSON.stringify({ sessionId: 'test' }));
  await writeRecords(store, { tasks: [
    taskRecord(cluster, '1'.repeat(32), aid, 'PENDING'),
    taskRecord(cluster, '2'.repeat(32), aid, 'RUNNING'),
    taskRecord(cluster, '3'.repeat(32), aid, 'RUNNING', { desiredStatus: 'STOPPED' }),
    taskRecord(cluster, '4'.repeat(32), aid, 'STOPPED'),
  ] });
  const res = await client.call('DescribeContainerInstances', { cluster, containerInstances: [aid, b.containerInstanceArn!, 'f'.repeat(32)] });
  t.equal(res.containerInstances?.length, 2);
  const [da, db] = res.containerInstances!;
  t.equal(da?.agentConnected, true);
  t.equal(da?.runningTasksCount, 2, 'lastStatus RUNNING, whatever the desiredStatus');
  t.equal(da?.pendingTasksCount, 1, 'lastStatus PENDING');
  t.notOk(da?.tags, 'tags only with include TAGS');
  t.equal(db?.agentConnected, false);
  t.equal(db?.runningTasksCount, 0);
  t.same(res.failures, [{ arn: `arn:aws:ecs:us-east-1:000000000000:container-instance/${cluster}/${'f'.repeat(32)}`, reason: 'MISSING' }]);
  const withTags = await client.call('DescribeContainerInstances', { cluster, containerInstances: [a.containerInstanceArn!], include: ['TAGS', 'CONTAINER_INSTANCE_HEALTH'] });
  t.same(withTags.containerInstances?.[0]?.tags, [{ key: 'k', value: 'v' }]);
  t.equal(withTags.containerInstances?.[0]?.healthStatus?.overallStatus, 'OK');
  await store.delete(sessionKey(aid));
  const gone = await client.call('DescribeContainerInstances', { cluster, containerInstances: [aid] });
  t.equal(gone.containerInstances?.[0]?.agentConnected, false, 'no session, not connected');
  const otherCluster = await client.call('DescribeContainerInstances', { cluster, containerInstances: [a.containerInstanceArn!.replace(`/${cluster}/`, '/elsewhere/')] });
  t.equal(otherCluster.failures?.[0]?.reason, 'MISSING', 'an ARN of another cluster is MISSING');
  const empty = await rejection(client.call('DescribeContainerInstances', { cluster, containerInstances: [] }));
  t.equal(empty.field, 'containerInstances');
  const tooMany = await rejection(client.call('DescribeContainerInstances', { cluster, containerInstances: Array.from({ length: 101 }, (_, i) => String(i)) }));
  t.equal(tooMany.field, 'containerInstances');
  const noCluster = await rejection(client.call('DescribeContainerInstances', { cluster: uniq('none'), containerInstances: [aid] }));
  t.equal(noCluster.ecsName, 'ClusterNotFoundException');
});

t.test('ListContainerInstances pages and filters by status', async (t) => {
  const cluster = uniq('list');
  await client.call('CreateCluster', { clusterName: cluster });
  const arns: string[] = [];
  for (let i = 0; i < 5; i++) arns.push((await register(cluster)).containerInstance!.containerInstanceArn!);
  // One instance DRAINING and one INACTIVE, as those actions will write them.
  for (const [arn, status] of [[arns[1]!, 'DRAINING'], [arns[2]!, 'INACTIVE']] as const) {
    const rec = (await getInstance(store, cluster, idOf(arn)))!.value;
    await writeRecords(store, { instances: [{ ...rec, instance: { ...rec.instance, status } }] }, { instances: [rec] });
  }
  const seen: string[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const page = await client.call('ListContainerInstances', { cluster, maxResults: 2, ...(nextToken ? { nextToken } : {}) });
    t.ok((page.containerInstanceArns?.length ?? 0) <= 2);
    seen.push(...(page.containerInstanceArns ?? []));
    nextToken = page.nextToken;
    pages++;
  } while (nextToken);
  t.ok(pages >= 2);
  t.same(seen.sort(), arns.filter((a) => a !== arns[2]).sort(), 'every status but INACTIVE by default');
  t.same((await client.call('ListContainerInstances', { cluster, status: 'DRAINING' })).containerInstanceArns, [arns[1]]);
  t.equal((await client.call('ListContainerInstances', { cluster, status: 'ACTIVE' })).containerInstanceArns?.length, 3);
  const f = await rejection(client.call('ListContainerInstances', { cluster, filter: 'attribute:ecs.os-type = linux' }));
  t.equal(f.ecsName, 'InvalidParameterException');
  t.equal(f.field, 'filter');
  t.match(f.message, /^Invalid query expression at position 23: expected an operator for attribute:ecs.os-type/);
  const tok = await rejection(client.call('ListContainerInstances', { cluster, nextToken: 'garbage' }));
  t.equal(tok.field, 'nextToken');
  const bad = await rejection(client.call('ListContainerInstances', { cluster, status: 'NOPE' as never }));
  t.equal(bad.field, 'status');
  const none = await rejection(client.call('ListContainerInstances', { cluster: uniq('none') }));
  t.equal(none.ecsName, 'ClusterNotFoundException');
});

t.test('DeleteCluster is refused while instances are registered', async (t) => {
  const cluster = uniq('delci');
  await client.call('CreateCluster', { clusterName: cluster });
  await register(cluster);
  const e = await rejection(client.call('DeleteCluster', { cluster }));
  t.equal(e.ecsName, 'ClusterContainsContainerInstancesException');
});

/** A task as RunTask writes it: the record with its indexes, and its group counted on the instance while not STOPPED. */
async function putTask(cluster: string, instanceId: string, taskId: string, task: { lastStatus: string; desiredStatus: string; group?: string }) {
  const inst = (await getInstance(store, cluster, instanceId))!.value;
  const g = task.group ?? 'family:fam';
  const taskGroups = task.lastStatus === 'STOPPED' ? inst.taskGroups : { ...inst.taskGroups, [g]: (inst.taskGroups[g] ?? 0) + 1 };
  await writeRecords(store, { instances: [{ ...inst, taskGroups }], tasks: [taskRecord(cluster, taskId, instanceId, task.lastStatus, { desiredStatus: task.desiredStatus, group: g })] }, { instances: [inst] });
}

t.test('ListContainerInstances filter: the cluster query language over every subject', async (t) => {
  const cluster = uniq('filter');
  await client.call('CreateCluster', { clusterName: cluster });
  const a = idOf((await register(cluster, {
    attributes: [{ name: 'ecs.availability-zone', value: 'us-east-1a' }, { name: 'ecs.instance-type', value: 't2.small' }, { name: 'stack', value: 'prod' }],
    instanceIdentityDocument: JSON.stringify({ instanceId: 'i-abcd1234' }), versionInfo: { agentVersion: '1.14.5' },
  })).containerInstance!.containerInstanceArn!);
  const b = idOf((await register(cluster, {
    attributes: [{ name: 'ecs.availability-zone', value: 'us-east-1b' }, { name: 'ecs.instance-type', value: 'm5.large' }],
    versionInfo: { agentVersion: '1.80.0' },
  })).containerInstance!.containerInstanceArn!);
  const c = idOf((await register(cluster, { attributes: [] })).containerInstance!.containerInstanceArn!);
  await store.put(sessionKey(a), JSON.stringify({ sessionId: 'test' }));
  await putTask(cluster, b, 'b'.repeat(32), { lastStatus: 'RUNNING', desiredStatus: 'RUNNING', group: 'service:db' });
  await putTask(cluster, b, 'c'.repeat(32), { lastStatus: 'RUNNING', desiredStatus: 'RUNNING', group: 'family:web' });
  await putTask(cluster, c, 'd'.repeat(32), { lastStatus: 'STOPPED', desiredStatus: 'STOPPED', group: 'service:db' });
  const names: Record<string, string> = { [a]: 'a', [b]: 'b', [c]: 'c' };
  const cases: [string, string[]][] = [
    ['attribute:stack == prod', ['a']],
    ['attribute:ecs.instance-type =~ t2.* or attribute:ecs.availability-zone in [us-east-1b]', ['a', 'b']],
    ['attribute:stack !exists', ['b', 'c']],
    ['agentConnected == false', ['b', 'c']],
    ['agentVersion < 1.20.0', ['a', 'c']],
    ['agentVersion > 1.20.0', ['b']],
    ["ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']", ['a']],
    [`registeredAt >= ${new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)}`, ['a', 'b', 'c']],
    ['registeredAt < 2018-02-13', []],
    ['runningTasksCount == 2', ['b']],
    ['runningTasksCount == 0', ['a', 'c']],
    ['task:group == service:db', ['b']],
    ['not(task:group exists)', ['a', 'c']],
  ];
  for (const [filter, want] of cases) {
    const res = await client.call('ListContainerInstances', { cluster, filter });
    t.same((res.containerInstanceArns ?? []).map((x) => names[idOf(x)]).sort(), want, filter);
  }
  const paged = await client.call('ListContainerInstances', { cluster, filter: 'runningTasksCount == 0', maxResults: 1 });
  t.equal(paged.containerInstanceArns?.length, 1);
  const rest = await client.call('ListContainerInstances', { cluster, filter: 'runningTasksCount == 0', maxResults: 1, nextToken: paged.nextToken! });
  t.equal(rest.containerInstanceArns?.length, 1);
  t.not(rest.containerInstanceArns![0], paged.containerInstanceArns![0]);
  await client.call('UpdateContainerInstancesState', { cluster, containerInstances: [c], status: 'DRAINING' });
  t.same((await client.call('ListContainerInstances', { cluster, filter: 'runningTasksCount == 0', status: 'DRAINING' })).containerInstanceArns?.map(idOf), [c], 'filter and status together');
});

t.test('UpdateContainerInstancesState: ACTIVE and DRAINING; failures for the rest; bad input writes nothing', async (t) => {
  const cluster = uniq('state');
  await client.call('CreateCluster', { clusterName: cluster });
  const a = idOf((await register(cluster)).containerInstance!.containerInstanceArn!);
  const b = idOf((await register(cluster)).containerInstance!.containerInstanceArn!);
  const gone = idOf((await register(cluster)).containerInstance!.containerInstanceArn!);
  await client.call('DeregisterContainerInstance', { cluster, containerInstance: gone });
  const res = await client.call('UpdateContainerInstancesState', { cluster, containerInstances: [a, `arn:aws:ecs:us-east-1:000000000000:container-instance/${cluster}/${b}`, gone, 'f'.repeat(32)], status: 'DRAINING' });
  t.same(res.containerInstances?.map((c) => [idOf(c.containerInstanceArn!), c.status, c.version]), [[a, 'DRAINING', 2], [b, 'DRAINING', 2]]);
  t.same(res.failures?.map((f) => [idOf(f.arn!), f.reason]), [[gone, 'INACTIVE'], ['f'.repeat(32), 'MISSING']]);
  const again = await client.call('UpdateContainerInstancesState', { cluster, containerInstances: [a], status: 'DRAINING' });
  t.equal(again.containerInstances?.[0]?.version, 2, 'the same status again changes nothing');
  const back = await client.call('UpdateContainerInstancesState', { cluster, containerInstances: [a], status: 'ACTIVE' });
  t.same([back.containerInstances?.[0]?.status, back.containerInstances?.[0]?.version], ['ACTIVE', 3]);
  // The leader's background work settles first, so a write after this is the test's.
  const before = await quietRevision();
  const cases: [object, string, string][] = [
    [{ containerInstances: [a], status: 'REGISTERING' }, 'InvalidParameterException', 'status'],
    [{ containerInstances: [a], status: 'INACTIVE' }, 'InvalidParameterException', 'status'],
    [{ containerInstances: [], status: 'DRAINING' }, 'ClientException', 'containerInstances'],
    [{ containerInstances: Array.from({ length: 11 }, () => a), status: 'DRAINING' }, 'InvalidParameterException', 'containerInstances'],
  ];
  for (const [req, name, field] of cases) {
    const e = await rejection(client.call('UpdateContainerInstancesState', { cluster, ...req } as never));
    t.equal(e.ecsName, name, JSON.stringify(req));
    t.equal(e.field, field, e.message);
  }
  t.equal(await store.revision(), before, 'no write happened');
  t.equal((await rejection(client.call('UpdateContainerInstancesState', { cluster: uniq('none'), containerInstances: [a], status: 'ACTIVE' }))).ecsName, 'ClusterNotFoundException');
});

t.test('DeregisterContainerInstance: refused while tasks run, unless force (the tasks are orphaned)', async (t) => {
  const cluster = uniq('dereg');
  await client.call('CreateCluster', { clusterName: cluster });
  const a = idOf((await register(cluster)).containerInstance!.containerInstanceArn!);
  await putTask(cluster, a, 'a'.repeat(32), { lastStatus: 'RUNNING', desiredStatus: 'RUNNING', group: 'family:x' });
  await putTask(cluster, a, 'b'.repeat(32), { lastStatus: 'STOPPED', desiredStatus: 'STOPPED', group: 'family:x' });
  // The leader's background work settles first, so a write after this is the test's.
  const before = await quietRevision();
  const busy = await rejection(client.call('DeregisterContainerInstance', { cluster, containerInstance: a }));
  t.equal(busy.ecsName, 'InvalidParameterException');
  t.equal(busy.field, 'force');
  t.equal(busy.message, 'Found running tasks on the instance.');
  t.equal(await store.revision(), before, 'nothing written');
  const missing = await rejection(client.call('DeregisterContainerInstance', { cluster, containerInstance: 'f'.repeat(32) }));
  t.equal(missing.field, 'containerInstance');
  const del = await rejection(client.call('DeleteCluster', { cluster }));
  t.equal(del.ecsName, 'ClusterContainsContainerInstancesException');

  const res = await client.call('DeregisterContainerInstance', { cluster, containerInstance: a, force: true });
  t.equal(res.containerInstance?.status, 'INACTIVE');
  const orphan = (await getTask(store, cluster, 'a'.repeat(32)))!.value.task;
  t.same([orphan.lastStatus, orphan.desiredStatus, orphan.stopCode], ['STOPPED', 'STOPPED', 'UserInitiated']);
  t.match(orphan.stoppedReason, /deregistered with force: the task is no longer tracked/);
  t.same((await client.call('ListContainerInstances', { cluster })).containerInstanceArns, [], 'INACTIVE is not listed by default');
  const again = await client.call('DeregisterContainerInstance', { cluster, containerInstance: a });
  t.equal(again.containerInstance?.status, 'INACTIVE', 'deregistering again returns it');
  const rereg = await rejection(register(cluster, { containerInstanceArn: res.containerInstance!.containerInstanceArn! }));
  t.equal(rereg.ecsName, 'ClientException', 'its agent cannot re-register it');
  // No live task and no instance left: the cluster can go.
  await client.call('DeleteCluster', { cluster });
});

t.test('PutAttributes, DeleteAttributes, ListAttributes: custom attributes that survive re-registration', async (t) => {
  const cluster = uniq('attrs');
  await client.call('CreateCluster', { clusterName: cluster });
  const first = (await register(cluster)).containerInstance!;
  const a = idOf(first.containerInstanceArn!);
  const b = idOf((await register(cluster)).containerInstance!.containerInstanceArn!);
  const put = await client.call('PutAttributes', { cluster, attributes: [
    { name: 'stack', value: 'prod', targetType: 'container-instance', targetId: a },
    { name: 'team', targetId: first.containerInstanceArn! },
    { name: 'stack', value: 'dev', targetType: 'container-instance', targetId: b },
  ] });
  t.same(put.attributes?.map((x) => [x.name, x.value, x.targetType]), [['stack', 'prod', 'container-instance'], ['team', undefined, 'container-instance'], ['stack', 'dev', 'container-instance']]);
  const attrsOf = async (id: string) => (await client.call('DescribeContainerInstances', { cluster, containerInstances: [id] })).containerInstances![0]!.attributes!;
  t.same((await attrsOf(a)).filter((x) => ['stack', 'team'].includes(x.name)), [{ name: 'stack', value: 'prod' }, { name: 'team' }]);
  // The agent re-registers with its own attributes: the custom ones stay.
  await register(cluster, { containerInstanceArn: first.containerInstanceArn!, attributes: [{ name: 'ecs.os-type', value: 'linux' }, { name: 'ecs.availability-zone', value: 'home-1b' }] });
  t.same(await attrsOf(a), [{ name: 'ecs.os-type', value: 'linux' }, { name: 'ecs.availability-zone', value: 'home-1b' }, { name: 'stack', value: 'prod' }, { name: 'team' }]);
  // Replace a value; a name the agent registers can be overridden but not deleted.
  await client.call('PutAttributes', { cluster, attributes: [{ name: 'stack', value: 'staging', targetType: 'container-instance', targetId: a }] });
  t.same((await attrsOf(a)).find((x) => x.name === 'stack'), { name: 'stack', value: 'staging' });
  const agentOwned = await rejection(client.call('DeleteAttributes', { cluster, attributes: [{ name: 'ecs.os-type', targetType: 'container-instance', targetId: a }] }));
  t.equal(agentOwned.field, 'attributes[0].name');
  t.match(agentOwned.message, /registered by the container instance's agent/);
  // A custom attribute may hide one of the agent's; deleting it brings the agent's back.
  await client.call('PutAttributes', { cluster, attributes: [{ name: 'ecs.os-type', value: 'plan9', targetType: 'container-instance', targetId: a }] });
  t.equal((await attrsOf(a)).find((x) => x.name === 'ecs.os-type')?.value, 'plan9');
  await client.call('DeleteAttributes', { cluster, attributes: [{ name: 'ecs.os-type', targetType: 'container-instance', targetId: a }] });
  t.equal((await attrsOf(a)).find((x) => x.name === 'ecs.os-type')?.value, 'linux', 'the agent\'s value is back');
  const del = await client.call('DeleteAttributes', { cluster, attributes: [{ name: 'team', targetType: 'container-instance', targetId: a }, { name: 'never-there', targetType: 'container-instance', targetId: a }] });
  t.equal(del.attributes?.length, 2);
  t.notOk((await attrsOf(a)).some((x) => x.name === 'team'));

  // ListAttributes: all of them, by name, by name and value, paged.
  const all = await client.call('ListAttributes', { cluster, targetType: 'container-instance' });
  t.equal(all.attributes?.length, 3 + 4, 'a: 2 agent + stack; b: 3 agent + stack');
  const stacks = await client.call('ListAttributes', { cluster, targetType: 'container-instance', attributeName: 'stack' });
  t.same(stacks.attributes?.map((x) => [idOf(x.targetId!), x.value]).sort(), [[a, 'staging'], [b, 'dev']].sort());
  const dev = await client.call('ListAttributes', { cluster, targetType: 'container-instance', attributeName: 'stack', attributeValue: 'dev' });
  t.same(dev.attributes, [{ name: 'stack', value: 'dev', targetType: 'container-instance', targetId: `arn:aws:ecs:us-east-1:000000000000:container-instance/${cluster}/${b}` }]);
  const pages: Attribute[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.call('ListAttributes', { cluster, targetType: 'container-instance', maxResults: 2, ...(nextToken ? { nextToken } : {}) });
    t.ok((page.attributes?.length ?? 0) <= 2);
    pages.push(...(page.attributes ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  t.same(pages, all.attributes, 'the pages add up to the whole list, in order');
});

t.test('attribute requests: ECS\'s errors naming the member, and nothing written', async (t) => {
  const cluster = uniq('attrerr');
  await client.call('CreateCluster', { clusterName: cluster });
  const a = idOf((await register(cluster)).containerInstance!.containerInstanceArn!);
  const ten = Array.from({ length: 10 }, (_, i) => ({ name: `k${i}`, value: 'v', targetType: 'container-instance' as const, targetId: a }));
  await client.call('PutAttributes', { cluster, attributes: ten.slice(0, 9) });
  // The leader's background work settles first, so a write after this is the test's.
  const before = await quietRevision();
  const at = (extra: Partial<Attribute>): Attribute => ({ name: 'ok', value: 'v', targetType: 'container-instance', targetId: a, ...extra });
  const cases: [string, Attribute[], string, string][] = [
    ['PutAttributes', [], 'InvalidParameterException', 'attributes'],
    ['PutAttributes', [at({ name: 'bad name' })], 'InvalidParameterException', 'attributes[0].name'],
    ['PutAttributes', [at({ value: ' lead' })], 'InvalidParameterException', 'attributes[0].value'],
    ['PutAttributes', [at({ value: 'x'.repeat(129) })], 'InvalidParameterException', 'attributes[0].value'],
    ['PutAttributes', [at({ targetId: undefined })], 'InvalidParameterException', 'attributes[0].targetId'],
    ['PutAttributes', [at({ targetType: undefined })], 'InvalidParameterException', 'attributes[0].targetType'],
    ['PutAttributes', [at({}), at({})], 'InvalidParameterException', 'attributes[1].name'],
    ['PutAttributes', [at({ targetId: 'f'.repeat(32) })], 'TargetNotFoundException', 'attributes[0].targetId'],
    ['PutAttributes', [at({ targetId: `arn:aws:ecs:us-east-1:000000000000:container-instance/other/${a}` })], 'TargetNotFoundException', 'attributes[0].targetId'],
    ['PutAttributes', [at({ name: 'k9' }), at({ name: 'k10' })], 'AttributeLimitExceededException', 'attributes'],
    ['DeleteAttributes', [at({ targetId: 'f'.repeat(32) })], 'TargetNotFoundException', 'attributes[0].targetId'],
    ['DeleteAttributes', [at({ name: 'bad/name!' })], 'InvalidParameterException', 'attributes[0].name'],
  ];
  for (const [action, attributes, name, field] of cases) {
    const e = await rejection(client.call(action as 'PutAttributes', { cluster, attributes }));
    t.equal(e.ecsName, name, `${action} ${field}: ${e.message}`);
    t.equal(e.field, field, e.message);
  }
  t.equal((await rejection(client.call('PutAttributes', { cluster: uniq('none'), attributes: [at({})] }))).ecsName, 'ClusterNotFoundException');
  const lv = await rejection(client.call('ListAttributes', { cluster, targetType: 'container-instance', attributeValue: 'v' }));
  t.equal(lv.field, 'attributeValue');
  t.equal((await rejection(client.call('ListAttributes', { cluster, targetType: 'container-instance', nextToken: 'junk' }))).field, 'nextToken');
  t.equal(await store.revision(), before, 'no write happened');
  // The tenth fits.
  await client.call('PutAttributes', { cluster, attributes: [ten[9]!] });
  t.equal((await client.call('ListAttributes', { cluster, targetType: 'container-instance', attributeName: 'k9' })).attributes?.length, 1);
});
