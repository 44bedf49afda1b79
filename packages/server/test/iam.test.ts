// IAM users and policies through the real clients (Debian's AWS CLI for IAM and ECS, the ECS SDK; gRPC,
// the same action table, where a test only sets things up: the CLI costs a process per call), and the
// one policy check at the seam deciding what each key's user may do: a read-only user is denied RunTask
// and allowed DescribeTasks, an explicit Deny wins over an Allow, an `ecs:cluster` condition limits where
// a user may run tasks, a policy Berth could not evaluate as written is refused at PutUserPolicy, and a
// managed policy attached and detached takes effect at once. Refusals carry AWS's current text.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTasksCommand, ECSClient, ListClustersCommand, RunTaskCommand } from '@aws-sdk/client-ecs';
import { AUTHORIZATION_TABLE, IAM_API, type Iam } from '@berth/core';
import { BerthClient } from '@berth/api';
import { startServer, silentLogger } from '../src/index.js';
import { actionTables } from '../src/api.js';
import { SecretsManager } from '../src/secrets/secrets-manager.js';
import { ParameterStore } from '../src/secrets/parameter-store.js';
import { awsCli, userWithKey, type Creds } from './aws-clients.js';
import { connectAgent, joinAgent, type AgentStream } from './agent-stream.js';
import { adminClient, rejection, uniq, until } from './helpers.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';
// A process per AWS CLI call, on a machine shared with other tests.
t.setTimeout(600_000);

const dir = mkdtempSync(join(tmpdir(), 'berth-iam-'));
const server = await startServer({ listen: '127.0.0.1:0', store: `file:${join(dir, 'berth.db')}`, log: silentLogger, ecsJson: { listen: '127.0.0.1:0' }, bootstrapConfig: join(dir, 'config.yaml') });
const client = adminClient(join(dir, 'config.yaml'));
const endpoint = `http://${server.ecsAddr}`;
const { accountId, region } = server.ctx.identity;
const sdks: ECSClient[] = [];
const agents: AgentStream[] = [];
const beat = setInterval(() => { for (const a of agents) a.send({ heartbeat: {} }); }, 1_000);
t.teardown(async () => {
  clearInterval(beat);
  for (const a of agents) a.cancel();
  for (const s of sdks) s.destroy();
  client.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const admin = await userWithKey(client, uniq('admin'));
const iam = (as: Creds, ...args: string[]) => awsCli(as, endpoint, 'iam', ...args);
const ecs = (as: Creds, ...args: string[]) => awsCli(as, endpoint, 'ecs', ...args);
const sdk = (as: Creds) => {
  const s = new ECSClient({ endpoint, region, credentials: { accessKeyId: as.id, secretAccessKey: as.secret }, maxAttempts: 1 });
  sdks.push(s);
  return s;
};
const policy = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const userArnOf = (name: string) => `arn:aws:iam::${accountId}:user/${name}`;
const ecsArn = (resource: string) => `arn:aws:ecs:${region}:${accountId}:${resource}`;

// Two clusters with an instance each, its agent spoken by the test (tasks stay PENDING: all these tests
// need), and a family.
const cluster = uniq('iam');
const other = uniq('iam-other');
for (const c of [cluster, other]) {
  await client.call('CreateCluster', { clusterName: c });
  const joined = await joinAgent(server, client, c, [
    { name: 'CPU', type: 'INTEGER', integerValue: 4096 }, { name: 'MEMORY', type: 'INTEGER', integerValue: 4096 },
    { name: 'PORTS', type: 'STRINGSET', stringSetValue: [] }, { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: [] },
  ]);
  const agent = connectAgent(server.addr, joined.tls);
  agents.push(agent);
  agent.send({ hello: { protocolVersion: 1, cluster: c, containerInstanceArn: joined.containerInstanceArn } });
  // No assertion before the subtests: tap would end the file there.
  if (!('welcome' in (await agent.next()))) throw new Error(`the agent of ${c} was not welcomed`);
}
const family = uniq('web');
await client.call('RegisterTaskDefinition', { family, containerDefinitions: [{ name: 'web', image: 'berth-test/busybox:latest', memory: 16 }] });
// Placement sees the agent connected once its instance informer has: until then a launch reports AGENT.
const taskArn = await until('an administrator runs a task', async () => (await sdk(admin).send(new RunTaskCommand({ cluster, taskDefinition: family }))).tasks?.[0]?.taskArn);
await until(`the agent of ${other} is seen`, async () => (await client.call('DescribeContainerInstances', { cluster: other, containerInstances: (await client.call('ListContainerInstances', { cluster: other })).containerInstanceArns! })).containerInstances?.[0]?.agentConnected);

/** An IAM action over gRPC (setting up: the same action table the AWS listener serves). */
const iamCall = <T = unknown>(action: string, request: object) => client.callApi(IAM_API, action, request) as Promise<T>;
/** The SDK's error of a refused call. */
const refusal = (p: Promise<unknown>) => p.then(() => undefined, (e: Error & { $metadata?: { httpStatusCode?: number } }) => e);

/** A user with the given managed policies and inline policies, and its key. */
async function user(prefix: string, managed: string[], inline: Record<string, string> = {}): Promise<Creds & { name: string }> {
  const name = uniq(prefix);
  const creds = await userWithKey(client, name, managed);
  for (const [PolicyName, PolicyDocument] of Object.entries(inline)) await iamCall('PutUserPolicy', { UserName: name, PolicyName, PolicyDocument });
  return { ...creds, name };
}

t.test('a read-only user is denied RunTask and allowed DescribeTasks: AWS CLI and SDK, AWS\'s text', async (t) => {
  const ro = await user('reader', [READ_ONLY]);
  const expected = `User: ${userArnOf(ro.name)} is not authorized to perform: ecs:RunTask on resource: ${ecsArn(`task-definition/${family}:1`)} because no identity-based policy allows the ecs:RunTask action`;

  const run = await ecs(ro, 'run-task', '--cluster', cluster, '--task-definition', family);
  t.not(run.code, 0);
  t.equal(run.stderr.trim(), `An error occurred (AccessDeniedException) when calling the RunTask operation: ${expected}`, 'the CLI prints AWS\'s text');
  const described = await ecs(ro, 'describe-tasks', '--cluster', cluster, '--tasks', taskArn);
  t.equal(described.code, 0, described.stderr);
  t.same(described.json?.tasks?.map((x: { taskArn: string }) => x.taskArn), [taskArn]);

  const s = sdk(ro);
  const refused = await refusal(s.send(new RunTaskCommand({ cluster, taskDefinition: family })));
  t.equal(refused?.name, 'AccessDeniedException', 'the SDK\'s exception class');
  t.equal(refused?.message, expected);
  t.equal(refused?.$metadata?.httpStatusCode, 400, 'ECS answers AccessDeniedException with HTTP 400');
  t.same((await s.send(new DescribeTasksCommand({ cluster, tasks: [taskArn] }))).tasks?.map((x) => x.taskArn), [taskArn]);

  t.same((await client.call('ListTasks', { cluster })).taskArns, [taskArn], 'nothing was started by the refused calls');
});

t.test('an explicit Deny wins over an Allow, with its own text', async (t) => {
  const denied = await user('denied', [ADMIN], { NoRun: policy({ Effect: 'Deny', Action: 'ecs:Run*', Resource: '*' }) });
  const refused = await refusal(sdk(denied).send(new RunTaskCommand({ cluster, taskDefinition: family })));
  t.equal(refused?.name, 'AccessDeniedException');
  t.equal(refused?.message, `User: ${userArnOf(denied.name)} is not authorized to perform: ecs:RunTask on resource: ${ecsArn(`task-definition/${family}:1`)} with an explicit deny in an identity-based policy`);
  t.ok((await sdk(denied).send(new ListClustersCommand({}))).clusterArns, 'what the Deny does not name, the Allow still allows');
});

t.test('an ecs:cluster condition: RunTask in the named cluster only', async (t) => {
  const scoped = await user('scoped', [READ_ONLY], {
    RunInOne: policy({ Effect: 'Allow', Action: 'ecs:RunTask', Resource: ecsArn(`task-definition/${family}:*`), Condition: { ArnEquals: { 'ecs:cluster': ecsArn(`cluster/${cluster}`) } } }),
  });
  const s = sdk(scoped);
  t.equal((await s.send(new RunTaskCommand({ cluster, taskDefinition: family }))).tasks?.length, 1, 'placed in its cluster');
  const there = await refusal(s.send(new RunTaskCommand({ cluster: other, taskDefinition: family })));
  t.match(there?.message, /ecs:RunTask on resource: .*because no identity-based policy allows the ecs:RunTask action/);
  t.equal((await refusal(s.send(new RunTaskCommand({ taskDefinition: family }))))?.name, 'AccessDeniedException', 'an omitted cluster is `default`, which the condition does not name');
});

t.test('a policy Berth cannot evaluate as written is refused at PutUserPolicy, in IAM\'s error', async (t) => {
  const name = uniq('strict');
  await iamCall('CreateUser', { UserName: name });
  const put = (doc: string) => iam(admin, 'put-user-policy', '--user-name', name, '--policy-name', 'P', '--policy-document', doc);
  const putOverGrpc = (doc: string) => rejection(iamCall('PutUserPolicy', { UserName: name, PolicyName: 'P', PolicyDocument: doc }));
  const sourceIp = await put(policy({ Effect: 'Allow', Action: 'ecs:*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }));
  t.match(sourceIp.stderr, /\(MalformedPolicyDocument\) when calling the PutUserPolicy operation: .*IpAddress/, 'another condition operator is named');
  const principal = await put(policy({ Effect: 'Allow', Principal: '*', Action: 'ecs:*', Resource: '*' }));
  t.match(principal.stderr, /\(MalformedPolicyDocument\).*: Policy document should not specify a principal\./, 'IAM\'s text');
  const key = await putOverGrpc(policy({ Effect: 'Allow', Action: 'ecs:*', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } }));
  t.equal(key.ecsName, 'MalformedPolicyDocumentException');
  t.match(key.message, /aws:RequestedRegion/, 'another condition key is named');
  t.equal((await putOverGrpc('{')).message, 'Syntax errors in policy.');
  t.same((await iamCall<Iam.ListUserPoliciesResponse>('ListUserPolicies', { UserName: name })).PolicyNames, [], 'nothing was kept');

  const doc = policy({ Sid: 'One', Effect: 'Allow', Action: ['ecs:Describe*', 'ecs:List*'], Resource: '*', Condition: { StringLike: { 'ecs:cluster': ecsArn('cluster/*') } } });
  t.equal((await put(doc)).code, 0);
  const got = await iam(admin, 'get-user-policy', '--user-name', name, '--policy-name', 'P');
  t.same(got.json?.PolicyDocument, JSON.parse(doc), 'the document as given (the CLI decodes IAM\'s URL-encoding)');
  t.same((await iamCall<Iam.ListUserPoliciesResponse>('ListUserPolicies', { UserName: name })).PolicyNames, ['P']);
  t.equal((await rejection(iamCall('DeleteUser', { UserName: name }))).ecsName, 'DeleteConflictException', 'a user with policies is not deleted');
  await iamCall('DeleteUserPolicy', { UserName: name, PolicyName: 'P' });
  t.equal((await rejection(iamCall('GetUserPolicy', { UserName: name, PolicyName: 'P' }))).ecsName, 'NoSuchEntityException');
  await iamCall('DeleteUser', { UserName: name });
});

t.test('managed policies: attached and detached through the CLI, effective at once', async (t) => {
  const name = uniq('managed');
  const made = await iam(admin, 'create-user', '--user-name', name);
  t.equal(made.json?.User?.Arn, userArnOf(name));
  t.match(made.json?.User?.UserId, /^AIDA[A-Z2-7]{17}$/);
  const { AccessKey: key } = await iamCall<Iam.CreateAccessKeyResponse>('CreateAccessKey', { UserName: name });
  const as: Creds = { id: key.AccessKeyId, secret: key.SecretAccessKey };
  const s = sdk(as);
  t.match((await refusal(s.send(new ListClustersCommand({}))))?.message, /ecs:ListClusters on resource: \* because no identity-based policy allows/, 'no policy: denied by default');

  t.equal((await iam(admin, 'attach-user-policy', '--user-name', name, '--policy-arn', READ_ONLY)).code, 0);
  t.same((await iam(admin, 'list-attached-user-policies', '--user-name', name)).json?.AttachedPolicies, [{ PolicyName: 'ReadOnlyAccess', PolicyArn: READ_ONLY }]);
  t.ok((await s.send(new ListClustersCommand({}))).clusterArns, 'ReadOnlyAccess allows it');
  t.match((await iam(as, 'create-user', '--user-name', uniq('no'))).stderr, /\(AccessDenied\).*iam:CreateUser/, 'and nothing more: IAM\'s refusal is the query protocol\'s AccessDenied');
  t.equal((await iam(as, 'get-user')).json?.User?.UserName, name, 'GetUser without a name is the caller');

  t.equal((await iam(admin, 'detach-user-policy', '--user-name', name, '--policy-arn', READ_ONLY)).code, 0);
  t.same((await iamCall<Iam.ListAttachedUserPoliciesResponse>('ListAttachedUserPolicies', { UserName: name })).AttachedPolicies, []);
  t.equal((await refusal(s.send(new ListClustersCommand({}))))?.name, 'AccessDeniedException', 'detached: denied again');
  t.equal((await rejection(iamCall('DetachUserPolicy', { UserName: name, PolicyArn: READ_ONLY }))).ecsName, 'NoSuchEntityException');
  t.match((await rejection(iamCall('AttachUserPolicy', { UserName: name, PolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' }))).message, /PowerUserAccess does not exist or is not attachable/);
});

t.test('users and their keys: IAM\'s quotas and conflicts; an Inactive key signs nothing', async (t) => {
  const name = uniq('keys');
  await iamCall('CreateUser', { UserName: name });
  t.equal((await rejection(iamCall('CreateUser', { UserName: name.toUpperCase() }))).ecsName, 'EntityAlreadyExistsException', 'names are unique whatever their case');
  t.ok((await iamCall<Iam.ListUsersResponse>('ListUsers', {})).Users.some((u) => u.UserName === name));
  await iamCall('AttachUserPolicy', { UserName: name, PolicyArn: READ_ONLY });
  const k1 = (await iamCall<Iam.CreateAccessKeyResponse>('CreateAccessKey', { UserName: name })).AccessKey;
  const k2 = (await iamCall<Iam.CreateAccessKeyResponse>('CreateAccessKey', { UserName: name })).AccessKey;
  t.match((await rejection(iamCall('CreateAccessKey', { UserName: name }))).message, /AccessKeysPerUser: 2/);
  const as: Creds = { id: k1.AccessKeyId, secret: k1.SecretAccessKey };
  t.same((await iam(as, 'list-access-keys')).json?.AccessKeyMetadata?.map((m: { AccessKeyId: string }) => m.AccessKeyId).sort(), [k1.AccessKeyId, k2.AccessKeyId].sort(), 'the caller\'s own keys');

  await iamCall('UpdateAccessKey', { UserName: name, AccessKeyId: k1.AccessKeyId, Status: 'Inactive' });
  const meta = (await iamCall<Iam.ListAccessKeysResponse>('ListAccessKeys', { UserName: name })).AccessKeyMetadata;
  t.equal(meta.find((m) => m.AccessKeyId === k1.AccessKeyId)?.Status, 'Inactive');
  const inactive = await refusal(sdk(as).send(new ListClustersCommand({})));
  t.equal(inactive?.name, 'UnrecognizedClientException', 'an Inactive key is refused as an unknown one, before any policy');
  t.equal((await rejection(iamCall('DeleteUser', { UserName: name }))).ecsName, 'DeleteConflictException', 'a user with keys is not deleted');
  for (const k of [k1, k2]) await iamCall('DeleteAccessKey', { UserName: name, AccessKeyId: k.AccessKeyId });
  await iamCall('DetachUserPolicy', { UserName: name, PolicyArn: READ_ONLY });
  await iamCall('DeleteUser', { UserName: name });
  t.match((await rejection(iamCall('GetUser', { UserName: name }))).message, /^The user with name .* cannot be found\.$/);
});

t.test('without --insecure, an unsigned gRPC call is refused before any handler', async (t) => {
  const strict = await startServer({ listen: '127.0.0.1:0', store: `file:${join(dir, 'strict.db')}`, log: silentLogger });
  const anonymous = new BerthClient(strict.addr, { tls: { caPem: strict.ca!.certPem } });
  t.teardown(async () => { anonymous.close(); await strict.close(); });
  const refused = await anonymous.call('CreateCluster', { clusterName: 'nope' }).then(() => undefined, (e: { ecsName?: string }) => e);
  t.equal(refused?.ecsName, 'MissingAuthenticationTokenException');
  t.same((await strict.ctx.store.range('/berth/v1/clusters/')).kvs, [], 'nothing was created');
});

t.test('every action Berth serves has its entry in the authorization table: none is checked on `*` by omission', async (t) => {
  // The tables' handlers only, never called: the access keys they would use are not needed.
  for (const table of actionTables(server.ctx, undefined as never, new SecretsManager(server.ctx, undefined as never), new ParameterStore(server.ctx, undefined as never), {} as never)) {
    for (const action of Object.keys(table.handlers)) t.ok(Object.hasOwn(AUTHORIZATION_TABLE, `${table.api.iamPrefix}:${action}`), `${table.api.iamPrefix}:${action}`);
  }
});
