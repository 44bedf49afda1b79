// A schedule's occurrence, and an event a rule matched, run exactly once when their leader dies by SIGKILL
// between RunTask's commit and the bookkeeping (the server's test hook at that point): the next server on
// the store finds the occurrence still due (the event still after the rule engine's cursor), runs it again
// with the same clientToken, gets the first run's task back, and books it. One task, one booking.
import t, { type Test } from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthClient, openEventStream } from '@berth/api';
import { EVENTS_API, IAM_API, SCHEDULER_API } from '@berth/core';
import { spawnServer } from './process.js';
import { connectAgent } from './agent-stream.js';
import { uniq } from './helpers.js';

t.setTimeout(240_000);
const dir = mkdtempSync(join(tmpdir(), 'berth-invoking-crash-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const store = `file:${join(dir, 'berth.db')}`;

/** A server that dies at the hook, a cluster with one (simulated) agent, and a role `principal` trusts. */
async function setUp(principal: string) {
  process.env.BERTH_TEST_KILL_AFTER_INVOCATION = '1';
  const first = await spawnServer(['--store', store, '--leader-ttl', '2s']);
  delete process.env.BERTH_TEST_KILL_AFTER_INVOCATION;
  const client = new BerthClient(first.addr, { deadlineMs: 10_000 });
  const cluster = uniq('invoke');
  await client.call('CreateCluster', { clusterName: cluster });
  await client.call('RegisterTaskDefinition', { family: 'tick', containerDefinitions: [{ name: 'a', image: 'berth-test/busybox:latest', memory: 8 }] });
  const { containerInstance } = await client.call('RegisterContainerInstance', {
    cluster, totalResources: [{ name: 'CPU', type: 'INTEGER', integerValue: 1024 }, { name: 'MEMORY', type: 'INTEGER', integerValue: 1024 }],
  });
  // The agent's side of the session (no Docker: the task only has to be placed).
  const agent = connectAgent(first.addr);
  agent.send({ hello: { protocolVersion: 1, cluster, containerInstanceArn: containerInstance!.containerInstanceArn! } });
  const roleName = uniq('role');
  await client.callApi(IAM_API, 'CreateRole', {
    RoleName: roleName, AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: principal }, Action: 'sts:AssumeRole' }] }),
  });
  await client.callApi(IAM_API, 'PutRolePolicy', { RoleName: roleName, PolicyName: 'run', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecs:RunTask', Resource: '*' }] }) });
  const clusterArn = containerInstance!.containerInstanceArn!.replace(/:container-instance\/.*/, `:cluster/${cluster}`);
  const roleArn = clusterArn.replace(/:ecs:[^:]*:/, ':iam::').replace(/:cluster\/.*/, `:role/${roleName}`);
  return { first, client, agent, cluster, clusterArn, roleArn };
}

/** After the first server died at the hook: the next one books the invocation of `arn`; its booking and the tasks `startedBy` started. */
async function rerun(t: Test, first: Awaited<ReturnType<typeof setUp>>, arn: string, startedBy: string) {
  t.equal(await first.first.exited, 'SIGKILL', 'the first server died at the hook, after its RunTask');
  first.agent.cancel();
  first.client.close();
  const second = await spawnServer(['--store', store, '--leader-ttl', '2s']);
  t.teardown(() => { second.child.kill('SIGKILL'); });
  const events = openEventStream([second.addr], 0, { detailTypes: ['Berth Invocation'], follow: true });
  let booked: Record<string, unknown> | undefined;
  for await (const m of events) {
    if (!m.event) continue;
    const e = JSON.parse(m.event) as { resources: string[]; detail: Record<string, unknown> };
    if (e.resources[0] === arn) {
      booked = e.detail;
      break;
    }
  }
  events.cancel();
  const again = new BerthClient(second.addr);
  const { taskArns } = await again.call('ListTasks', { cluster: first.cluster, startedBy });
  again.close();
  t.equal(taskArns?.length, 1, 'one task');
  t.same(booked!.taskArns, taskArns, 'booked with the task the first server started');
  t.equal(booked!.failure, undefined);
  second.child.kill('SIGTERM');
  await second.exited;
}

t.test('an occurrence whose leader is killed after RunTask runs once', async (t) => {
  const s = await setUp('scheduler.amazonaws.com');
  const { ScheduleArn } = await s.client.callApi(SCHEDULER_API, 'CreateSchedule', {
    Name: 'tick', ScheduleExpression: 'rate(1 day)', StartDate: Math.ceil(Date.now() / 1000) + 2, FlexibleTimeWindow: { Mode: 'OFF' },
    Target: { Arn: s.clusterArn, RoleArn: s.roleArn, EcsParameters: { TaskDefinitionArn: 'tick' } },
  }) as { ScheduleArn: string };
  await rerun(t, s, ScheduleArn, 'scheduler/default/tick');
});

t.test('an event whose rule engine leader is killed after RunTask runs once', async (t) => {
  const s = await setUp('events.amazonaws.com');
  const { RuleArn } = await s.client.callApi(EVENTS_API, 'PutRule', { Name: 'on-order', EventPattern: JSON.stringify({ source: ['my.shop'] }) }) as { RuleArn: string };
  await s.client.callApi(EVENTS_API, 'PutTargets', { Rule: 'on-order', Targets: [{ Id: 't', Arn: s.clusterArn, RoleArn: s.roleArn, EcsParameters: { TaskDefinitionArn: 'tick' } }] });
  await s.client.callApi(EVENTS_API, 'PutEvents', { Entries: [{ Source: 'my.shop', DetailType: 'Order Placed', Detail: '{}' }] });
  await rerun(t, s, RuleArn, 'events-rule/on-order');
});
