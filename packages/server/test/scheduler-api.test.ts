// EventBridge Scheduler's REST-JSON API through Debian's AWS CLI: groups, schedules with at(), rate() and
// cron() in a time zone, refusals in Scheduler's words (a bad expression or zone, DeadLetterConfig, a
// target that is not an ECS cluster), and iam:PassRole on the target's role. ActionAfterCompletion, which
// this CLI lacks, goes through the pinned @aws-sdk/client-scheduler.
import t from 'tap';
import { CreateScheduleCommand, GetScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { IAM_API } from '@berth/core';
import { awsCli, userWithKey } from './aws-clients.js';
import { startTestServer, uniq } from './helpers.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';
t.setTimeout(300_000);

const { server, client, close } = await startTestServer({ server: { ecsJson: { listen: '127.0.0.1:0' } } });
const endpoint = `http://${server.ecsAddr}`;
const { accountId, region } = server.ctx.identity;
const admin = await userWithKey(client, uniq('admin'));
const sdk = new SchedulerClient({ endpoint, region, credentials: { accessKeyId: admin.id, secretAccessKey: admin.secret }, maxAttempts: 1 });
t.teardown(async () => {
  sdk.destroy();
  await close();
});
const scheduler = (...args: string[]) => awsCli(admin, endpoint, 'scheduler', ...args);
const role = `arn:aws:iam::${accountId}:role/${uniq('scheduler-role')}`;
const clusterArn = `arn:aws:ecs:${region}:${accountId}:cluster/default`;
const target = (extra: object = {}) => JSON.stringify({ Arn: clusterArn, RoleArn: role, EcsParameters: { TaskDefinitionArn: 'nightly' }, ...extra });
const OFF = '{"Mode":"OFF"}';

t.test('groups and schedules', async (t) => {
  const group = await scheduler('create-schedule-group', '--name', 'batch');
  t.equal(group.json.ScheduleGroupArn, `arn:aws:scheduler:${region}:${accountId}:schedule-group/batch`, group.stderr);
  const created = await scheduler('create-schedule', '--name', 'nightly', '--group-name', 'batch', '--schedule-expression', 'cron(30 2 * * ? *)',
    '--schedule-expression-timezone', 'Europe/Berlin', '--flexible-time-window', '{"Mode":"FLEXIBLE","MaximumWindowInMinutes":15}', '--target', target());
  t.equal(created.json.ScheduleArn, `arn:aws:scheduler:${region}:${accountId}:schedule/batch/nightly`, created.stderr);
  const got = await scheduler('get-schedule', '--name', 'nightly', '--group-name', 'batch');
  t.match(got.json, { Name: 'nightly', GroupName: 'batch', State: 'ENABLED', ScheduleExpression: 'cron(30 2 * * ? *)', ScheduleExpressionTimezone: 'Europe/Berlin', FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 }, Target: { Arn: clusterArn, RoleArn: role } });
  t.equal((await scheduler('update-schedule', '--name', 'nightly', '--group-name', 'batch', '--schedule-expression', 'rate(6 hours)', '--flexible-time-window', OFF, '--target', target(), '--state', 'DISABLED')).code, 0);
  const listed = await scheduler('list-schedules', '--group-name', 'batch');
  t.match(listed.json.Schedules, [{ Name: 'nightly', GroupName: 'batch', State: 'DISABLED', Target: { Arn: clusterArn } }]);
  t.same((await scheduler('list-schedule-groups')).json.ScheduleGroups.map((g: { Name: string }) => g.Name), ['default', 'batch']);
  t.equal((await scheduler('delete-schedule-group', '--name', 'batch')).code, 0);
  t.match((await scheduler('get-schedule', '--name', 'nightly', '--group-name', 'batch')).stderr, '(ResourceNotFoundException) when calling the GetSchedule operation: Schedule group batch does not exist.');
});

t.test('refusals, in Scheduler words', async (t) => {
  const create = (name: string, expr: string, tgt: string, ...more: string[]) => scheduler('create-schedule', '--name', name, '--schedule-expression', expr, '--flexible-time-window', OFF, '--target', tgt, ...more);
  t.match((await create('a', 'rate(1 minutes)', target())).stderr, '(ValidationException) when calling the CreateSchedule operation: Invalid Schedule Expression rate(1 minutes)');
  t.match((await create('b', 'rate(1 minute)', target(), '--schedule-expression-timezone', 'Mars/Olympus')).stderr, 'Invalid ScheduleExpressionTimezone Mars/Olympus');
  t.match((await create('c', 'rate(1 minute)', target({ DeadLetterConfig: { Arn: 'arn:aws:sqs:r:1:q' } }))).stderr, 'uses Target.DeadLetterConfig, which Berth does not support: Berth has no SQS');
  t.match((await create('d', 'rate(1 minute)', JSON.stringify({ Arn: `arn:aws:sqs:${region}:${accountId}:q`, RoleArn: role }))).stderr, 'is not an ECS cluster ARN');

  // scheduler:CreateSchedule alone does not let a user hand a role to the scheduler.
  const user = uniq('schedules-only');
  const limited = await userWithKey(client, user, []);
  await client.callApi(IAM_API, 'PutUserPolicy', { UserName: user, PolicyName: 's', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'scheduler:*', Resource: '*' }] }) });
  const refused = await awsCli(limited, endpoint, 'scheduler', 'create-schedule', '--name', 'e', '--schedule-expression', 'rate(1 minute)', '--flexible-time-window', OFF, '--target', target());
  t.match(refused.stderr, `is not authorized to perform: iam:PassRole on resource: ${role}`);
});

t.test('ActionAfterCompletion through the SDK', async (t) => {
  await sdk.send(new CreateScheduleCommand({
    Name: 'once', ScheduleExpression: 'at(2030-01-01T09:00:00)', ScheduleExpressionTimezone: 'Asia/Tokyo', FlexibleTimeWindow: { Mode: 'OFF' },
    ActionAfterCompletion: 'DELETE', Target: { Arn: clusterArn, RoleArn: role, EcsParameters: { TaskDefinitionArn: 'nightly' }, RetryPolicy: { MaximumEventAgeInSeconds: 60, MaximumRetryAttempts: 0 } },
  }));
  const got = await sdk.send(new GetScheduleCommand({ Name: 'once' }));
  t.equal(got.ActionAfterCompletion, 'DELETE');
  t.equal(got.GroupName, 'default');
  t.same(got.Target?.RetryPolicy, { MaximumEventAgeInSeconds: 60, MaximumRetryAttempts: 0 });
});
