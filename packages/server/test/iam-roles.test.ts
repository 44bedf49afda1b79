// IAM roles through Debian's AWS CLI (create, read, list, the managed execution-role policy, inline
// policies, DeleteRole refused while policies remain, trust policies checked as IAM does), and iam:PassRole
// at the ECS calls that make a role act for a task (RegisterTaskDefinition, RunTask with and without an
// override, CreateService, UpdateService), through the ECS SDK, with AWS's text.
import t from 'tap';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateServiceCommand, ECSClient, RegisterTaskDefinitionCommand, RunTaskCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { ECS_TASKS_PRINCIPAL, IAM_API } from '@berth/core';
import { awsCli, userWithKey, type Creds } from './aws-clients.js';
import { startTestServer, uniq } from './helpers.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';
// A process per AWS CLI call, on a machine shared with other tests.
t.setTimeout(300_000);

const { server, client, dir, close } = await startTestServer({ server: { ecsJson: { listen: '127.0.0.1:0' } } });
const endpoint = `http://${server.ecsAddr}`;
const { accountId, region } = server.ctx.identity;
const sdks: ECSClient[] = [];
t.teardown(async () => {
  for (const s of sdks) s.destroy();
  await close();
});

const admin = await userWithKey(client, uniq('admin'));
const iam = (...args: string[]) => awsCli(admin, endpoint, 'iam', ...args);
const sdk = (as: Creds) => {
  const s = new ECSClient({ endpoint, region, credentials: { accessKeyId: as.id, secretAccessKey: as.secret }, maxAttempts: 1 });
  sdks.push(s);
  return s;
};
const iamCall = (action: string, request: object) => client.callApi(IAM_API, action, request);
const policy = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const trust = policy({ Effect: 'Allow', Principal: { Service: ECS_TASKS_PRINCIPAL }, Action: 'sts:AssumeRole' });
const roleArnOf = (name: string) => `arn:aws:iam::${accountId}:role/${name}`;
const EXECUTION_POLICY = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';
const refusal = (p: Promise<unknown>) => p.then(() => undefined, (e: Error) => e);

t.test('roles through the AWS CLI, as IAM has them', async (t) => {
  const name = uniq('exec');
  const trustFile = join(dir, 'trust.json');
  writeFileSync(trustFile, trust);
  const created = await iam('create-role', '--role-name', name, '--assume-role-policy-document', `file://${trustFile}`, '--description', 'pulls and secrets');
  t.equal(created.code, 0, created.stderr);
  t.equal(created.json.Role.Arn, roleArnOf(name));
  t.match(created.json.Role.RoleId, /^AROA[A-Z2-7]{17}$/);
  t.same(created.json.Role.AssumeRolePolicyDocument, JSON.parse(trust), 'the CLI decodes the trust policy IAM returns URL-encoded');
  const again = await iam('create-role', '--role-name', name.toUpperCase(), '--assume-role-policy-document', trust);
  t.match(again.stderr, `(EntityAlreadyExists) when calling the CreateRole operation: Role with name ${name.toUpperCase()} already exists.`);

  const got = await iam('get-role', '--role-name', name);
  t.same({ ...got.json.Role }, { ...created.json.Role, MaxSessionDuration: 3600 });
  t.ok((await iam('list-roles')).json.Roles.some((r: { RoleName: string }) => r.RoleName === name));

  t.equal((await iam('attach-role-policy', '--role-name', name, '--policy-arn', EXECUTION_POLICY)).code, 0);
  const attached = await iam('list-attached-role-policies', '--role-name', name, '--path-prefix', '/service-role/');
  t.same(attached.json.AttachedPolicies, [{ PolicyName: 'AmazonECSTaskExecutionRolePolicy', PolicyArn: EXECUTION_POLICY }]);
  const secrets = policy({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: `arn:aws:secretsmanager:${region}:${accountId}:secret:db-*` });
  t.equal((await iam('put-role-policy', '--role-name', name, '--policy-name', 'Secrets', '--policy-document', secrets)).code, 0);
  t.same((await iam('get-role-policy', '--role-name', name, '--policy-name', 'secrets')).json, { RoleName: name, PolicyName: 'Secrets', PolicyDocument: JSON.parse(secrets) });
  t.same((await iam('list-role-policies', '--role-name', name)).json.PolicyNames, ['Secrets']);

  const conflict = await iam('delete-role', '--role-name', name);
  t.match(conflict.stderr, '(DeleteConflict) when calling the DeleteRole operation: Cannot delete entity, must detach all policies first.');
  await iam('detach-role-policy', '--role-name', name, '--policy-arn', EXECUTION_POLICY);
  t.match((await iam('delete-role', '--role-name', name)).stderr, 'Cannot delete entity, must delete policies first.');
  await iam('delete-role-policy', '--role-name', name, '--policy-name', 'Secrets');
  t.equal((await iam('delete-role', '--role-name', name)).code, 0);
  t.match((await iam('get-role', '--role-name', name)).stderr, `(NoSuchEntity) when calling the GetRole operation: The role with name ${name} cannot be found.`);
});

t.test('a trust policy is checked as IAM does', async (t) => {
  const withResource = await iam('create-role', '--role-name', uniq('bad'), '--assume-role-policy-document', policy({ Effect: 'Allow', Principal: { Service: ECS_TASKS_PRINCIPAL }, Action: 'sts:AssumeRole', Resource: '*' }));
  t.match(withResource.stderr, '(MalformedPolicyDocument) when calling the CreateRole operation: Has prohibited field Resource');
  const federated = await iam('create-role', '--role-name', uniq('bad'), '--assume-role-policy-document', policy({ Effect: 'Allow', Principal: { Federated: 'accounts.google.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }));
  t.match(federated.stderr, 'The policy uses the Federated principal, which Berth does not support');
  const path = await iam('create-role', '--role-name', uniq('bad'), '--path', '/service-role/', '--assume-role-policy-document', trust);
  t.match(path.stderr, '(InvalidInput) when calling the CreateRole operation: The request uses Path, which Berth does not support');
});

t.test('iam:PassRole at every call that makes a role act for a task', async (t) => {
  const app = uniq('app');
  const boss = uniq('boss');
  for (const RoleName of [app, boss]) await iamCall('CreateRole', { RoleName, AssumeRolePolicyDocument: trust });
  const cluster = uniq('passrole');
  await client.call('CreateCluster', { clusterName: cluster });
  const family = uniq('web');
  const containerDefinitions = [{ name: 'web', image: 'berth-test/busybox:latest', memory: 16 }];

  // ECS's full access allows ecs:* and no iam:PassRole, as AWS's (trimmed) does.
  const deployerName = uniq('deployer');
  const deployer = await userWithKey(client, deployerName, ['arn:aws:iam::aws:policy/AmazonECS_FullAccess']);
  const denied = (role: string) => `User: arn:aws:iam::${accountId}:user/${deployerName} is not authorized to perform: iam:PassRole on resource: ${roleArnOf(role)} because no identity-based policy allows the iam:PassRole action`;
  const d = sdk(deployer);
  const register = await refusal(d.send(new RegisterTaskDefinitionCommand({ family, taskRoleArn: roleArnOf(app), containerDefinitions })));
  t.equal(register?.name, 'AccessDeniedException');
  t.equal(register?.message, denied(app));
  t.notOk(await refusal(d.send(new RegisterTaskDefinitionCommand({ family: uniq('plain'), containerDefinitions }))), 'no role, nothing to pass');

  // An execution role (a task role is refused at RunTask until tasks get credentials).
  await sdk(admin).send(new RegisterTaskDefinitionCommand({ family, executionRoleArn: roleArnOf(app), containerDefinitions }));
  const run = await refusal(d.send(new RunTaskCommand({ cluster, taskDefinition: family })));
  t.equal(run?.message, denied(app), 'RunTask of a task definition with a role the caller may not pass');
  t.equal((await refusal(d.send(new CreateServiceCommand({ cluster, serviceName: 'svc', taskDefinition: family, desiredCount: 0 }))))?.message, denied(app));

  await iamCall('PutUserPolicy', { UserName: deployerName, PolicyName: 'PassApp', PolicyDocument: policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: roleArnOf(app) }) });
  const allowed = await refusal(d.send(new RunTaskCommand({ cluster, taskDefinition: family })));
  t.equal(allowed?.message, 'No Container Instances were found in your cluster.', 'past the PassRole check: placement answers');
  const override = await refusal(d.send(new RunTaskCommand({ cluster, taskDefinition: family, overrides: { executionRoleArn: roleArnOf(boss) } })));
  t.equal(override?.message, denied(boss), 'an override passes its own role');
  t.notOk(await refusal(d.send(new CreateServiceCommand({ cluster, serviceName: 'svc', taskDefinition: family, desiredCount: 0 }))));

  const bossFamily = uniq('boss');
  await sdk(admin).send(new RegisterTaskDefinitionCommand({ family: bossFamily, executionRoleArn: roleArnOf(boss), containerDefinitions }));
  t.equal((await refusal(d.send(new UpdateServiceCommand({ cluster, service: 'svc', taskDefinition: bossFamily }))))?.message, denied(boss), 'UpdateService to a revision with another role');
  t.same((await client.call('DescribeServices', { cluster, services: ['svc'] })).services?.[0]?.taskDefinition, `arn:aws:ecs:${region}:${accountId}:task-definition/${family}:1`, 'the refused update changed nothing');
});
