// What a replica decides from is the store's, not something it read earlier (issue 14 §2: no cache but
// informers rebuilt from a watch). On two replicas of one etcd: task-role credentials minted through A and
// used on B are refused by B on its very next call once their task has stopped (reported to A) or they have
// expired (the old per-replica cache kept a looked-up answer for 5 s, so each check first makes B use them
// just before); a revision deregistered through A is refused by RunTask on B at once, and the revisions'
// content that running tasks read stays bounded whatever the churn of families, with no status in it; a
// cluster setting changed through A is in the next heartbeat echo of an agent on B.
import t from 'tap';
import { BerthClient } from '@berth/api';
import { ECS_TASKS_PRINCIPAL, IAM_API, STS_API, agentCapabilities, type TaskCredentials } from '@berth/core';
import { clearEtcdNamespace, etcdNamespace, machineResources, rejection, startTestServer, uniq, until } from './helpers.js';
import { connectAgent, joinAgent } from './agent-stream.js';
import { TASK_DEFINITION_CONTENT_ENTRIES, taskDefinitionContentsHeld, taskDefinitionOf } from '../src/handlers/tasks/references.js';

/** Longer than the old cache's 5 s (so a reused answer would outlive the credentials), short enough to wait out once. */
const LIFETIME = 8;
const ns = etcdNamespace('replica-reads');
const a = await startTestServer({ etcdNamespace: ns, server: { taskCredentials: { lifetimeSeconds: LIFETIME } } });
const b = await startTestServer({ etcdNamespace: ns, server: { taskCredentials: { lifetimeSeconds: LIFETIME } } });
t.teardown(async () => {
  await a.close();
  await b.close();
  await clearEtcdNamespace(ns);
});
const tls = { caPem: a.server.ca!.certPem };
const cluster = uniq('reads');
await a.client.call('CreateCluster', { clusterName: cluster });
const attributes = agentCapabilities('1.41', { credentialsEndpoint: true }).map((name) => ({ name }));
const joined = await joinAgent(a.server, a.client, cluster, machineResources(4096, 8192), { attributes });
const agent = connectAgent(a.server.addr, joined.tls);
agent.send({ hello: { protocolVersion: 1, cluster, containerInstanceArn: joined.containerInstanceArn } });
t.teardown(() => agent.cancel());

const { accountId } = a.server.ctx.identity;
const roleName = uniq('app');
await a.client.callApi(IAM_API, 'CreateRole', {
  RoleName: roleName,
  AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: ECS_TASKS_PRINCIPAL }, Action: 'sts:AssumeRole' }] }),
});
const family = uniq('with-role');
await a.client.call('RegisterTaskDefinition', { family, taskRoleArn: `arn:aws:iam::${accountId}:role/${roleName}`, containerDefinitions: [{ name: 'c', image: 'berth-test/busybox:latest', memory: 6 }] });

const startTask = async () => {
  const started = await a.client.call('StartTask', { cluster, taskDefinition: family, containerInstances: [joined.containerInstanceArn] });
  const arn = started.tasks?.[0]?.taskArn;
  if (!arn) throw new Error(`not started: ${JSON.stringify(started.failures)}`);
  return arn;
};
let n = 0;
/** Asks on the agent's stream (to A) and reads until the answer (assignments and acks pass by). */
async function mint(taskArn: string): Promise<TaskCredentials> {
  const requestId = `q${++n}`;
  agent.send({ credentialsRequest: { requestId, taskArn, roleType: 'TaskApplication' } });
  for (;;) {
    const m = await agent.next();
    if ('credentials' in m && m.credentials.requestId === requestId) return m.credentials;
  }
}
/** A client of replica B signed with the task's credentials. */
const onB = (c: TaskCredentials) => {
  const client = new BerthClient(b.server.addr, { tls, credentials: { accessKeyId: c.accessKeyId!, secretAccessKey: c.secretAccessKey!, sessionToken: c.sessionToken! } });
  t.teardown(() => client.close());
  return () => client.callApi(STS_API, 'GetCallerIdentity', {}) as Promise<{ Arn: string }>;
};

t.test('a task stopped through A: its credentials are refused by B on its next call', async (t) => {
  const taskArn = await startTask();
  const c = await mint(taskArn);
  t.equal(c.error, undefined, 'minted');
  const call = onB(c);
  t.match((await call()).Arn, `assumed-role/${roleName}/`, 'B takes them while the task runs');
  agent.send({ report: { taskArn, counter: 1, lastStatus: 'STOPPED', containers: [{ containerName: 'c', status: 'STOPPED', exitCode: 0 }] } });
  await until('the stop stored', async () => (await a.client.call('DescribeTasks', { cluster, tasks: [taskArn] })).tasks?.[0]?.lastStatus === 'STOPPED');
  const refused = await rejection(call());
  t.equal(refused.ecsName, 'UnrecognizedClientException', 'B refuses them at once');
});

t.test('expired credentials are refused by B on its first call past their expiration', async (t) => {
  const taskArn = await startTask();
  const c = await mint(taskArn);
  t.equal(c.error, undefined, 'minted');
  const call = onB(c);
  let used = 0;
  // Used on B until a second before they expire, so that a reused answer would outlive them.
  while (Date.now() / 1000 < c.expiration! - 1) {
    await call();
    used++;
    await new Promise((r) => setTimeout(r, 20));
  }
  t.ok(used > 0, `B took them ${used} times before they expired`);
  await until('past the expiration', () => Date.now() / 1000 > c.expiration! + 0.2, 10_000, 20);
  t.equal((await rejection(call())).ecsName, 'UnrecognizedClientException', 'B refuses them at once');
});

t.test('a revision deregistered through A is refused by RunTask on B at once', async (t) => {
  const fam = uniq('dereg');
  const arn = (await a.client.call('RegisterTaskDefinition', { family: fam, containerDefinitions: [{ name: 'c', image: 'berth-test/busybox:latest', memory: 6 }] })).taskDefinition!.taskDefinitionArn!;
  const run = await b.client.call('RunTask', { cluster, taskDefinition: arn });
  t.equal(run.tasks?.length, 1, 'B runs it while ACTIVE');
  t.equal((await taskDefinitionOf(b.server.ctx, arn))?.family, fam, 'B reads its content (as its reports and mints would)');
  await a.client.call('DeregisterTaskDefinition', { taskDefinition: arn });
  for (const ref of [arn, fam]) {
    const refused = await rejection(b.client.call('RunTask', { cluster, taskDefinition: ref }));
    t.equal(refused.ecsName, 'ClientException', `RunTask of ${ref === arn ? 'the revision' : 'the family'} on B`);
  }
  t.match((await rejection(b.client.call('RunTask', { cluster, taskDefinition: arn }))).message, /inactive/);
  const held = await taskDefinitionOf(b.server.ctx, arn);
  t.equal(held?.family, fam, 'the content is still there for the running task');
  t.notOk(held && 'status' in held, 'with no status in it to act on');
});

t.test('the revisions\' content held stays bounded under churn of families', async (t) => {
  const arns: string[] = [];
  const extra = 50;
  const fams = Array.from({ length: TASK_DEFINITION_CONTENT_ENTRIES + extra }, () => uniq('churn'));
  for (let i = 0; i < fams.length; i += 25) {
    arns.push(...await Promise.all(fams.slice(i, i + 25).map(async (f) =>
      (await a.client.call('RegisterTaskDefinition', { family: f, containerDefinitions: [{ name: 'c', image: 'x', memory: 6 }] })).taskDefinition!.taskDefinitionArn!)));
  }
  let read = 0;
  for (const arn of arns) if ((await taskDefinitionOf(b.server.ctx, arn))?.taskDefinitionArn === arn) read++;
  t.equal(read, arns.length, 'every revision read');
  t.equal(taskDefinitionContentsHeld(b.server.ctx.store), TASK_DEFINITION_CONTENT_ENTRIES, 'at most the bound');
  t.equal((await taskDefinitionOf(b.server.ctx, arns[0]!))?.family, fams[0], 'one that went out is read again');
  t.equal(taskDefinitionContentsHeld(b.server.ctx.store), TASK_DEFINITION_CONTENT_ENTRIES, 'still the bound');
});

t.test('Container Insights turned on through A is in the next heartbeat echoes of B\'s agents', async (t) => {
  const other = uniq('insights');
  await a.client.call('CreateCluster', { clusterName: other });
  const reg = await joinAgent(b.server, b.client, other, machineResources(1024, 1024));
  const c = connectAgent(b.server.addr, reg.tls);
  t.teardown(() => c.cancel());
  c.send({ hello: { protocolVersion: 1, cluster: other, containerInstanceArn: reg.containerInstanceArn } });
  const welcome = await c.next();
  t.equal('welcome' in welcome && welcome.welcome.containerInsights, false, 'off in the welcome from B');
  await a.client.call('UpdateClusterSettings', { cluster: other, settings: [{ name: 'containerInsights', value: 'enabled' }] });
  // B's watch delivers the change in milliseconds; the old per-replica answer was read again only once a
  // heartbeat period (10 s here) old.
  const on = await until('an echo from B with the switch on', async () => {
    c.send({ heartbeat: {} });
    for (let m = await c.next(); ; m = await c.next()) if ('heartbeat' in m) return m.heartbeat.containerInsights === true;
  }, 3_000, 50);
  t.equal(on, true, 'on in B\'s echo');
});
