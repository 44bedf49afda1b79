// The pure builders of the agent's local endpoints: field names checked against amazon-ecs-agent's (the
// lists below are copied from the compatibility brief of amazon-ecs-agent v1.105.1, sections 5.1, 5.3 and
// 5.5), statuses, limits, health, queries, paths; plus the settings and the retrying listener.
import net from 'node:net';
import t from 'tap';
import type { TaskSnapshot } from '../src/engine/engine.js';
import type { ContainerRecord } from '../src/engine/local-state.js';
import { loadConfig, ConfigError, tmdsAddrs } from '../src/config.js';
import { buildCreateOptions } from '../src/engine/container-spec.js';
import {
  Listener,
  agentMetadataResponse,
  containerResponse,
  factsFromInspect,
  findByEndpointId,
  findTask,
  healthResponse,
  introspectionTask,
  metadataEnv,
  metadataFileContent,
  netSample,
  networkRate,
  parseListenAddr,
  parseTmdsPath,
  statsResponse,
  taskLimitsResponse,
  taskResponse,
  type ContainerFacts,
} from '../src/endpoints/index.js';
import { IMAGE, captureLogger, task as makeTask, taskDef } from './fixtures.js';

// --- amazon-ecs-agent's names ------------------------------------------------------------------------------
const V4_CONTAINER = ['DockerId', 'Name', 'DockerName', 'Image', 'ImageID', 'Ports', 'Labels', 'DesiredStatus', 'KnownStatus', 'ExitCode', 'Limits', 'CreatedAt', 'StartedAt', 'FinishedAt', 'Type', 'Networks', 'Health', 'Volumes', 'LogDriver', 'LogOptions', 'ContainerARN', 'Snapshotter', 'RestartCount'];
const V3_ONLY_MISSING = ['LogDriver', 'LogOptions', 'ContainerARN', 'Snapshotter', 'RestartCount'];
const PORT = ['ContainerPort', 'Protocol', 'HostPort', 'HostIp'];
const NETWORK = ['NetworkMode', 'IPv4Addresses', 'IPv6Addresses'];
const HEALTH = ['status', 'statusSince', 'exitCode', 'output'];
const VOLUME = ['DockerName', 'Source', 'Destination'];
const V4_TASK = ['Cluster', 'TaskARN', 'Family', 'Revision', 'DesiredStatus', 'KnownStatus', 'Containers', 'Limits', 'PullStartedAt', 'PullStoppedAt', 'ExecutionStoppedAt', 'AvailabilityZone', 'TaskTags', 'ContainerInstanceTags', 'LaunchType', 'Errors', 'VPCID', 'ServiceName', 'ClockDrift', 'EphemeralStorageMetrics', 'FaultInjectionEnabled', 'AvailabilityZoneID'];
const LIMITS = ['CPU', 'Memory'];
const RATE = ['rx_bytes_per_sec', 'tx_bytes_per_sec'];
const INTRO_METADATA = ['Cluster', 'ContainerInstanceArn', 'Version'];
const INTRO_TASK = ['Arn', 'DesiredStatus', 'KnownStatus', 'Family', 'Version', 'Containers'];
const INTRO_CONTAINER = ['DockerId', 'DockerName', 'Name', 'Image', 'ImageID', 'CreatedAt', 'StartedAt', 'Ports', 'Networks', 'Volumes', 'RestartCount'];
const METADATA_FILE = ['Cluster', 'ContainerInstanceARN', 'TaskARN', 'TaskDefinitionFamily', 'TaskDefinitionRevision', 'ContainerID', 'ContainerName', 'DockerContainerName', 'ImageID', 'ImageName', 'PortMappings', 'Networks', 'MetadataFileStatus', 'AvailabilityZone', 'HostPrivateIPv4Address', 'HostPublicIPv4Address', 'HostIPv6Address'];
const FILE_PORT = ['ContainerPort', 'HostPort', 'BindIp', 'Protocol'];

const keysWithin = (t: { same(a: unknown, b: unknown, m: string): unknown }, o: object, allowed: string[], what: string) => {
  const extra = Object.keys(o).filter((k) => !allowed.includes(k));
  t.same(extra, [], `${what}: only amazon-ecs-agent's names`);
};

// --- a rich task ------------------------------------------------------------------------------------------
const td = taskDef('shop', [
  { name: 'web', cpu: 256, memory: 128, image: IMAGE, portMappings: [{ containerPort: 80 }], healthCheck: { command: ['CMD', 'true'] } },
  { name: 'log', cpu: 0, memoryReservation: 16, image: IMAGE },
], { revision: 7, cpu: '512', memory: '1GB' });
const tk = { ...makeTask(td, { cluster: 'prod' }), group: 'service:shop-svc', tags: [{ key: 'team', value: 'web' }] };
const DOCKER_WEB = 'a'.repeat(12) + '1'.repeat(52);
const DOCKER_LOG = 'a'.repeat(12) + '2'.repeat(52);
const web: ContainerRecord = {
  name: 'web', dockerName: 'ecs-shop-7-web-0123456789abcdef0123', dockerId: DOCKER_WEB, essential: true, knownStatus: 'RUNNING', desiredStatus: 'RUNNING',
  networkBindings: [{ bindIP: '127.0.0.1', containerPort: 80, hostPort: 32768, protocol: 'tcp' }], v3EndpointId: '11111111-2222-4333-8444-555555555555',
};
const log: ContainerRecord = { name: 'log', dockerName: 'ecs-shop-7-log-0123456789abcdef0124', dockerId: DOCKER_LOG, essential: true, knownStatus: 'STOPPED', desiredStatus: 'STOPPED', exitCode: 2, networkBindings: [], v3EndpointId: 'e2' };
const snap: TaskSnapshot = {
  taskArn: tk.taskArn!, family: 'shop', revision: 7, desiredStatus: 'RUNNING', knownStatus: 'RUNNING', lastStatus: 'RUNNING', counter: 3, ackedCounter: 3,
  pullStartedAt: 1_700_000_000, pullStoppedAt: 1_700_000_002, containers: [web, log], task: tk, taskDefinition: td,
};
const inspectWeb = {
  Id: DOCKER_WEB, Image: 'sha256:abc', Created: '2026-11-26T10:00:00.123456789Z', RestartCount: 0,
  State: {
    Status: 'running', Running: true, StartedAt: '2026-11-26T10:00:01.5Z', FinishedAt: '0001-01-01T00:00:00Z',
    Health: { Status: 'healthy', FailingStreak: 0, Log: [
      { Start: '2026-11-26T10:00:02Z', End: '2026-11-26T10:00:03Z', ExitCode: 1, Output: 'no' },
      { Start: '2026-11-26T10:00:04Z', End: '2026-11-26T10:00:05Z', ExitCode: 0, Output: 'ok' },
      { Start: '2026-11-26T10:00:06Z', End: '2026-11-26T10:00:07Z', ExitCode: 0, Output: 'fine' },
    ] },
  },
  Config: { Labels: { 'com.amazonaws.ecs.task-arn': tk.taskArn } },
  HostConfig: { LogConfig: { Type: 'json-file', Config: { 'max-size': '10m' } }, RestartPolicy: { Name: 'no' } },
  Mounts: [{ Type: 'volume', Name: 'data', Source: '/var/lib/docker/volumes/data/_data', Destination: '/data' }],
  NetworkSettings: { Networks: { bridge: { IPAddress: '172.17.0.5', GlobalIPv6Address: '' } } },
};
const factsWeb = factsFromInspect(inspectWeb);
const facts = (id: string): ContainerFacts | undefined => (id === DOCKER_WEB ? factsWeb : undefined);
const ctx = { cluster: 'prod', networkMode: 'bridge', availabilityZone: 'rack-1' };

t.test('factsFromInspect reads what the endpoints need; Docker zero times are absent', async (t) => {
  t.equal(factsWeb.imageId, 'sha256:abc');
  t.equal(factsWeb.createdAt, '2026-11-26T10:00:00.123456789Z');
  t.equal(factsWeb.startedAt, '2026-11-26T10:00:01.5Z');
  t.equal(factsWeb.finishedAt, undefined);
  t.same(factsWeb.networks, [{ name: 'bridge', ipv4: '172.17.0.5' }]);
  t.same(factsWeb.volumes, [{ name: 'data', source: '/var/lib/docker/volumes/data/_data', destination: '/data' }]);
  t.equal(factsWeb.logDriver, 'json-file');
  t.equal(factsWeb.restartPolicy, undefined, "restart policy 'no' is none");
  t.equal(factsWeb.health?.log.length, 3);
});

t.test('v4 container object: ECS names, statuses, limits, lower-case health', async (t) => {
  const c = containerResponse(snap, web, factsWeb, ctx) as any;
  keysWithin(t, c, V4_CONTAINER, 'container');
  for (const p of c.Ports) keysWithin(t, p, PORT, 'port');
  for (const n of c.Networks) keysWithin(t, n, NETWORK, 'network');
  for (const v of c.Volumes) keysWithin(t, v, VOLUME, 'volume');
  keysWithin(t, c.Limits, LIMITS, 'limits');
  keysWithin(t, c.Health, HEALTH, 'health');
  t.same(c.Ports, [{ ContainerPort: 80, Protocol: 'tcp', HostPort: 32768, HostIp: '127.0.0.1' }]);
  t.same(c.Limits, { CPU: 256, Memory: 128 });
  t.same(c.Health, { status: 'HEALTHY', statusSince: '2026-11-26T10:00:05Z', exitCode: 0, output: 'fine' }, 'since: the first check of the current run');
  t.same(c.Networks, [{ NetworkMode: 'bridge', IPv4Addresses: ['172.17.0.5'] }]);
  t.equal(c.Type, 'NORMAL');
  t.equal(c.ContainerARN, tk.containers![0]!.containerArn);
  t.equal(c.LogDriver, 'json-file');
  t.same(c.LogOptions, { 'max-size': '10m' });
  t.equal(c.RestartCount, undefined, 'only with a restart policy');
  t.equal(c.ExitCode, undefined);
  const l = containerResponse(snap, log, undefined, ctx) as any;
  t.same(l.Limits, { CPU: 2, Memory: 0 }, 'CPU at least 2, no memory: 0');
  t.equal(l.ExitCode, 2);
  t.equal(l.KnownStatus, 'STOPPED');
  t.equal(l.Health, undefined, 'no healthCheck in the definition: no Health');
  t.equal(l.Ports, undefined);
  const v3 = containerResponse(snap, web, factsWeb, ctx, 'v3') as any;
  for (const k of V3_ONLY_MISSING) t.equal(v3[k], undefined, `v3 has no ${k}`);
  t.equal(v3.Ports[0].HostIp, undefined, 'HostIp only in v4');
});

t.test('health: unknown while starting, UNHEALTHY after failures', async (t) => {
  const rows: [string, { end?: string; exitCode?: number; output?: string }[], object][] = [
    ['starting', [], {}],
    ['starting', [{ end: 'T1', exitCode: 1, output: 'x' }], { exitCode: 1, output: 'x' }],
    ['unhealthy', [{ end: 'T1', exitCode: 0 }, { end: 'T2', exitCode: 1 }, { end: 'T3', exitCode: 1, output: 'down' }], { status: 'UNHEALTHY', statusSince: 'T2', exitCode: 1, output: 'down' }],
    ['healthy', [{ end: 'T1', exitCode: 0, output: '' }], { status: 'HEALTHY', statusSince: 'T1', exitCode: 0, output: '' }],
  ];
  for (const [status, log, want] of rows) t.same(healthResponse({ status, log }), want, `${status} after ${log.length} checks`);
});

t.test('v4 task object: ECS names, internal statuses, task limits in vCPU, service name', async (t) => {
  const r = taskResponse(snap, facts, ctx) as any;
  keysWithin(t, r, V4_TASK, 'task');
  keysWithin(t, r.Limits, LIMITS, 'task limits');
  t.equal(r.Cluster, 'prod');
  t.equal(r.TaskARN, tk.taskArn);
  t.equal(r.Family, 'shop');
  t.equal(r.Revision, '7', 'Revision is a string');
  t.same(r.Limits, { CPU: 0.5, Memory: 1024 });
  t.equal(r.PullStartedAt, '2023-11-14T22:13:20.000Z');
  t.equal(r.AvailabilityZone, 'rack-1');
  t.equal(r.LaunchType, 'EC2');
  t.equal(r.ServiceName, 'shop-svc');
  t.equal(r.FaultInjectionEnabled, false, 'always present');
  t.equal(r.Containers.length, 2);
  t.equal(r.TaskTags, undefined, 'tags only at /taskWithTags');
  t.same((taskResponse(snap, facts, ctx, 'v4', true) as any).TaskTags, { team: 'web' });
  const rows: [TaskSnapshot['knownStatus'], string][] = [['NONE', 'NONE'], ['PULLED', 'NONE'], ['CREATED', 'CREATED'], ['RUNNING', 'RUNNING'], ['STOPPED', 'STOPPED']];
  for (const [ks, want] of rows) t.equal((taskResponse({ ...snap, knownStatus: ks }, facts, ctx) as any).KnownStatus, want, `task ${ks} reads ${want}`);
  t.equal(taskLimitsResponse({ ...snap, taskDefinition: { ...td, cpu: undefined, memory: undefined }, task: { ...tk, cpu: undefined, memory: undefined } }), undefined, 'no task-level limits: omitted');
  t.same(taskLimitsResponse({ ...snap, task: { ...tk, overrides: { cpu: '2 vCPU', containerOverrides: [] } } }), { CPU: 2, Memory: 1024 }, 'overrides win');
});

t.test('stats: Docker JSON plus network_rate_stats', async (t) => {
  const s1 = { read: '2026-11-26T10:00:00Z', cpu_stats: {}, memory_stats: { usage: 5 }, networks: { eth0: { rx_bytes: 1000, tx_bytes: 100 } } };
  const s2 = { ...s1, read: '2026-11-26T10:00:02Z', networks: { eth0: { rx_bytes: 3000, tx_bytes: 500 }, eth1: { rx_bytes: 0, tx_bytes: 100 } } };
  const first = networkRate(undefined, netSample(s1)!);
  t.same(first, { rx_bytes_per_sec: 0, tx_bytes_per_sec: 0 }, 'no earlier sample');
  const r = networkRate(netSample(s1), netSample(s2)!);
  t.same(r, { rx_bytes_per_sec: 1000, tx_bytes_per_sec: 250 });
  keysWithin(t, r, RATE, 'network_rate_stats');
  t.same(networkRate(netSample(s2), netSample(s1)!), { rx_bytes_per_sec: 0, tx_bytes_per_sec: 0 }, 'time going back: 0');
  t.equal(netSample({ read: 'x' }), undefined, 'host mode: no networks');
  const out = statsResponse(s2, r) as any;
  t.equal(out.memory_stats.usage, 5);
  t.same(out.network_rate_stats, r);
  t.notOk('network_rate_stats' in statsResponse(s1, undefined));
});

t.test('paths and endpoint ids', async (t) => {
  const rows: [string, object | undefined][] = [
    ['/v4/abc-1', { version: 'v4', endpointId: 'abc-1', kind: 'container' }],
    ['/v4/abc-1/', { version: 'v4', endpointId: 'abc-1', kind: 'container' }],
    ['/v4/abc-1/task', { version: 'v4', endpointId: 'abc-1', kind: 'task' }],
    ['/v4/abc-1/taskWithTags', { version: 'v4', endpointId: 'abc-1', kind: 'taskWithTags' }],
    ['/v4/abc-1/stats', { version: 'v4', endpointId: 'abc-1', kind: 'stats' }],
    ['/v4/abc-1/task/stats', { version: 'v4', endpointId: 'abc-1', kind: 'taskStats' }],
    ['/v3/abc-1/task', { version: 'v3', endpointId: 'abc-1', kind: 'task' }],
    ['/v2/metadata', undefined],
    ['/v4/', undefined],
    ['/v4/a/../b', undefined],
    ['/v4/abc/tasks', undefined],
  ];
  for (const [p, want] of rows) t.same(parseTmdsPath(p), want, p);
  t.equal(findByEndpointId([snap], web.v3EndpointId!)?.container.name, 'web');
  t.equal(findByEndpointId([snap], 'nope'), undefined);
  t.same(metadataEnv('http://172.17.0.1:4000', 'id1'), ['ECS_CONTAINER_METADATA_URI=http://172.17.0.1:4000/v3/id1', 'ECS_CONTAINER_METADATA_URI_V4=http://172.17.0.1:4000/v4/id1']);
});

t.test('introspection: names, backend statuses, DesiredStatus blanked as ECS does', async (t) => {
  keysWithin(t, agentMetadataResponse('prod', 'arn:ci', 'v'), INTRO_METADATA, '/v1/metadata');
  const r = introspectionTask(snap, facts, 'bridge') as any;
  keysWithin(t, r, INTRO_TASK, 'task');
  for (const c of r.Containers) keysWithin(t, c, INTRO_CONTAINER, 'container');
  t.equal(r.Version, '7');
  t.equal(r.KnownStatus, 'RUNNING');
  t.equal(r.Containers[0].ImageID, 'sha256:abc');
  const rows: [TaskSnapshot['knownStatus'], TaskSnapshot['desiredStatus'], string, string | undefined][] = [
    ['PULLED', 'RUNNING', 'PENDING', 'RUNNING'],
    ['RUNNING', 'RUNNING', 'RUNNING', 'RUNNING'],
    ['RUNNING', 'STOPPED', 'RUNNING', 'STOPPED'],
    ['STOPPED', 'RUNNING', 'STOPPED', undefined],
    ['STOPPED', 'STOPPED', 'STOPPED', 'STOPPED'],
  ];
  for (const [ks, ds, known, desired] of rows) {
    const x = introspectionTask({ ...snap, knownStatus: ks, desiredStatus: ds }, facts, 'bridge') as any;
    t.same([x.KnownStatus, x.DesiredStatus], [known, desired], `${ks}/${ds}`);
  }
});

t.test('/v1/tasks queries', async (t) => {
  const other: TaskSnapshot = { ...snap, taskArn: 'arn:other', containers: [{ ...web, dockerId: 'b'.repeat(64) }, { ...log, dockerId: 'a'.repeat(12) + '3'.repeat(52) }] };
  const tasks = [snap, other];
  const rows: [{ dockerId?: string; taskArn?: string }, number, string?][] = [
    [{ taskArn: snap.taskArn }, 200, snap.taskArn],
    [{ taskArn: 'arn:none' }, 404],
    [{ dockerId: DOCKER_WEB }, 200, snap.taskArn],
    [{ dockerId: 'bbbbbbbbbbbb' }, 200, 'arn:other'],
    [{ dockerId: 'bbbb' }, 200, 'arn:other'],
    [{ dockerId: 'aaaaaaaaaaaa' }, 400],
    [{ dockerId: 'cccccccccccc' }, 404],
    [{ dockerId: 'b'.repeat(20) }, 404, undefined],
    [{ dockerId: DOCKER_WEB, taskArn: snap.taskArn }, 400],
  ];
  for (const [q, status, arn] of rows) {
    const r = findTask(tasks, q);
    t.equal(r.status, status, JSON.stringify(q));
    if (r.status === 200) t.equal(r.body.taskArn, arn);
  }
  const amb = findTask(tasks, { dockerId: 'aaaaaaaaaaaa' });
  t.match(amb.status !== 200 && amb.error, /multiple tasks found with short id/);
});

t.test('metadata file: INITIAL before create, READY with Docker facts', async (t) => {
  const base = { cluster: 'prod', containerInstanceArn: 'arn:ci', availabilityZone: 'rack-1', task: snap, container: web, image: IMAGE, networkMode: 'bridge' };
  const initial = metadataFileContent({ ...base, status: 'INITIAL' });
  keysWithin(t, initial, METADATA_FILE, 'INITIAL file');
  t.same(initial, { Cluster: 'prod', ContainerInstanceARN: 'arn:ci', TaskARN: snap.taskArn, TaskDefinitionFamily: 'shop', TaskDefinitionRevision: '7', ContainerName: 'web', MetadataFileStatus: 'INITIAL', AvailabilityZone: 'rack-1' });
  const ready = metadataFileContent({ ...base, facts: factsWeb, status: 'READY' }) as any;
  keysWithin(t, ready, METADATA_FILE, 'READY file');
  for (const p of ready.PortMappings) keysWithin(t, p, FILE_PORT, 'port mapping');
  t.equal(ready.ContainerID, DOCKER_WEB);
  t.equal(ready.DockerContainerName, `/${web.dockerName}`);
  t.equal(ready.ImageID, 'sha256:abc');
  t.equal(ready.ImageName, IMAGE);
  t.same(ready.PortMappings, [{ ContainerPort: 80, HostPort: 32768, BindIp: '127.0.0.1', Protocol: 'tcp' }]);
  t.same(ready.Networks, [{ NetworkMode: 'bridge', IPv4Addresses: ['172.17.0.5'] }]);
});

t.test('settings: BERTH_INTROSPECTION_ADDR, BERTH_TMDS_ADDR, ECS_ENABLE_CONTAINER_METADATA', async (t) => {
  const d = loadConfig({ ECS_AGENT_CONFIG_FILE_PATH: '/nonexistent' });
  t.same(d.introspectionAddr, { host: '127.0.0.1', port: 51678 }, 'ECS port, loopback');
  t.equal(d.tmdsAddrs, 'auto');
  t.equal(d.containerMetadataEnabled, false);
  const c = loadConfig({ ECS_AGENT_CONFIG_FILE_PATH: '/nonexistent', BERTH_INTROSPECTION_ADDR: '127.0.0.1:0', BERTH_TMDS_ADDR: '172.17.0.1:51679,127.0.0.1:0', ECS_ENABLE_CONTAINER_METADATA: 'true' });
  t.same(c.introspectionAddr, { host: '127.0.0.1', port: 0 });
  t.same(c.tmdsAddrs, [{ host: '172.17.0.1', port: 51679 }, { host: '127.0.0.1', port: 0 }]);
  t.equal(c.containerMetadataEnabled, true);
  t.equal(loadConfig({ ECS_AGENT_CONFIG_FILE_PATH: '/nonexistent', BERTH_INTROSPECTION_ADDR: 'off' }).introspectionAddr, undefined);
  t.equal(tmdsAddrs('off'), 'off');
  t.same(tmdsAddrs('[::1]:9'), [{ host: '::1', port: 9 }]);
  t.throws(() => tmdsAddrs('0.0.0.0:51679'), ConfigError, 'never all addresses');
  t.throws(() => loadConfig({ ECS_AGENT_CONFIG_FILE_PATH: '/nonexistent', BERTH_INTROSPECTION_ADDR: 'localhost' }), /BERTH_INTROSPECTION_ADDR/);
  t.throws(() => loadConfig({ ECS_AGENT_CONFIG_FILE_PATH: '/nonexistent', ECS_ENABLE_CONTAINER_METADATA: 'yes' }), /ECS_ENABLE_CONTAINER_METADATA/);
  t.throws(() => parseListenAddr('h:70000', 'X'), /X: expected HOST:PORT/);
});

t.test('a listener whose port is taken logs it, keeps trying, and binds once free', async (t) => {
  const blocker = net.createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
  const port = (blocker.address() as net.AddressInfo).port;
  const logs = captureLogger();
  const l = new Listener({ name: 'introspection', host: '127.0.0.1', port, log: logs.log, handler: (_q, r) => r.end('ok'), retryMs: 50, maxRetryMs: 100 });
  await l.start();
  t.equal(l.addr(), undefined, 'not bound');
  t.equal(l.port(), port, 'a fixed port is known before binding');
  t.ok(logs.lines().some((x) => x.msg === 'cannot listen; will try again' && x.error === 'EADDRINUSE'));
  await new Promise<void>((r) => blocker.close(() => r()));
  await l.bound();
  t.equal(l.addr(), `127.0.0.1:${port}`);
  t.ok(logs.lines().some((x) => x.msg === 'listening' && x.name === 'introspection' && x.addr === `127.0.0.1:${port}`), 'one listening line');
  t.equal(await (await fetch(`http://127.0.0.1:${port}/`)).text(), 'ok');
  await l.close();
  const zero = new Listener({ name: 'tmds', host: '127.0.0.1', port: 0, log: logs.log, handler: (_q, r) => r.end() });
  t.equal(zero.port(), undefined, 'port 0: unknown until bound');
  await zero.start();
  t.ok(zero.port()! > 0, 'port 0 picks one');
  await zero.close();
});

t.test("buildCreateOptions appends the agent's env and binds last", async (t) => {
  const d = taskDef('envy', [{ name: 'c', image: IMAGE, environment: [{ name: 'ECS_CONTAINER_METADATA_URI_V4', value: 'mine' }, { name: 'A', value: '1' }] }]);
  const base = { task: makeTask(d), taskDefinition: d, containerName: 'c', dockerName: 'ecs-envy-1-c-x', cluster: 'test', instanceId: 'i' };
  const plain = buildCreateOptions(base).options;
  t.equal(plain.HostConfig.Binds, undefined);
  const env = metadataEnv('http://172.17.0.1:4000', 'id1');
  const o = buildCreateOptions({ ...base, extra: { env, binds: ['/data/metadata/t/c:/opt/ecs/metadata/u'] } }).options;
  t.same(o.Env, ['ECS_CONTAINER_METADATA_URI_V4=mine', 'A=1', ...env], "the agent's values come last, so they win in Docker");
  t.same(o.HostConfig.Binds, ['/data/metadata/t/c:/opt/ecs/metadata/u']);
});
