// Exactly once per occurrence when a run's answer is lost: the schedule's RunTask commits its task, and the
// store's answer is then lost (a commit that times out after it was made). The scheduler records a failed
// attempt and tries again; the retry carries the occurrence's clientToken, so it is answered with the task
// of the first try instead of starting a second one. On a file store behind a switch (store-with-outage.ts),
// with the scheduler's clock injected and an agent session holding the instance connected.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { IAM_API } from '@berth/core';
import { FileStore } from '@berth/store';
import { recentInvocations, scheduleInvocationOwner } from '../src/index.js';
import { StoreWithOutage } from './store-with-outage.js';
import { userWithKey } from './aws-clients.js';
import { machineResources, startTestServer, uniq, until } from './helpers.js';
import { connectAgent, joinAgent } from './agent-stream.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-scheduler-lost-answer-'));
const inner = await FileStore.open(join(dir, 'berth.db'));
const outage = new StoreWithOutage(inner);
let clock = Math.floor(Date.now() / 1000);
const ts = await startTestServer({ server: { store: outage.store, ecsJson: { listen: '127.0.0.1:0' }, scheduler: { now: () => clock, tickMs: 50 } } });
const { server, client } = ts;
const { accountId, region } = server.ctx.identity;
const admin = await userWithKey(client, uniq('admin'));
const sdk = new SchedulerClient({ endpoint: `http://${server.ecsAddr}`, region, credentials: { accessKeyId: admin.id, secretAccessKey: admin.secret }, maxAttempts: 1 });
const cluster = uniq('lost-answer');
await client.call('CreateCluster', { clusterName: cluster });
const joined = await joinAgent(server, client, cluster, machineResources(1024, 1024));
const agent = connectAgent(server.addr, joined.tls);
agent.send({ hello: { protocolVersion: 1, cluster, containerInstanceArn: joined.containerInstanceArn } });
t.teardown(async () => {
  agent.cancel();
  sdk.destroy();
  await ts.close();
  await inner.close();
  rmSync(dir, { recursive: true, force: true });
});
const welcomed = 'welcome' in (await agent.next());

const role = uniq('scheduler-role');
await client.callApi(IAM_API, 'CreateRole', {
  RoleName: role,
  AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'scheduler.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
});
await client.callApi(IAM_API, 'PutRolePolicy', { RoleName: role, PolicyName: 'run', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecs:RunTask', Resource: '*' }] }) });
const family = uniq('once');
await client.call('RegisterTaskDefinition', { family, containerDefinitions: [{ name: 'app', image: 'berth-test/busybox:latest', memory: 16 }] });

t.test('a run whose commit answer is lost is tried again and answered with its task, not run twice', async (t) => {
  t.ok(welcomed, 'the agent is connected');
  const start = Math.max(clock, Math.floor(Date.now() / 1000)) + 30;
  await sdk.send(new CreateScheduleCommand({
    Name: 'lost', ScheduleExpression: `at(${new Date(start * 1000).toISOString().slice(0, 19)})`, FlexibleTimeWindow: { Mode: 'OFF' },
    Target: { Arn: `arn:aws:ecs:${region}:${accountId}:cluster/${cluster}`, RoleArn: `arn:aws:iam::${accountId}:role/${role}`, EcsParameters: { TaskDefinitionArn: family } },
  }));
  // The launch's transaction (it writes the task's record) commits, and its answer is lost.
  outage.loseAnswer = (req) => req.success.some((op) => 'put' in op && op.put.includes('/tasks/') && op.put.includes(cluster));
  clock = start;
  const owner = scheduleInvocationOwner('default', 'lost');
  await until('the first try recorded as failed', async () => (await recentInvocations(inner, owner)).some((r) => r.failure !== undefined) || undefined, 30_000);
  t.equal(outage.loseAnswer, undefined, 'the answer of the launch was lost');
  clock = start + 5; // past the retry's backoff
  const done = await until('the retry recorded', async () => (await recentInvocations(inner, owner)).find((r) => r.failure === undefined) ?? undefined, 30_000);
  const tasks = (await client.call('ListTasks', { cluster, startedBy: 'scheduler/default/lost' })).taskArns ?? [];
  t.equal(tasks.length, 1, 'one task for the occurrence');
  t.same(done.taskArns, tasks, 'the retry answered with the task the first try wrote');
});
