// berth create|get|delete event-source (webhooks) and berth get|describe rule|schedule, the real bin against
// a real control plane with its AWS listener: a webhook's POST matches a rule, whose invocation (here a
// RunTask that fails: the cluster has no instances) berth describe rule shows; usage errors.
import t from 'tap';
import { EVENTS_API, IAM_API, INVOKING_API, SCHEDULER_API } from '@berth/core';
import { cliTestServer } from './cli-server.js';

t.setTimeout(120_000);
const { server, client, berth } = await cliTestServer(t, 'cli-invoking', { ecsJson: { listen: '127.0.0.1:0' } });
const { accountId, region } = server.ctx.identity;
const cluster = `arn:aws:ecs:${region}:${accountId}:cluster/default`;

await client.call('CreateCluster', { clusterName: 'default' });
await client.callApi(IAM_API, 'CreateRole', {
  RoleName: 'run-tasks',
  AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: ['events.amazonaws.com', 'scheduler.amazonaws.com'] }, Action: 'sts:AssumeRole' }] }),
});
await client.callApi(IAM_API, 'PutRolePolicy', { RoleName: 'run-tasks', PolicyName: 'run', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecs:RunTask', Resource: '*' }] }) });
const role = `arn:aws:iam::${accountId}:role/run-tasks`;
await client.call('RegisterTaskDefinition', { family: 'report', containerDefinitions: [{ name: 'app', image: 'berth-test/busybox:latest', memory: 16 }] });

t.test('a webhook, a rule it triggers, and the invocation berth describe rule shows', async (t) => {
  const created = await berth('create', 'event-source', 'webhook', 'uploads', '--description', 'object store');
  t.equal(created.code, 0, created.stderr);
  const url = `http://${server.ecsAddr}/webhooks/uploads`;
  t.match(created.stdout, `event-source/uploads created: each POST of a JSON object to\n  ${url}\n`);
  const token = created.stdout.trimEnd().split('\n').at(-1)!;
  t.match(token, /^bwh_/);
  const listed = await berth('get', 'event-sources');
  t.match(listed.stdout, /^NAME\s+KIND\s+BUS\s+URL\n/);
  t.match(listed.stdout, new RegExp(`\\nuploads\\s+webhook\\s+default\\s+${url}\\n`));
  t.notMatch(listed.stdout + (await berth('get', 'event-sources', '-o', 'json')).stdout, token, 'a listing never shows the token');

  await client.callApi(EVENTS_API, 'PutRule', { Name: 'on-upload', EventPattern: JSON.stringify({ source: ['berth.webhook'], 'detail-type': ['uploads'] }) });
  await client.callApi(EVENTS_API, 'PutTargets', { Rule: 'on-upload', Targets: [{ Id: 'report', Arn: cluster, RoleArn: role, EcsParameters: { TaskDefinitionArn: 'report' } }] });
  const res = await fetch(url, { method: 'POST', headers: { 'X-Berth-Webhook-Token': token }, body: '{"key":"a.csv"}' });
  const { EventId } = await res.json() as { EventId: string };
  // The leader's rule engine follows the event stream: wait for its invocation record. (Berth's own protos
  // carry no presence field: an empty list arrives absent, as the CLI reads it.)
  for (let i = 0; i < 300; i++) {
    const { invocations } = await client.callApi(INVOKING_API, 'ListInvocations', { rule: 'on-upload' }) as { invocations?: unknown[] };
    if ((invocations ?? []).length > 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const described = await berth('describe', 'rule', 'on-upload');
  t.equal(described.code, 0, described.stderr);
  t.match(described.stdout, /^Name:\s+on-upload\n/);
  t.match(described.stdout, '\nTargets:\n  report: cluster default, taskdef report, 1 task(s), as role run-tasks\n');
  t.match(described.stdout, new RegExp(`\\nInvocations \\(newest first\\):\\nTIME\\s+EVENT\\s+TARGET\\s+RESULT\\n\\S+Z\\s+${EventId}\\s+report\\s+\\S`));
  const json = JSON.parse((await berth('describe', 'rule', 'on-upload', '-o', 'json')).stdout);
  t.same(Object.keys(json), ['rule', 'targets', 'invocations']);
  t.equal(json.invocations[0].eventId, EventId);

  t.match((await berth('get', 'rules')).stdout, /\non-upload\s+ENABLED\s+\{"source":\["berth.webhook"\]/);
  t.match((await berth('describe', 'rule', 'nope')).stderr, /ResourceNotFoundException.*Rule nope does not exist/);
  t.equal((await berth('delete', 'event-source', 'uploads')).stdout, 'event-source/uploads deleted\n');
  t.equal((await berth('get', 'event-sources')).stdout, 'No event sources.\n');
});

t.test('berth get schedules and describe schedule', async (t) => {
  await client.callApi(SCHEDULER_API, 'CreateSchedule', {
    Name: 'nightly', ScheduleExpression: 'cron(30 2 * * ? *)', ScheduleExpressionTimezone: 'Europe/Berlin', FlexibleTimeWindow: { Mode: 'OFF' },
    Target: { Arn: cluster, RoleArn: role, EcsParameters: { TaskDefinitionArn: 'report' } },
  });
  t.match((await berth('get', 'schedules')).stdout, /^NAME\s+GROUP\s+STATE\s+CLUSTER\nnightly\s+default\s+ENABLED\s+default\n$/);
  const described = await berth('describe', 'schedule', 'nightly');
  t.equal(described.code, 0, described.stderr);
  t.match(described.stdout, /Schedule:\s+cron\(30 2 \* \* \? \*\) \(Europe\/Berlin\)\n/);
  t.match(described.stdout, '\nInvocations (newest first):\n  none yet\n');
  t.match((await berth('describe', 'schedule', 'nightly', '--group', 'other')).stderr, /ResourceNotFoundException/);
});

t.test('usage errors', async (t) => {
  for (const args of [['create', 'event-source', 'sqs', 'q'], ['create', 'event-source', 'webhook'], ['get', 'rules', '--group', 'g'], ['describe', 'schedule', 'x', '--event-bus', 'b'], ['create', 'cluster', 'a', 'b']]) {
    t.equal((await berth(...args)).code, 2, args.join(' '));
  }
});
