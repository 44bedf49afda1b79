// A schedule's occurrence runs exactly once when its leader dies by SIGKILL between RunTask's commit and the
// schedule's bookkeeping (the server's test hook at that point): the next server on the store finds the
// occurrence still due, runs it again with the same clientToken, gets the first run's task back, and
// books it. One task, one invocation record.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthClient, openEventStream } from '@berth/api';
import { IAM_API, SCHEDULER_API } from '@berth/core';
import { spawnServer } from './process.js';
import { connectAgent } from './agent-stream.js';
import { uniq } from './helpers.js';

t.setTimeout(120_000);
const dir = mkdtempSync(join(tmpdir(), 'berth-scheduler-crash-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const store = `file:${join(dir, 'berth.db')}`;

t.test('an occurrence whose leader is killed after RunTask runs once', async (t) => {
  process.env.BERTH_TEST_SCHEDULER_KILL_AFTER_RUN = '1';
  const first = await spawnServer(['--store', store, '--leader-ttl', '2s']);
  delete process.env.BERTH_TEST_SCHEDULER_KILL_AFTER_RUN;
  const client = new BerthClient(first.addr, { deadlineMs: 10_000 });
  const cluster = uniq('sched');
  await client.call('CreateCluster', { clusterName: cluster });
  await client.call('RegisterTaskDefinition', { family: 'tick', containerDefinitions: [{ name: 'a', image: 'berth-test/busybox:latest', memory: 8 }] });
  const { containerInstance } = await client.call('RegisterContainerInstance', {
    cluster, totalResources: [{ name: 'CPU', type: 'INTEGER', integerValue: 1024 }, { name: 'MEMORY', type: 'INTEGER', integerValue: 1024 }],
  });
  // The agent's side of the session (no Docker: the task only has to be placed).
  const agent = connectAgent(first.addr);
  agent.send({ hello: { protocolVersion: 1, cluster, containerInstanceArn: containerInstance!.containerInstanceArn! } });
  await client.callApi(IAM_API, 'CreateRole', {
    RoleName: 'tick', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'scheduler.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
  });
  await client.callApi(IAM_API, 'PutRolePolicy', { RoleName: 'tick', PolicyName: 'run', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecs:RunTask', Resource: '*' }] }) });
  const clusterArn = containerInstance!.containerInstanceArn!.replace(/:container-instance\/.*/, `:cluster/${cluster}`);
  const roleArn = clusterArn.replace(/:ecs:[^:]*:/, ':iam::').replace(/:cluster\/.*/, ':role/tick');
  const { ScheduleArn } = await client.callApi(SCHEDULER_API, 'CreateSchedule', {
    Name: 'tick', ScheduleExpression: 'rate(1 day)', StartDate: Math.ceil(Date.now() / 1000) + 2, FlexibleTimeWindow: { Mode: 'OFF' },
    Target: { Arn: clusterArn, RoleArn: roleArn, EcsParameters: { TaskDefinitionArn: 'tick' } },
  }) as { ScheduleArn: string };

  t.equal(await first.exited, 'SIGKILL', 'the first server died at the hook, after its RunTask');
  agent.cancel();
  client.close();

  const second = await spawnServer(['--store', store, '--leader-ttl', '2s']);
  t.teardown(() => { second.child.kill('SIGKILL'); });
  const events = openEventStream([second.addr], 0, { detailTypes: ['Berth Invocation'], follow: true });
  let booked: Record<string, unknown> | undefined;
  for await (const m of events) {
    if (!m.event) continue;
    const e = JSON.parse(m.event) as { resources: string[]; detail: Record<string, unknown> };
    if (e.resources[0] === ScheduleArn) {
      booked = e.detail;
      break;
    }
  }
  events.cancel();
  const again = new BerthClient(second.addr);
  t.teardown(() => again.close());
  const { taskArns } = await again.call('ListTasks', { cluster, startedBy: 'scheduler/default/tick' });
  t.equal(taskArns?.length, 1, 'one task for the occurrence');
  t.same(booked!.taskArns, taskArns, 'booked with the task the first server started');
  t.equal(booked!.failure, undefined);
});
