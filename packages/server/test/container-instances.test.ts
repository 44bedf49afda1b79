// Container instances over real gRPC on the file store, without agents: the test registers instances
// itself, and writes the session key where agentConnected matters (the dispatcher writes it for real,
// on a lease, while an agent's stream is open).
import t from 'tap';
import { resourceAmounts, type RegisterContainerInstanceRequest, type Resource } from '@berth/core';
import { startTestServer, rejection, uniq } from './helpers.js';
import { instanceKey, sessionKey, taskKey } from '../src/index.js';

const ts = await startTestServer();
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
  const rec = await store.get(instanceKey(cluster, idOf(ci!.containerInstanceArn!)));
  t.ok(rec, 'stored at instanceKey');
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

t.test('re-registration keeps the id and registeredAt and recomputes remaining from live tasks', async (t) => {
  const cluster = uniq('rereg');
  await client.call('CreateCluster', { clusterName: cluster });
  const first = (await register(cluster)).containerInstance!;
  const id = idOf(first.containerInstanceArn!);
  // Task records as RunTask writes them: one live task holding resources, one STOPPED that holds nothing.
  const reservation = { cpu: 512, memory: 256, ports: [8080], portsUdp: [] };
  await store.put(taskKey(cluster, 'a'.repeat(32)), JSON.stringify({ cluster, id: 'a'.repeat(32), containerInstanceId: id, task: { lastStatus: 'RUNNING', desiredStatus: 'RUNNING' }, reservation, reportCounter: 3 }));
  await store.put(taskKey(cluster, 'b'.repeat(32)), JSON.stringify({ cluster, id: 'b'.repeat(32), containerInstanceId: id, task: { lastStatus: 'STOPPED', desiredStatus: 'STOPPED' }, reservation, reportCounter: 9 }));
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
  const before = await store.revision();
  const cases: [Partial<RegisterContainerInstanceRequest>, string][] = [
    [{ totalResources: [] }, 'totalResources'],
    [{ totalResources: [{ name: 'CPU', type: 'INTEGER', integerValue: 1024 }] }, 'totalResources'],
    [{ totalResources: [{ name: 'CPU', type: 'INTEGER', integerValue: 1 }, { name: 'MEMORY', type: 'STRINGSET', stringSetValue: [] }] }, 'totalResources[1].type'],
    [{ totalResources: [...resources().slice(0, 2), { name: 'PORTS', type: 'STRINGSET', stringSetValue: ['http'] }] }, 'totalResources[2].stringSetValue[0]'],
    [{ attributes: [{ name: 'bad name!' }] }, 'attributes[0].name'],
    [{ attributes: [{ name: 'ok', value: ' padded' }] }, 'attributes[0].value'],
    [{ attributes: [{ name: 'ok', value: 'x'.repeat(129) }] }, 'attributes[0].value'],
    [{ attributes: [{ name: 'ok' }, { name: 'ok' }] }, 'attributes[1].name'],
    [{ tags: [{ key: 'aws:x', value: 'y' }] }, 'tags[0].key'],
    [{ instanceIdentityDocument: 'not json' }, 'instanceIdentityDocument'],
    [{ containerInstanceArn: 'arn:aws:ecs:us-east-1:000000000000:cluster/x' }, 'containerInstanceArn'],
  ];
  for (const [extra, field] of cases) {
    const e = await rejection(register(cluster, extra));
    t.equal(e.ecsName, 'InvalidParameterException', field);
    t.equal(e.field, field);
    t.ok(e.message.includes(field), e.message);
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
  const task = (id: string, lastStatus: string, desiredStatus: string) =>
    store.put(taskKey(cluster, id), JSON.stringify({ cluster, id, containerInstanceId: aid, task: { lastStatus, desiredStatus }, reservation: { cpu: 0, memory: 0, ports: [], portsUdp: [] }, reportCounter: 0 }));
  await task('1'.repeat(32), 'PENDING', 'RUNNING');
  await task('2'.repeat(32), 'RUNNING', 'RUNNING');
  await task('3'.repeat(32), 'RUNNING', 'STOPPED');
  await task('4'.repeat(32), 'STOPPED', 'STOPPED');
  const res = await client.call('DescribeContainerInstances', { cluster, containerInstances: [aid, b.containerInstanceArn!, 'f'.repeat(32)] });
  t.equal(res.containerInstances?.length, 2);
  const [da, db] = res.containerInstances!;
  t.equal(da?.agentConnected, true);
  t.equal(da?.runningTasksCount, 2, 'desiredStatus RUNNING');
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

t.test('ListContainerInstances pages, filters by status, refuses filter expressions for now', async (t) => {
  const cluster = uniq('list');
  await client.call('CreateCluster', { clusterName: cluster });
  const arns: string[] = [];
  for (let i = 0; i < 5; i++) arns.push((await register(cluster)).containerInstance!.containerInstanceArn!);
  // One instance DRAINING and one INACTIVE, as those actions will write them.
  for (const [arn, status] of [[arns[1]!, 'DRAINING'], [arns[2]!, 'INACTIVE']] as const) {
    const key = instanceKey(cluster, idOf(arn));
    const rec = JSON.parse((await store.get(key))!.value.toString());
    rec.instance.status = status;
    await store.put(key, JSON.stringify(rec));
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
  const f = await rejection(client.call('ListContainerInstances', { cluster, filter: 'attribute:ecs.os-type == linux' }));
  t.equal(f.ecsName, 'InvalidParameterException');
  t.equal(f.field, 'filter');
  t.match(f.message, /placement/);
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
