// EventBridge rules start tasks on a real agent, driven by Debian's AWS CLI: a rule on one family's
// "ECS Task State Change" to STOPPED starts another family's task, an input transformer passing the
// stopped task's ARN as an environment override; PutEvents' events start a task through a wildcard,
// numeric and anything-but pattern (and one that does not match starts none); a rule whose tasks make
// the events it matches is stopped by its rate limit, which says so; a webhook's POST starts a task.
import t from 'tap';
import { execFile } from 'node:child_process';
import { IAM_API, INVOKING_API, type Iam, type Task } from '@berth/core';
import { IMAGE, startTestCluster, until } from './e2e-helpers.js';
import { recentInvocations, ruleInvocationOwner } from '@berth/server';

t.setTimeout(600_000);

const { server, client, cluster } = await startTestCluster('rules', t.teardown, {
  server: { ecsJson: { listen: '127.0.0.1:0' }, ruleEngine: { maxInvocations: 3, windowSeconds: 600 } },
});
const { accountId, region } = server.ctx.identity;
const clusterArn = `arn:aws:ecs:${region}:${accountId}:cluster/${cluster}`;

await client.callApi(IAM_API, 'CreateUser', { UserName: 'rules-admin' });
await client.callApi(IAM_API, 'AttachUserPolicy', { UserName: 'rules-admin', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
const { AccessKey: key } = await client.callApi(IAM_API, 'CreateAccessKey', { UserName: 'rules-admin' }) as Iam.CreateAccessKeyResponse;

function aws(service: string, ...args: string[]): Promise<{ code: number; stderr: string; json?: any }> {
  const env = {
    PATH: '/usr/bin:/bin', HOME: '/nonexistent', AWS_ACCESS_KEY_ID: key.AccessKeyId, AWS_SECRET_ACCESS_KEY: key.SecretAccessKey,
    AWS_DEFAULT_REGION: 'us-east-1', AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true',
  };
  return new Promise((resolve) => {
    execFile('/usr/bin/aws', [service, ...args, '--endpoint-url', `http://${server.ecsAddr}`, '--output', 'json'], { env, timeout: 120_000 }, (err, stdout, stderr) => {
      let json: unknown;
      try { json = stdout.trim() ? JSON.parse(stdout) : undefined; } catch { /* not JSON */ }
      resolve({ code: err ? -1 : 0, stderr, json });
    });
  });
}

// The role the rules' targets run as: trusted by EventBridge, allowed to run tasks in this cluster.
const roleName = `rules-${process.pid}`;
await client.callApi(IAM_API, 'CreateRole', {
  RoleName: roleName,
  AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
});
await client.callApi(IAM_API, 'PutRolePolicy', {
  RoleName: roleName, PolicyName: 'run',
  PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecs:RunTask', Resource: '*', Condition: { ArnEquals: { 'ecs:cluster': clusterArn } } }] }),
});
const roleArn = `arn:aws:iam::${accountId}:role/${roleName}`;

const family = (name: string) => `${name}-${process.pid}`;
for (const [name, command] of [['first', 'true'], ['second', 'test -n "$STOPPED_TASK"'], ['loop', 'true']]) {
  await client.call('RegisterTaskDefinition', { family: family(name!), containerDefinitions: [{ name: 'app', image: IMAGE, memory: 16, command: ['/bin/sh', '-c', command!] }] });
}

const ecsTarget = (taskFamily: string, extra: object = {}) => JSON.stringify([{ Id: 't1', Arn: clusterArn, RoleArn: roleArn, EcsParameters: { TaskDefinitionArn: family(taskFamily), TaskCount: 1 }, ...extra }]);
const onStopped = (taskFamily: string) => JSON.stringify({ source: ['aws.ecs'], 'detail-type': ['ECS Task State Change'], detail: { group: [`family:${family(taskFamily)}`], lastStatus: ['STOPPED'] } });

async function tasksStartedBy(startedBy: string): Promise<Task[]> {
  // A Set: a task that stops between the two calls is in both lists.
  const arns = [...new Set([
    ...((await client.call('ListTasks', { cluster, startedBy, desiredStatus: 'RUNNING' })) as { taskArns: string[] }).taskArns,
    ...((await client.call('ListTasks', { cluster, startedBy, desiredStatus: 'STOPPED' })) as { taskArns: string[] }).taskArns,
  ])];
  if (arns.length === 0) return [];
  return ((await client.call('DescribeTasks', { cluster, tasks: arns })) as { tasks: Task[] }).tasks;
}

t.test('a stopped task of one family starts another, its ARN passed by an input transformer', async (t) => {
  t.equal((await aws('events', 'put-rule', '--name', 'after-first', '--event-pattern', onStopped('first'))).code, 0);
  const transformer = { InputPathsMap: { stopped: '$.detail.taskArn' }, InputTemplate: '{"containerOverrides":[{"name":"app","environment":[{"name":"STOPPED_TASK","value":"<stopped>"}]}]}' };
  const put = await aws('events', 'put-targets', '--rule', 'after-first', '--targets', ecsTarget('second', { InputTransformer: transformer }));
  t.equal(put.code, 0, put.stderr);
  const run = await aws('ecs', 'run-task', '--cluster', cluster, '--task-definition', family('first'));
  const firstArn: string = run.json.tasks[0].taskArn;
  const [started] = await until('the rule started a task', async () => (await tasksStartedBy('events-rule/after-first')).filter((x) => x.lastStatus === 'STOPPED').length === 1 && tasksStartedBy('events-rule/after-first'), 90_000);
  t.equal(started!.taskDefinitionArn, `arn:aws:ecs:${region}:${accountId}:task-definition/${family('second')}:1`);
  t.same(started!.overrides?.containerOverrides?.[0]?.environment, [{ name: 'STOPPED_TASK', value: firstArn }]);
  t.equal(started!.containers?.[0]?.exitCode, 0, 'the container saw the variable');
  const records = await recentInvocations(server.ctx.store, ruleInvocationOwner('default', 'after-first'));
  t.equal(records.length, 1, 'one invocation');
  t.same(records[0]!.taskArns, [started!.taskArn]);
});

t.test('PutEvents starts a task through wildcard, numeric and anything-but patterns', async (t) => {
  const pattern = { source: ['my.shop'], 'detail-type': [{ wildcard: 'Order *' }], detail: { size: [{ numeric: ['>', 100] }], planet: [{ 'anything-but': ['moon'] }] } };
  t.equal((await aws('events', 'put-rule', '--name', 'big-orders', '--event-pattern', JSON.stringify(pattern))).code, 0);
  const input = JSON.stringify({ containerOverrides: [{ name: 'app', environment: [{ name: 'STOPPED_TASK', value: 'order' }] }] });
  t.equal((await aws('events', 'put-targets', '--rule', 'big-orders', '--targets', ecsTarget('second', { Input: input }))).code, 0);
  const entry = (size: number, planet: string) => ({ Source: 'my.shop', DetailType: 'Order Placed', Detail: JSON.stringify({ size, planet }) });
  const put = await aws('events', 'put-events', '--entries', JSON.stringify([entry(500, 'earth'), entry(5, 'earth'), entry(900, 'moon')]));
  t.equal(put.json.FailedEntryCount, 0, put.stderr);
  await until('the big order started a task', async () => (await tasksStartedBy('events-rule/big-orders')).length >= 1, 90_000);
  // Events are matched in order: once a later event's task exists, the two between were matched and ran nothing.
  await aws('events', 'put-events', '--entries', JSON.stringify([entry(600, 'mars')]));
  await until('the second big order started a task', async () => (await tasksStartedBy('events-rule/big-orders')).length >= 2, 90_000);
  await server.leader.ruleEngineIdle();
  const tasks = await tasksStartedBy('events-rule/big-orders');
  t.equal(tasks.length, 2, 'the small order and the order from the moon started nothing');
  t.same(tasks[0]!.overrides?.containerOverrides?.[0]?.environment, [{ name: 'STOPPED_TASK', value: 'order' }]);

  const forged = await aws('events', 'put-events', '--entries', JSON.stringify([{ Source: 'aws.ecs', DetailType: 'ECS Task State Change', Detail: '{"lastStatus":"STOPPED"}' }]));
  t.same(forged.json.Entries, [{ ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' }]);
});

t.test('a webhook POST runs a task, the body\'s members passed by an input transformer', async (t) => {
  const { webhook, token } = await client.callApi(INVOKING_API, 'CreateWebhook', { name: 'uploads' }) as { webhook: { url: string }; token: string };
  t.equal((await aws('events', 'put-rule', '--name', 'on-upload', '--event-pattern', JSON.stringify({ source: ['berth.webhook'], 'detail-type': ['uploads'] }))).code, 0);
  const transformer = { InputPathsMap: { key: '$.detail.key' }, InputTemplate: '{"containerOverrides":[{"name":"app","environment":[{"name":"STOPPED_TASK","value":"<key>"}]}]}' };
  t.equal((await aws('events', 'put-targets', '--rule', 'on-upload', '--targets', ecsTarget('second', { InputTransformer: transformer }))).code, 0);
  const res = await fetch(webhook.url, { method: 'POST', headers: { 'X-Berth-Webhook-Token': token }, body: JSON.stringify({ bucket: 'in', key: 'day.csv' }) });
  t.equal(res.status, 200);
  const [started] = await until('the webhook started a task', async () => (await tasksStartedBy('events-rule/on-upload')).filter((x) => x.lastStatus === 'STOPPED').length === 1 && tasksStartedBy('events-rule/on-upload'), 90_000);
  t.same(started!.overrides?.containerOverrides?.[0]?.environment, [{ name: 'STOPPED_TASK', value: 'day.csv' }]);
  t.equal(started!.containers?.[0]?.exitCode, 0);
});

t.test('a rule that triggers itself is stopped by its rate limit, and says so', async (t) => {
  t.equal((await aws('events', 'put-rule', '--name', 'loop', '--event-pattern', onStopped('loop'))).code, 0);
  t.equal((await aws('events', 'put-targets', '--rule', 'loop', '--targets', ecsTarget('loop'))).code, 0);
  await aws('ecs', 'run-task', '--cluster', cluster, '--task-definition', family('loop'));
  await until('the rule is disabled', async () => (await aws('events', 'describe-rule', '--name', 'loop')).json?.State === 'DISABLED', 120_000);
  t.equal((await tasksStartedBy('events-rule/loop')).length, 3, 'three invocations, then none');
  const [last] = await recentInvocations(server.ctx.store, ruleInvocationOwner('default', 'loop'));
  t.match(last!.failure, /Berth disabled the rule: it invoked its targets more than 3 times in 600 s/);
});
