// EventBridge's API through Debian's AWS CLI: rules (patterns checked in EventBridge's words, schedules on
// the default bus only), targets (an ECS cluster with EcsParameters and a RoleArn; other kinds and
// DeadLetterConfig refused naming them; iam:PassRole checked), ListRuleNamesByTarget, TestEventPattern,
// PutEvents' limits and per-entry results (a forged `aws.` source refused), and custom buses.
import t from 'tap';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IAM_API } from '@berth/core';
import { awsCli, userWithKey } from './aws-clients.js';
import { startTestServer, uniq } from './helpers.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';
// A process per AWS CLI call, on a machine shared with other tests.
t.setTimeout(600_000);

const { server, client, dir, close } = await startTestServer({ server: { ecsJson: { listen: '127.0.0.1:0' } } });
t.teardown(close);
const endpoint = `http://${server.ecsAddr}`;
const { accountId, region } = server.ctx.identity;
const admin = await userWithKey(client, uniq('admin'));
const events = (...args: string[]) => awsCli(admin, endpoint, 'events', ...args);
const cluster = `arn:aws:ecs:${region}:${accountId}:cluster/default`;
const role = `arn:aws:iam::${accountId}:role/${uniq('events-role')}`;
const ecsTarget = (id: string, extra: object = {}) => JSON.stringify([{ Id: id, Arn: cluster, RoleArn: role, EcsParameters: { TaskDefinitionArn: 'web', TaskCount: 1 }, ...extra }]);
const PATTERN = JSON.stringify({ source: ['aws.ecs'], 'detail-type': ['ECS Task State Change'], detail: { lastStatus: ['STOPPED'] } });

t.test('rules: put, describe, list, enable, disable, delete', async (t) => {
  const put = await events('put-rule', '--name', 'on-stop', '--event-pattern', PATTERN, '--description', 'after a task stops');
  t.equal(put.code, 0, put.stderr);
  t.equal(put.json.RuleArn, `arn:aws:events:${region}:${accountId}:rule/on-stop`);
  const described = await events('describe-rule', '--name', 'on-stop');
  t.same(described.json, { Name: 'on-stop', Arn: put.json.RuleArn, EventPattern: PATTERN, State: 'ENABLED', Description: 'after a task stops', EventBusName: 'default', CreatedBy: accountId });
  t.equal((await events('put-rule', '--name', 'hourly', '--schedule-expression', 'rate(1 hour)')).code, 0);
  t.same((await events('list-rules', '--name-prefix', 'on-')).json.Rules.map((r: { Name: string }) => r.Name), ['on-stop']);
  t.equal((await events('disable-rule', '--name', 'on-stop')).code, 0);
  t.same((await events('list-rules')).json.Rules.map((r: { Name: string; State: string }) => `${r.Name} ${r.State}`), ['hourly ENABLED', 'on-stop DISABLED']);
  t.equal((await events('enable-rule', '--name', 'on-stop')).code, 0);
  t.equal((await events('delete-rule', '--name', 'hourly')).code, 0);
  t.match((await events('describe-rule', '--name', 'hourly')).stderr, '(ResourceNotFoundException) when calling the DescribeRule operation: Rule hourly does not exist on EventBus default.');
});

t.test('rules are refused in EventBridge words', async (t) => {
  const bad = await events('put-rule', '--name', 'bad', '--event-pattern', '{"source": "aws.ecs"}');
  t.match(bad.stderr, '(InvalidEventPatternException) when calling the PutRule operation: Event pattern is not valid. Reason: "source" must be an object or an array');
  t.match((await events('put-rule', '--name', 'bad', '--schedule-expression', 'rate(1 minutes)')).stderr, '(ValidationError) when calling the PutRule operation: Parameter ScheduleExpression is not valid.');
  t.match((await events('put-rule', '--name', 'bad', '--schedule-expression', 'at(2030-01-01T00:00:00)')).stderr, 'Parameter ScheduleExpression is not valid.');
});

t.test('targets: ECS only, with a role the caller may pass', async (t) => {
  const put = await events('put-targets', '--rule', 'on-stop', '--targets', ecsTarget('run-web', { InputTransformer: { InputPathsMap: { arn: '$.detail.taskArn' }, InputTemplate: '{"containerOverrides":[{"name":"app","environment":[{"name":"STOPPED","value":"<arn>"}]}]}' } }));
  t.equal(put.code, 0, put.stderr);
  t.same(put.json, { FailedEntryCount: 0, FailedEntries: [] });
  const listed = await events('list-targets-by-rule', '--rule', 'on-stop');
  t.equal(listed.json.Targets[0].Id, 'run-web');
  t.equal(listed.json.Targets[0].EcsParameters.TaskDefinitionArn, 'web');
  t.same((await events('list-rule-names-by-target', '--target-arn', cluster)).json.RuleNames, ['on-stop']);
  t.match((await events('delete-rule', '--name', 'on-stop')).stderr, "Rule can't be deleted since it has targets.");

  const lambda = await events('put-targets', '--rule', 'on-stop', '--targets', JSON.stringify([{ Id: 'l', Arn: `arn:aws:lambda:${region}:${accountId}:function:f` }]));
  t.match(lambda.stderr, 'is not an ECS cluster ARN: Berth runs ECS tasks only');
  const dlq = JSON.stringify([...JSON.parse(ecsTarget('ok')), ...JSON.parse(ecsTarget('d', { DeadLetterConfig: { Arn: 'arn:aws:sqs:r:1:q' } }))]);
  t.match((await events('put-targets', '--rule', 'on-stop', '--targets', dlq)).stderr, 'uses Targets[1].DeadLetterConfig, which Berth does not support: Berth has no SQS');
  t.match((await events('put-targets', '--rule', 'on-stop', '--targets', JSON.stringify([{ Id: 'x', Arn: cluster, EcsParameters: { TaskDefinitionArn: 'web' } }]))).stderr,
    `RoleArn is required for target ${cluster}.`);

  // events:PutTargets alone does not let a user hand a role to EventBridge, so it cannot run any task.
  const user = uniq('rules-only');
  const limited = await userWithKey(client, user, []);
  await client.callApi(IAM_API, 'PutUserPolicy', { UserName: user, PolicyName: 'events', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'events:*', Resource: '*' }] }) });
  const refused = await awsCli(limited, endpoint, 'events', 'put-targets', '--rule', 'on-stop', '--targets', ecsTarget('sneaky'));
  t.match(refused.stderr, `(AccessDeniedException) when calling the PutTargets operation: User: arn:aws:iam::${accountId}:user/${user} is not authorized to perform: iam:PassRole on resource: ${role}`);
  t.same((await events('list-targets-by-rule', '--rule', 'on-stop')).json.Targets.map((x: { Id: string }) => x.Id), ['run-web'], 'nothing written');

  const removed = await events('remove-targets', '--rule', 'on-stop', '--ids', 'run-web', 'gone');
  t.same(removed.json.FailedEntries.map((e: { TargetId: string }) => e.TargetId), ['gone']);
  t.equal((await events('delete-rule', '--name', 'on-stop')).code, 0);
});

t.test('TestEventPattern', async (t) => {
  const event = JSON.stringify({ id: '1', account: accountId, source: 'aws.ecs', time: '2026-12-02T10:00:00Z', region, 'detail-type': 'ECS Task State Change', resources: [], detail: { lastStatus: 'STOPPED', group: 'family:web' } });
  t.same((await events('test-event-pattern', '--event-pattern', PATTERN, '--event', event)).json, { Result: true });
  t.match((await events('test-event-pattern', '--event-pattern', PATTERN, '--event', '{"detail":{}}')).stderr, 'Parameter Event is not valid.');
});

t.test('PutEvents: per-entry results, limits, and no forged AWS sources', async (t) => {
  const entries = JSON.stringify([
    { Source: 'my.app', DetailType: 'Order Placed', Detail: '{"size": 500}' },
    { Source: 'aws.ecs', DetailType: 'ECS Task State Change', Detail: '{"lastStatus": "STOPPED"}' },
    { Source: 'my.app', DetailType: 'Order Placed', Detail: 'not json' },
    { Source: 'my.app', DetailType: 'Order Placed', Detail: '{}', EventBusName: 'nowhere' },
  ]);
  const put = await events('put-events', '--entries', entries);
  t.equal(put.code, 0, put.stderr);
  t.equal(put.json.FailedEntryCount, 3);
  t.match(put.json.Entries[0].EventId, /^[0-9a-f-]{36}$/);
  t.same(put.json.Entries.slice(1), [
    { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' },
    { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is malformed.' },
    { ErrorCode: 'ResourceNotFoundException', ErrorMessage: 'Event bus nowhere does not exist.' },
  ]);
  const eleven = JSON.stringify(Array.from({ length: 11 }, () => ({ Source: 'my.app', DetailType: 'x', Detail: '{}' })));
  t.match((await events('put-events', '--entries', eleven)).stderr, "'Entries' must have at most 10 items (11 given).");
  const big = join(dir, 'big.json');
  writeFileSync(big, JSON.stringify([{ Source: 'my.app', DetailType: 'x', Detail: JSON.stringify({ pad: 'x'.repeat(260 * 1024) }) }]));
  t.match((await events('put-events', '--entries', `file://${big}`)).stderr, 'Total size of the entries in the request is over the limit');
});

t.test('event buses', async (t) => {
  const bus = uniq('orders');
  const created = await events('create-event-bus', '--name', bus);
  t.equal(created.json.EventBusArn, `arn:aws:events:${region}:${accountId}:event-bus/${bus}`);
  t.match((await events('create-event-bus', '--name', bus)).stderr, 'ResourceAlreadyExistsException');
  t.same((await events('list-event-buses')).json.EventBuses.map((b: { Name: string }) => b.Name), ['default', bus]);
  t.equal((await events('put-rule', '--name', 'r', '--event-bus-name', bus, '--event-pattern', '{"source":["my.app"]}')).json.RuleArn, `arn:aws:events:${region}:${accountId}:rule/${bus}/r`);
  t.match((await events('put-rule', '--name', 's', '--event-bus-name', bus, '--schedule-expression', 'rate(5 minutes)')).stderr, 'ScheduleExpression is supported only on the default event bus.');
  t.match((await events('delete-event-bus', '--name', bus)).stderr, 'still has rules');
  await events('delete-rule', '--name', 'r', '--event-bus-name', bus);
  t.equal((await events('delete-event-bus', '--name', bus)).code, 0);
  t.match((await events('delete-event-bus', '--name', 'default')).stderr, 'Cannot delete event bus default.');
});

t.test('the rest of the model answers unsupported, naming the action', async (t) => {
  t.match((await events('list-archives')).stderr, 'ListArchives');
});
