// The berth CLI's IAM commands as a user runs them (the real bin against a real control plane): access
// keys (the secret shown once), users, their managed and inline policies, IAM's shapes with -o json, and its errors and usage errors.
import t from 'tap';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliTestServer } from './cli-server.js';

const { dir, server, berth } = await cliTestServer(t, 'cli-iam');

t.test('access keys: create prints the secret once (IAM shape with -o json), get lists without it, update, delete', async (t) => {
  t.equal((await berth('create', 'user', 'ci-bot')).code, 0);
  const anonymous = await berth('create', 'access-key');
  t.equal(anonymous.code, 1, 'a caller that is no IAM user must name the user');
  t.match(anonymous.stderr, /InvalidInputException.*UserName must be given/);
  const human = await berth('create', 'access-key', '--user-name', 'ci-bot');
  t.equal(human.code, 0, human.stderr);
  const id = /access-key\/(AKIA[A-Z2-7]{16}) created/.exec(human.stdout)?.[1];
  t.ok(id, human.stdout);
  t.match(human.stdout, /\nexport AWS_ACCESS_KEY_ID=AKIA[A-Z2-7]{16}\nexport AWS_SECRET_ACCESS_KEY=\S{40}\n$/);
  const j = await berth('create', 'access-key', '--user-name', 'ci-bot', '-o', 'json');
  t.equal(j.code, 0, j.stderr);
  const created = JSON.parse(j.stdout);
  t.same(Object.keys(created.AccessKey), ['UserName', 'AccessKeyId', 'Status', 'SecretAccessKey', 'CreateDate']);
  t.equal(created.AccessKey.UserName, 'ci-bot');
  t.equal(created.AccessKey.Status, 'Active');
  t.match(created.AccessKey.CreateDate, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
  const list = await berth('get', 'access-keys', '--user-name', 'ci-bot');
  t.match(list.stdout, /^ACCESS KEY ID\s+USER\s+STATUS\s+CREATED\n/);
  t.match(list.stdout, new RegExp(`\\n${created.AccessKey.AccessKeyId}\\s+ci-bot\\s+Active\\s`));
  t.notMatch(list.stdout + (await berth('get', 'access-keys', '-o', 'json')).stdout, created.AccessKey.SecretAccessKey, 'never shown again');
  t.equal((await berth('update', 'access-key', id!, '--status', 'Inactive', '--user-name', 'ci-bot')).stdout, `access-key/${id} Inactive\n`);
  t.match((await berth('get', 'access-keys', '--user-name', 'ci-bot')).stdout, new RegExp(`\\n${id}\\s+ci-bot\\s+Inactive\\s`));
  const del = await berth('delete', 'access-key', id!);
  t.equal(del.stdout, `access-key/${id} deleted\n`);
  const again = await berth('delete', 'access-key', id!);
  t.equal(again.code, 1);
  t.match(again.stderr, /NoSuchEntityException/);
  t.equal((await berth('create', 'access-key', 'name')).code, 2, 'a name is a usage error');
});

t.test('users and their policies: create with managed policies, put an inline one, describe, detach, delete', async (t) => {
  const made = await berth('create', 'user', 'cli-reader', '--policy-arn', 'arn:aws:iam::aws:policy/ReadOnlyAccess', '-o', 'json');
  t.equal(made.code, 0, made.stderr);
  t.match(JSON.parse(made.stdout).User, { UserName: 'cli-reader', Path: '/', Arn: /:user\/cli-reader$/, UserId: /^AIDA/ }, 'IAM\'s CreateUser shape');
  t.match((await berth('get', 'users')).stdout, /^NAME\s+USER ID\s+CREATED\n(.*\n)*cli-reader\s+AIDA/);
  t.same(JSON.parse((await berth('get', 'attached-policies', '--user-name', 'cli-reader', '-o', 'json')).stdout), { AttachedPolicies: [{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }] });

  const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'ecs:RunTask', Resource: '*' }] };
  const policyFile = join(dir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify(doc));
  t.equal((await berth('put', 'user-policy', 'NoRun', '--user-name', 'cli-reader', '-f', policyFile)).stdout, 'user-policy/NoRun of user/cli-reader put\n');
  t.same(JSON.parse((await berth('describe', 'user-policy', 'NoRun', '--user-name', 'cli-reader')).stdout), doc, 'the document, decoded');
  t.same(JSON.parse((await berth('get', 'user-policies', '--user-name', 'cli-reader', '-o', 'json')).stdout), { PolicyNames: ['NoRun'] });
  writeFileSync(policyFile, JSON.stringify({ ...doc, Statement: [{ ...doc.Statement[0], Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }] }));
  const refused = await berth('put', 'user-policy', 'Ip', '--user-name', 'cli-reader', '-f', policyFile);
  t.equal(refused.code, 1);
  t.match(refused.stderr, /MalformedPolicyDocumentException.*IpAddress/, 'a condition Berth cannot evaluate is refused, naming it');

  const described = await berth('describe', 'user', 'cli-reader');
  t.match(described.stdout, /Attached policies: arn:aws:iam::aws:policy\/ReadOnlyAccess\nInline policies:   NoRun\n/);
  t.match((await berth('delete', 'user', 'cli-reader')).stderr, /DeleteConflictException/, 'not while it has policies');
  t.equal((await berth('detach', 'policy', 'arn:aws:iam::aws:policy/ReadOnlyAccess', '--user-name', 'cli-reader')).code, 0);
  t.equal((await berth('delete', 'user-policy', 'NoRun', '--user-name', 'cli-reader')).code, 0);
  t.equal((await berth('delete', 'user', 'cli-reader')).stdout, 'user/cli-reader deleted\n');
  t.match((await berth('describe', 'user', 'cli-reader')).stderr, /NoSuchEntityException/);
  t.equal((await berth('attach', 'policy', 'arn:aws:iam::aws:policy/ReadOnlyAccess')).code, 2, 'attach needs --user-name');
  t.equal((await berth('get', 'user-policies')).code, 2, 'so does get user-policies');
});
