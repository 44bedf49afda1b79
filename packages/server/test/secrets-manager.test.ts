// Secrets Manager through Debian's AWS CLI: a secret's life (create, versions and their stages, describe,
// list with filters and pages, tags, deletion with a recovery window and restore, deletion at once), the
// members Berth cannot honour refused by name, a policy on `secret:NAME-*` deciding who reads what, and the
// value never in the store in clear, nor in the server's log or audit lines.
import t from 'tap';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '@berth/api';
import { IAM_API, SECRETSMANAGER_API } from '@berth/core';
import { awsCli, userWithKey, type Creds } from './aws-clients.js';
import { startTestServer, uniq } from './helpers.js';

// A process per AWS CLI call, on a machine shared with other tests.
t.setTimeout(300_000);

const lines: string[] = [];
const keep = (level: string) => (msg: string, f?: object) => void lines.push(JSON.stringify({ level, msg, ...f }));
const log: Logger = { debug: keep('debug'), info: keep('info'), warn: keep('warn'), error: keep('error') };
const auditDir = mkdtempSync(join(tmpdir(), 'berth-secrets-audit-'));
const { server, client, close } = await startTestServer({ server: { log, ecsJson: { listen: '127.0.0.1:0' }, auditLog: { path: join(auditDir, 'audit.log') } } });
t.teardown(async () => {
  await close();
  rmSync(auditDir, { recursive: true, force: true });
});
const endpoint = `http://${server.ecsAddr}`;
const { accountId, region } = server.ctx.identity;

const admin = await userWithKey(client, uniq('admin'));
const sm = (as: Creds, ...args: string[]) => awsCli(as, endpoint, 'secretsmanager', ...args);
const smCall = (action: string, request: object) => client.callApi(SECRETSMANAGER_API, action, request) as Promise<any>;
const VALUE = `hunter2-${Math.random().toString(36).slice(2)}`;
const NEXT = `correct-horse-${Math.random().toString(36).slice(2)}`;

t.test('a secret\'s life through the AWS CLI', async (t) => {
  const name = uniq('db');
  const created = await sm(admin, 'create-secret', '--name', name, '--secret-string', VALUE, '--description', 'The Database', '--tags', 'Key=team,Value=core');
  t.equal(created.code, 0, created.stderr);
  t.match(created.json.ARN, new RegExp(`^arn:aws:secretsmanager:${region}:${accountId}:secret:${name}-[A-Za-z0-9]{6}$`));
  const arn: string = created.json.ARN;
  const first: string = created.json.VersionId;
  t.match((await sm(admin, 'create-secret', '--name', name, '--secret-string', 'x')).stderr, `(ResourceExistsException) when calling the CreateSecret operation: The operation failed because the secret ${name} already exists.`);

  const got = await sm(admin, 'get-secret-value', '--secret-id', name);
  t.same([got.json.SecretString, got.json.VersionId, got.json.VersionStages, got.json.ARN], [VALUE, first, ['AWSCURRENT'], arn]);
  t.equal((await sm(admin, 'get-secret-value', '--secret-id', arn)).json.SecretString, VALUE, 'by its full ARN');
  t.equal((await sm(admin, 'get-secret-value', '--secret-id', arn.slice(0, -7))).json.SecretString, VALUE, 'by its partial ARN');

  const put = await sm(admin, 'put-secret-value', '--secret-id', name, '--secret-string', NEXT);
  t.same(put.json.VersionStages, ['AWSCURRENT']);
  t.equal((await sm(admin, 'get-secret-value', '--secret-id', name)).json.SecretString, NEXT);
  t.equal((await sm(admin, 'get-secret-value', '--secret-id', name, '--version-stage', 'AWSPREVIOUS')).json.SecretString, VALUE, 'the old value is AWSPREVIOUS');
  t.equal((await sm(admin, 'get-secret-value', '--secret-id', name, '--version-id', first)).json.SecretString, VALUE, 'and found by its version id');
  const described = await sm(admin, 'describe-secret', '--secret-id', name);
  t.same(described.json.VersionIdsToStages, { [first]: ['AWSPREVIOUS'], [put.json.VersionId]: ['AWSCURRENT'] });
  t.same([described.json.Description, described.json.Tags], ['The Database', [{ Key: 'team', Value: 'core' }]]);

  // The same action table over gRPC, where the CLI would only cost time.
  await smCall('UpdateSecret', { SecretId: name, Description: 'renamed' });
  await smCall('TagResource', { SecretId: name, Tags: [{ Key: 'env', Value: 'prod' }] });
  await smCall('UntagResource', { SecretId: name, TagKeys: ['team'] });
  t.same((await smCall('DescribeSecret', { SecretId: name })).Tags, [{ Key: 'env', Value: 'prod' }]);

  const deleted = await sm(admin, 'delete-secret', '--secret-id', name, '--recovery-window-in-days', '7');
  t.ok(Date.parse(deleted.json.DeletionDate) > Date.now() + 6 * 86_400_000, 'seven days of recovery');
  t.match((await sm(admin, 'get-secret-value', '--secret-id', name)).stderr, "(InvalidRequestException) when calling the GetSecretValue operation: You can't perform this operation on the secret because it was marked for deletion.");
  const listed = async (more: object) => (await smCall('ListSecrets', { Filters: [{ Key: 'name', Values: [name] }], ...more })).SecretList.length;
  t.equal(await listed({}), 0, 'not listed');
  t.equal(await listed({ IncludePlannedDeletion: true }), 1, 'unless asked');
  await smCall('RestoreSecret', { SecretId: name });
  t.equal((await sm(admin, 'get-secret-value', '--secret-id', name)).json.SecretString, NEXT, 'restored');

  t.equal((await sm(admin, 'delete-secret', '--secret-id', name, '--force-delete-without-recovery')).code, 0);
  t.match((await sm(admin, 'get-secret-value', '--secret-id', name)).stderr, "(ResourceNotFoundException) when calling the GetSecretValue operation: Secrets Manager can't find the specified secret.");
});

t.test('ListSecrets: filters and pages', async (t) => {
  const prefix = uniq('list');
  for (const n of ['a', 'b', 'c']) await smCall('CreateSecret', { Name: `${prefix}/${n}`, SecretString: 'v', ...(n === 'b' ? { Description: 'The B' } : {}) });
  const names = (r: { json?: { SecretList: { Name: string }[] } }) => r.json!.SecretList.map((s) => s.Name);
  t.same(names(await sm(admin, 'list-secrets', '--filters', `Key=name,Values=${prefix}/`)), [`${prefix}/a`, `${prefix}/b`, `${prefix}/c`]);
  const viaGrpc = async (Filters: object[]) => (await smCall('ListSecrets', { Filters })).SecretList.map((s: { Name: string }) => s.Name);
  t.same(await viaGrpc([{ Key: 'name', Values: [`${prefix}/`] }, { Key: 'description', Values: ['the b'] }]), [`${prefix}/b`], 'descriptions ignore case');
  t.same(await viaGrpc([{ Key: 'name', Values: [`${prefix}/`] }, { Key: 'name', Values: [`!${prefix}/a`] }]), [`${prefix}/b`, `${prefix}/c`], '! negates');
  const page = await sm(admin, 'list-secrets', '--filters', `Key=name,Values=${prefix}/`, '--max-results', '2', '--no-paginate');
  t.same(names(page), [`${prefix}/a`, `${prefix}/b`]);
  t.same(names(await sm(admin, 'list-secrets', '--filters', `Key=name,Values=${prefix}/`, '--max-results', '2', '--no-paginate', '--next-token', page.json.NextToken)), [`${prefix}/c`]);
});

t.test('what Berth cannot honour is refused, naming it', async (t) => {
  const kms = await sm(admin, 'create-secret', '--name', uniq('kms'), '--secret-string', 'v', '--kms-key-id', 'alias/mine');
  t.match(kms.stderr, '(InvalidParameterException) when calling the CreateSecret operation: The request uses KmsKeyId, which Berth does not support');
  const replica = await sm(admin, 'create-secret', '--name', uniq('rep'), '--secret-string', 'v', '--add-replica-regions', 'Region=eu-west-1');
  t.match(replica.stderr, 'The request uses AddReplicaRegions, which Berth does not support');
  t.match((await sm(admin, 'list-secrets', '--sort-order', 'desc')).stderr, 'The request uses SortOrder, which Berth does not support');
});

t.test('a policy on secret:NAME-* decides who reads which secret', async (t) => {
  const db = uniq('db');
  const other = uniq('other');
  for (const Name of [db, other]) await smCall('CreateSecret', { Name, SecretString: VALUE });
  const readerName = uniq('reader');
  const reader = await userWithKey(client, readerName, []);
  await client.callApi(IAM_API, 'PutUserPolicy', {
    UserName: readerName, PolicyName: 'Db',
    PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: `arn:aws:secretsmanager:*:${accountId}:secret:${db}-*` }] }),
  });
  t.equal((await sm(reader, 'get-secret-value', '--secret-id', db)).json?.SecretString, VALUE);
  const refused = await sm(reader, 'get-secret-value', '--secret-id', other);
  t.match(refused.stderr, new RegExp(`\\(AccessDeniedException\\) when calling the GetSecretValue operation: User: arn:aws:iam::${accountId}:user/${readerName} is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:${region}:${accountId}:secret:${other}-[A-Za-z0-9]{6} because no identity-based policy allows the secretsmanager:GetSecretValue action`));
});

t.test('values are sealed: never in the store in clear, the log or the audit trail', async (t) => {
  const raw = (await server.ctx.store.range('/berth/v1/')).kvs.map((kv) => kv.value.toString()).join('\n');
  t.ok(raw.includes('"sealedString"'), 'the secrets are in the store');
  for (const v of [VALUE, NEXT]) {
    t.notOk(raw.includes(v), 'not in clear in the store');
    t.notOk(lines.join('\n').includes(v), 'not in the log');
    t.notOk(readFileSync(join(auditDir, 'audit.log'), 'utf8').includes(v), 'not in the audit trail');
  }
});
