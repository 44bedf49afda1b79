// Minting task-role credentials on the agent's session (agent.proto field 7), spoken by the test as two
// joined agents: only the agent of the instance a task runs on gets them, only for the role the task names,
// in AWS's shape, sealed in the store; the caller they make is the task's role session on gRPC too.
import t from 'tap';
import { BerthClient } from '@berth/api';
import { ECS_TASKS_PRINCIPAL, IAM_API, STS_API, agentCapabilities, type CredentialsRoleType, type TaskCredentials } from '@berth/core';
import { machineResources, startTestServer, uniq } from './helpers.js';
import { connectAgent, joinAgent } from './agent-stream.js';

const LIFETIME = 600;
const ts = await startTestServer({ server: { taskCredentials: { lifetimeSeconds: LIFETIME } } });
t.teardown(() => ts.close());
const { client, server } = ts;
const cluster = uniq('creds');
await client.call('CreateCluster', { clusterName: cluster });
const agentOn = async () => {
  // An agent that serves credentials advertises task-iam-role, which a definition with a taskRoleArn requires.
  const attributes = agentCapabilities('1.41', { credentialsEndpoint: true }).map((name) => ({ name }));
  const { tls, containerInstanceArn } = await joinAgent(server, client, cluster, machineResources(4096, 8192), { attributes });
  const stream = connectAgent(server.addr, tls);
  stream.send({ hello: { protocolVersion: 1, cluster, containerInstanceArn } });
  t.teardown(() => stream.cancel());
  return { stream, containerInstanceArn };
};
const a = await agentOn();
const b = await agentOn();

const { accountId } = server.ctx.identity;
const roleName = uniq('app');
await client.callApi(IAM_API, 'CreateRole', {
  RoleName: roleName,
  AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: ECS_TASKS_PRINCIPAL }, Action: 'sts:AssumeRole' }] }),
});
const family = uniq('with-role');
await client.call('RegisterTaskDefinition', { family, taskRoleArn: `arn:aws:iam::${accountId}:role/${roleName}`, containerDefinitions: [{ name: 'c', image: 'berth-test/busybox:latest', memory: 6 }] });
const started = await client.call('StartTask', { cluster, taskDefinition: family, containerInstances: [a.containerInstanceArn] });
const startedArn = started.tasks?.[0]?.taskArn;
if (!startedArn) throw new Error(`not started: ${JSON.stringify(started.failures)}`);
const taskArn: string = startedArn;

let n = 0;
/** Asks on an agent's stream and reads until the answer (assignments and heartbeats pass by). */
async function ask(agent: typeof a, roleType: string): Promise<TaskCredentials> {
  const requestId = `q${++n}`;
  agent.stream.send({ credentialsRequest: { requestId, taskArn, roleType: roleType as CredentialsRoleType } });
  for (;;) {
    const m = await agent.stream.next();
    if ('credentials' in m && m.credentials.requestId === requestId) return m.credentials;
  }
}

t.test('only the task\'s own agent, only the role the task names', async (t) => {
  t.match((await ask(b, 'TaskApplication')).error, /is not assigned to this container instance/, 'another instance\'s agent');
  t.match((await ask(a, 'TaskExecution')).error, /has no execution role \(executionRoleArn\)/, 'a role the task does not name');
  t.match((await ask(a, 'Admin')).error, /unknown roleType 'Admin'/, 'a role type ACS does not have');
  for (const r of [await ask(b, 'TaskApplication'), await ask(a, 'TaskExecution')]) t.equal(r.accessKeyId, undefined, 'nothing handed out with a refusal');
});

t.test('the task\'s agent gets AWS-shaped credentials, sealed in the store, that act as the role session', async (t) => {
  const c = await ask(a, 'TaskApplication');
  t.equal(c.error, undefined);
  t.match(c, { roleArn: `arn:aws:iam::${accountId}:role/${roleName}`, accessKeyId: /^ASIA[A-Z2-7]{16}$/, secretAccessKey: /^.{40}$/, sessionToken: /^.{64,}$/ });
  t.ok(Math.abs(c.expiration! - (Date.now() / 1000 + LIFETIME)) < 30, 'the lifetime the server was given');
  const stored = (await server.ctx.store.range('/berth/v1/')).kvs.map((kv) => kv.value.toString()).join('\n');
  t.notOk(stored.includes(c.secretAccessKey!) || stored.includes(c.sessionToken!), 'neither the secret nor the token in clear in the store');
  const session = new BerthClient(server.addr, { tls: { caPem: server.ca!.certPem }, credentials: { accessKeyId: c.accessKeyId!, secretAccessKey: c.secretAccessKey!, sessionToken: c.sessionToken! } });
  t.teardown(() => session.close());
  const who = (await session.callApi(STS_API, 'GetCallerIdentity', {})) as { Arn: string };
  t.equal(who.Arn, `arn:aws:sts::${accountId}:assumed-role/${roleName}/${taskArn.split('/').pop()}`);
});
