// The agent protocol from the server's side, spoken over a real gRPC stream by the test itself
// (an agent's messages, without Docker): versioned hello, full set then increments, reports persisted
// before their ack, stale reports ignored, agentConnected from the session lease.
import t from 'tap';
import { agentCapabilities } from '@berth/core';
import * as grpc from '@grpc/grpc-js';
import { startTestServer, uniq } from './helpers.js';
import { connectAgent, joinAgent } from './agent-stream.js';

// As a real agent: the instance joined with a token, and every stream presents its client certificate.
const ts = await startTestServer();
t.teardown(() => ts.close());
const { client } = ts;

const cluster = uniq('disp');
await client.call('CreateCluster', { clusterName: cluster });
const reg = await joinAgent(ts.server, client, cluster, [
  { name: 'CPU', type: 'INTEGER', integerValue: 2048 },
  { name: 'MEMORY', type: 'INTEGER', integerValue: 1024 },
  { name: 'PORTS', type: 'STRINGSET', stringSetValue: ['22'] },
  { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: [] },
], {
  // What a Berth agent advertises: the task definitions here use health checks, dependsOn...
  attributes: agentCapabilities('1.41').map((name) => ({ name })),
});
const connect = (tls = reg.tls) => connectAgent(ts.server.addr, tls);
const instanceArn = reg.containerInstanceArn;
const connected = async () =>
  (await client.call('DescribeContainerInstances', { cluster, containerInstances: [instanceArn] })).containerInstances![0]!.agentConnected;

t.test('a hello with an unsupported protocol version is refused, saying which are spoken', async (t) => {
  const c = connect();
  c.send({ hello: { protocolVersion: 99, cluster, containerInstanceArn: instanceArn } });
  const s = await c.status;
  t.equal(s.code, grpc.status.FAILED_PRECONDITION);
  t.match(s.details, /unsupported agent protocol version 99; this server speaks 1/);
});

t.test('the first message must be hello; a hello naming another instance than the certificate is refused', async (t) => {
  const a = connect();
  a.send({ heartbeat: {} });
  t.equal((await a.status).code, grpc.status.INVALID_ARGUMENT);
  const b = connect();
  b.send({ hello: { protocolVersion: 1, cluster, containerInstanceArn: instanceArn.replace(/[0-9a-f]{32}$/, '0'.repeat(32)) } });
  const s = await b.status;
  t.equal(s.code, grpc.status.PERMISSION_DENIED);
  t.match(s.details, /cannot open the session of/);
});

t.test('a session: welcome, full set, increments, reports persisted before the ack', async (t) => {
  t.equal(await connected(), false, 'no session yet');
  const c = connect();
  c.send({ hello: { protocolVersion: 1, cluster, containerInstanceArn: instanceArn } });
  const welcome = await c.next();
  t.ok('welcome' in welcome && welcome.welcome.heartbeatPeriodMs > 0, 'welcome with the heartbeat period');
  const full = await c.next();
  t.ok('assignments' in full && full.assignments.full && full.assignments.tasks.length === 0, 'an empty full set');
  const seq0 = 'assignments' in full ? full.assignments.seq : 0;
  c.send({ ack: { seq: seq0 } });
  t.equal(await connected(), true, 'agentConnected while the session holds its lease');

  const family = uniq('disp-td');
  await client.call('RegisterTaskDefinition', { family, containerDefinitions: [{ name: 'c', image: 'x', memory: 64 }] });
  const run = await client.call('RunTask', { cluster, taskDefinition: family });
  const taskArn = run.tasks![0]!.taskArn!;
  const inc = await c.next();
  t.ok('assignments' in inc, 'an increment');
  if (!('assignments' in inc)) return;
  t.equal(inc.assignments.full, false);
  t.ok(inc.assignments.seq > seq0, 'seq grows');
  t.equal(inc.assignments.tasks[0]?.task.taskArn, taskArn);
  t.equal(inc.assignments.tasks[0]?.taskDefinition.family, family, 'the task definition travels with it');

  c.send({ report: { taskArn, counter: 1, lastStatus: 'RUNNING', containers: [{ containerName: 'c', status: 'RUNNING', runtimeId: 'abc', networkBindings: [{ bindIP: '0.0.0.0', containerPort: 80, hostPort: 32768, protocol: 'tcp' }] }] } });
  const ack = await c.next();
  t.same(ack, { reportAck: { taskArn, counter: 1 } });
  const described = (await client.call('DescribeTasks', { cluster, tasks: [taskArn] })).tasks![0]!;
  t.equal(described.lastStatus, 'RUNNING', 'persisted by the time of the ack');
  t.same(described.containers![0]!.networkBindings, [{ bindIP: '0.0.0.0', containerPort: 80, hostPort: 32768, protocol: 'tcp' }]);

  c.send({ report: { taskArn, counter: 1, lastStatus: 'STOPPED', containers: [{ containerName: 'c', status: 'STOPPED', exitCode: 1 }] } });
  t.same(await c.next(), { reportAck: { taskArn, counter: 1 } }, 'a stale report is acknowledged');
  t.equal((await client.call('DescribeTasks', { cluster, tasks: [taskArn] })).tasks![0]!.lastStatus, 'RUNNING', 'and ignored');

  await client.call('StopTask', { cluster, task: taskArn });
  const stopInc = await c.next();
  t.ok('assignments' in stopInc && stopInc.assignments.tasks[0]?.task.desiredStatus === 'STOPPED', 'StopTask reaches the agent');
  c.send({ report: { taskArn, counter: 2, lastStatus: 'STOPPED', containers: [{ containerName: 'c', status: 'STOPPED', exitCode: 0 }] } });
  const removed = [await c.next(), await c.next()];
  t.ok(removed.some((m) => 'reportAck' in m && m.reportAck.counter === 2));
  t.ok(removed.some((m) => 'assignments' in m && m.assignments.removedTaskArns.includes(taskArn)), 'a STOPPED task leaves the assignment set');

  c.send({ heartbeat: { sentMs: 5 } });
  t.same(await c.next(), { heartbeat: { sentMs: 5, containerInsights: false } }, 'heartbeats are answered, with the Container Insights switch of the cluster');
  c.end();
  await c.status;
  let stillConnected = true;
  for (let i = 0; i < 50 && stillConnected; i++) {
    stillConnected = (await connected()) ?? false;
    if (stillConnected) await new Promise((r) => setTimeout(r, 50));
  }
  t.equal(stillConnected, false, 'the session lease is released when the stream ends');
});

t.test('deregistering an instance closes its open session and refuses it afterwards; its task is orphaned, not stopped', async (t) => {
  const other = await joinAgent(ts.server, client, cluster, [{ name: 'CPU', type: 'INTEGER', integerValue: 1024 }, { name: 'MEMORY', type: 'INTEGER', integerValue: 512 }]);
  const arn = other.containerInstanceArn;
  const c = connect(other.tls);
  c.send({ hello: { protocolVersion: 1, cluster, containerInstanceArn: arn } });
  t.ok('welcome' in (await c.next()));
  t.ok('assignments' in (await c.next()));
  const family = uniq('orphan');
  await client.call('RegisterTaskDefinition', { family, containerDefinitions: [{ name: 'c', image: 'busybox', memory: 16 }] });
  const run = await client.call('StartTask', { cluster, taskDefinition: family, containerInstances: [arn] });
  const assigned = await c.next();
  t.ok('assignments' in assigned && assigned.assignments.tasks.length === 1, 'the task is assigned');
  const dereg = await client.call('DeregisterContainerInstance', { cluster, containerInstance: arn, force: true });
  t.equal(dereg.containerInstance?.status, 'INACTIVE');
  const s = await c.status;
  t.equal(s.code, grpc.status.NOT_FOUND);
  t.match(s.details, /was deregistered \(INACTIVE\)/);
  const task = (await client.call('DescribeTasks', { cluster, tasks: [run.tasks![0]!.taskArn!] })).tasks![0]!;
  t.equal(task.lastStatus, 'STOPPED', 'the task is orphaned: no longer tracked');
  const again = connect(other.tls);
  again.send({ hello: { protocolVersion: 1, cluster, containerInstanceArn: arn } });
  const refused = await again.status;
  t.equal(refused.code, grpc.status.PERMISSION_DENIED, 'its certificate is revoked');
  t.match(refused.details, /is revoked: the container instance was deregistered/);
});

t.test('reported container health shows in DescribeTasks, with the task health ECS derives from it', async (t) => {
  const c = connect();
  c.send({ hello: { protocolVersion: 1, cluster, containerInstanceArn: instanceArn } });
  await c.next(); // welcome
  const full = await c.next();
  if ('assignments' in full) c.send({ ack: { seq: full.assignments.seq } });
  const family = uniq('disp-health');
  await client.call('RegisterTaskDefinition', {
    family,
    containerDefinitions: [
      { name: 'app', image: 'x', memory: 64, healthCheck: { command: ['CMD-SHELL', 'true'] } },
      { name: 'side', image: 'x', memory: 64, essential: false },
    ],
  });
  const taskArn = (await client.call('RunTask', { cluster, taskDefinition: family })).tasks![0]!.taskArn!;
  for (let m = await c.next(); !('assignments' in m && m.assignments.tasks.some((a) => a.task.taskArn === taskArn)); m = await c.next());
  const describe = async () => (await client.call('DescribeTasks', { cluster, tasks: [taskArn] })).tasks![0]!;
  t.equal((await describe()).healthStatus, 'UNKNOWN', 'UNKNOWN before any health is known');
  const running = [{ containerName: 'app', status: 'RUNNING' }, { containerName: 'side', status: 'RUNNING' }];
  c.send({ report: { taskArn, counter: 1, lastStatus: 'RUNNING', containers: running, containerHealth: [{ containerName: 'app', healthStatus: 'HEALTHY', statusSince: 100 }] } });
  t.same(await c.next(), { reportAck: { taskArn, counter: 1 } });
  let d = await describe();
  t.equal(d.healthStatus, 'HEALTHY');
  t.same(d.containers!.map((x) => [x.name, x.healthStatus]), [['app', 'HEALTHY'], ['side', 'UNKNOWN']]);
  c.send({ report: { taskArn, counter: 2, lastStatus: 'RUNNING', containers: running, containerHealth: [{ containerName: 'app', healthStatus: 'UNHEALTHY' }] } });
  t.same(await c.next(), { reportAck: { taskArn, counter: 2 } });
  d = await describe();
  t.equal(d.healthStatus, 'UNHEALTHY');
  t.equal(d.lastStatus, 'RUNNING');
  await client.call('StopTask', { cluster, task: taskArn });
  c.end();
  await c.status;
});
