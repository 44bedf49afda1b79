// EventBridge Scheduler's schedules start tasks on a real agent, on time, with the scheduler's clock
// injected (no test waits for real minutes): rate(1 minute) fires once per minute from its StartDate;
// cron() fires at its local time in a zone; at() with ActionAfterCompletion DELETE fires once and is
// gone; an occurrence older than MaximumEventAgeInSeconds is recorded and not run. Through the pinned
// @aws-sdk/client-scheduler (Debian's CLI lacks ActionAfterCompletion).
import t from 'tap';
import { CreateScheduleCommand, DeleteScheduleCommand, GetScheduleCommand, SchedulerClient, type CreateScheduleCommandInput } from '@aws-sdk/client-scheduler';
import { EVENTS_API, IAM_API, nextOccurrence, parseScheduleExpression, type Iam } from '@berth/core';
import { recentInvocations, ruleInvocationOwner, scheduleInvocationOwner } from '@berth/server';
import { IMAGE, startTestCluster, until } from './e2e-helpers.js';

t.setTimeout(600_000);

let clock = Math.floor(Date.now() / 1000);
const { server, client, cluster } = await startTestCluster('schedules', t.teardown, {
  server: { ecsJson: { listen: '127.0.0.1:0' }, scheduler: { now: () => clock, tickMs: 100 } },
});
const { accountId, region } = server.ctx.identity;
const clusterArn = `arn:aws:ecs:${region}:${accountId}:cluster/${cluster}`;

await client.callApi(IAM_API, 'CreateUser', { UserName: 'schedules-admin' });
await client.callApi(IAM_API, 'AttachUserPolicy', { UserName: 'schedules-admin', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
const { AccessKey: key } = await client.callApi(IAM_API, 'CreateAccessKey', { UserName: 'schedules-admin' }) as Iam.CreateAccessKeyResponse;
const sdk = new SchedulerClient({ endpoint: `http://${server.ecsAddr}`, region, credentials: { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey }, maxAttempts: 1 });
t.teardown(() => sdk.destroy());

const roleName = `schedules-${process.pid}`;
await client.callApi(IAM_API, 'CreateRole', {
  RoleName: roleName,
  AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: ['scheduler.amazonaws.com', 'events.amazonaws.com'] }, Action: 'sts:AssumeRole' }] }),
});
await client.callApi(IAM_API, 'PutRolePolicy', { RoleName: roleName, PolicyName: 'run', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecs:RunTask', Resource: '*' }] }) });
const family = `tick-${process.pid}`;
await client.call('RegisterTaskDefinition', { family, containerDefinitions: [{ name: 'app', image: IMAGE, memory: 16, command: ['/bin/sh', '-c', 'true'] }] });

const target = { Arn: clusterArn, RoleArn: `arn:aws:iam::${accountId}:role/${roleName}`, EcsParameters: { TaskDefinitionArn: family } };
const create = (input: Omit<CreateScheduleCommandInput, 'Target' | 'FlexibleTimeWindow'> & { Target?: CreateScheduleCommandInput['Target'] }) =>
  sdk.send(new CreateScheduleCommand({ FlexibleTimeWindow: { Mode: 'OFF' }, Target: target, ...input }));
async function tasksOf(name: string, startedBy = `scheduler/default/${name}`): Promise<string[]> {
  const live = (await client.call('ListTasks', { cluster, startedBy })).taskArns ?? [];
  const stopped = (await client.call('ListTasks', { cluster, startedBy, desiredStatus: 'STOPPED' })).taskArns ?? [];
  // Once: a task whose container exits between the two calls is in both lists (desired RUNNING, then STOPPED).
  return [...new Set([...live, ...stopped])];
}
/** Sets the scheduler's clock and waits until it has run what is due by then. */
async function advanceTo(seconds: number, name: string, tasks: number, startedBy?: string): Promise<void> {
  clock = seconds;
  await until(`${name}: ${tasks} task(s)`, async () => (await tasksOf(name, startedBy)).length >= tasks || undefined, 60_000);
}
/** A time a little ahead of both the scheduler's clock and the real one (creation plans from the real one). */
const ahead = () => Math.max(clock, Math.floor(Date.now() / 1000)) + 30;
/** Lets the scheduler tick a few times at the current clock (what was not due stays not run). */
const settle = () => new Promise((r) => setTimeout(r, 500));

t.test('rate(1 minute) fires once a minute from its StartDate', async (t) => {
  const start = ahead();
  await create({ Name: 'every-minute', ScheduleExpression: 'rate(1 minute)', StartDate: new Date(start * 1000) });
  clock = start - 1;
  await settle();
  t.equal((await tasksOf('every-minute')).length, 0, 'nothing before the start');
  await advanceTo(start, 'every-minute', 1);
  await advanceTo(start + 59, 'every-minute', 1);
  await settle();
  t.equal((await tasksOf('every-minute')).length, 1, 'once for the first minute');
  await advanceTo(start + 60, 'every-minute', 2);
  const records = await recentInvocations(server.ctx.store, scheduleInvocationOwner('default', 'every-minute'));
  t.same(records.map((r) => r.occurrence), [new Date((start + 60) * 1000).toISOString(), new Date(start * 1000).toISOString()]);
  await sdk.send(new DeleteScheduleCommand({ Name: 'every-minute' }));
});

t.test('cron() fires at its local time in its zone', async (t) => {
  const expr = 'cron(0/5 * * * ? *)';
  // The clock back to the real time: nothing is due while the schedule is written.
  clock = Math.floor(Date.now() / 1000);
  await create({ Name: 'every-five', ScheduleExpression: expr, ScheduleExpressionTimezone: 'Asia/Kolkata' });
  const due = nextOccurrence(parseScheduleExpression(expr), Date.now() / 1000, { timeZone: 'Asia/Kolkata' })!;
  clock = due - 1;
  await settle();
  t.equal((await tasksOf('every-five')).length, 0);
  await advanceTo(due, 'every-five', 1);
  t.equal(new Date(due * 1000).getUTCMinutes() % 5, 0, 'Kolkata is UTC+5:30: its five-minute marks are UTC\'s too');
  await sdk.send(new DeleteScheduleCommand({ Name: 'every-five' }));
});

t.test('at() with ActionAfterCompletion DELETE runs once and is gone', async (t) => {
  const at = ahead() + 60;
  const local = new Date(at * 1000).toISOString().slice(0, 19);
  await create({ Name: 'once', ScheduleExpression: `at(${local})`, ActionAfterCompletion: 'DELETE' });
  await advanceTo(at, 'once', 1);
  await until('the schedule is deleted', async () => sdk.send(new GetScheduleCommand({ Name: 'once' })).then(() => undefined, (e: Error) => e.name === 'ResourceNotFoundException'));
  t.pass('deleted after its one occurrence');
});

t.test('an occurrence older than MaximumEventAgeInSeconds is recorded, not run', async (t) => {
  const start = ahead();
  await create({ Name: 'late', ScheduleExpression: 'rate(1 minute)', StartDate: new Date(start * 1000), Target: { ...target, RetryPolicy: { MaximumEventAgeInSeconds: 60, MaximumRetryAttempts: 0 } } });
  // The control plane "returns" 290 s after the first occurrence: it is too old; the occurrence inside
  // the last minute (start + 240) runs, and start + 300 is not due yet.
  await advanceTo(start + 290, 'late', 1);
  await settle();
  t.equal((await tasksOf('late')).length, 1);
  const [ran, skipped] = await recentInvocations(server.ctx.store, scheduleInvocationOwner('default', 'late'));
  t.match(skipped!.failure, /Not run: the occurrence is older than the target's MaximumEventAgeInSeconds \(60 s\)/);
  t.equal(skipped!.occurrence, new Date(start * 1000).toISOString());
  t.same(ran!.taskArns, await tasksOf('late'));
});

t.test('a scheduled EventBridge rule runs its targets at its cron time', async (t) => {
  const expr = 'cron(0/5 * * * ? *)';
  // The clock back to the real time: nothing is due while the rule and its target are written.
  clock = Math.floor(Date.now() / 1000);
  await client.callApi(EVENTS_API, 'PutRule', { Name: 'every-five', ScheduleExpression: expr });
  await client.callApi(EVENTS_API, 'PutTargets', { Rule: 'every-five', Targets: [{ Id: 'run', Arn: clusterArn, RoleArn: target.RoleArn, EcsParameters: { TaskDefinitionArn: family } }] });
  const due = nextOccurrence(parseScheduleExpression(expr), Date.now() / 1000)!;
  clock = due - 1;
  await settle();
  t.equal((await tasksOf('', 'events-rule/every-five')).length, 0);
  await advanceTo(due, 'every-five rule', 1, 'events-rule/every-five');
  await settle();
  t.equal((await tasksOf('', 'events-rule/every-five')).length, 1, 'once for the occurrence');
  const [rec] = await recentInvocations(server.ctx.store, ruleInvocationOwner('default', 'every-five'));
  t.equal(rec!.occurrence, new Date(due * 1000).toISOString());
  await client.callApi(EVENTS_API, 'RemoveTargets', { Rule: 'every-five', Ids: ['run'] });
  await client.callApi(EVENTS_API, 'DeleteRule', { Name: 'every-five' });
});
