// SSM Parameter Store through Debian's AWS CLI: String, StringList and SecureString parameters, Overwrite
// and versions, WithDecryption, GetParameters with names that are not there, a path read recursively or
// not and in pages, deletes, DescribeParameters, the members Berth cannot honour refused by name, and
// every value sealed in the store.
import t from 'tap';
import { SSM_API } from '@berth/core';
import { awsCli, userWithKey, type Creds } from './aws-clients.js';
import { startTestServer, uniq } from './helpers.js';

// A process per AWS CLI call, on a machine shared with other tests.
t.setTimeout(300_000);

const { server, client, close } = await startTestServer({ server: { ecsJson: { listen: '127.0.0.1:0' } } });
t.teardown(close);
const endpoint = `http://${server.ecsAddr}`;
const { accountId, region } = server.ctx.identity;

const admin = await userWithKey(client, uniq('admin'));
const ssm = (as: Creds, ...args: string[]) => awsCli(as, endpoint, 'ssm', ...args);
const ssmCall = (action: string, request: object) => client.callApi(SSM_API, action, request) as Promise<any>;
const SECRET = `s3cr3t-${Math.random().toString(36).slice(2)}`;

t.test('parameters through the AWS CLI', async (t) => {
  const app = `/${uniq('app')}`;
  const put = await ssm(admin, 'put-parameter', '--name', `${app}/db/password`, '--type', 'SecureString', '--value', SECRET);
  t.same(put.json, { Version: 1, Tier: 'Standard' }, put.stderr);
  const again = await ssm(admin, 'put-parameter', '--name', `${app}/db/password`, '--type', 'SecureString', '--value', 'x');
  t.match(again.stderr, '(ParameterAlreadyExists) when calling the PutParameter operation: The parameter already exists. To overwrite this value, set the overwrite option in the request to true.');
  t.same((await ssm(admin, 'put-parameter', '--name', `${app}/db/password`, '--value', `${SECRET}-2`, '--overwrite')).json?.Version, 2, 'a new version, the type kept');

  const hidden = await ssm(admin, 'get-parameter', '--name', `${app}/db/password`);
  t.equal(hidden.json.Parameter.Type, 'SecureString');
  t.notOk(hidden.json.Parameter.Value.includes(SECRET), 'without decryption a SecureString stays sealed');
  const shown = await ssm(admin, 'get-parameter', '--name', `${app}/db/password`, '--with-decryption');
  t.same([shown.json.Parameter.Value, shown.json.Parameter.Version, shown.json.Parameter.ARN], [`${SECRET}-2`, 2, `arn:aws:ssm:${region}:${accountId}:parameter${app}/db/password`]);
  t.match((await ssm(admin, 'get-parameter', '--name', `${app}/db/password:1`)).stderr, `(ParameterVersionNotFound) when calling the GetParameter operation: Systems Manager could not find version 1 of ${app}/db/password.`, 'only the latest version is kept');
  t.match((await ssm(admin, 'get-parameter', '--name', `${app}/nope`)).stderr, '(ParameterNotFound) when calling the GetParameter operation');

  // Set up over gRPC (the same action table), read back through the CLI.
  await ssmCall('PutParameter', { Name: `${app}/db/host`, Type: 'String', Value: 'db.local' });
  await ssmCall('PutParameter', { Name: `${app}/hosts`, Type: 'StringList', Value: 'a,b' });
  await ssmCall('PutParameter', { Name: `${app}/db/replica/host`, Type: 'String', Value: 'replica.local' });
  const some = await ssm(admin, 'get-parameters', '--names', `${app}/db/host`, `${app}/hosts`, `${app}/missing`);
  t.same(some.json.Parameters.map((p: { Value: string; Type: string }) => [p.Value, p.Type]), [['db.local', 'String'], ['a,b', 'StringList']]);
  t.same(some.json.InvalidParameters, [`${app}/missing`]);

  const names = (r: { Parameters: { Name: string }[] }) => r.Parameters.map((p) => p.Name).sort();
  t.same(names((await ssm(admin, 'get-parameters-by-path', '--path', `${app}/db`)).json), [`${app}/db/host`, `${app}/db/password`], 'one level');
  t.same(names((await ssm(admin, 'get-parameters-by-path', '--path', `${app}/db`, '--recursive')).json), [`${app}/db/host`, `${app}/db/password`, `${app}/db/replica/host`], 'every level');
  const first = await ssmCall('GetParametersByPath', { Path: app, Recursive: true, MaxResults: 2 });
  const rest = await ssmCall('GetParametersByPath', { Path: app, Recursive: true, MaxResults: 2, NextToken: first.NextToken });
  t.same([...names(first), ...names(rest)].sort(), [`${app}/db/host`, `${app}/db/password`, `${app}/db/replica/host`, `${app}/hosts`], 'in pages, nothing repeated or skipped');
  t.notOk(rest.NextToken);

  t.ok((await ssm(admin, 'describe-parameters')).json.Parameters.some((p: { Name: string; Type: string; Version: number }) => p.Name === `${app}/db/password` && p.Type === 'SecureString' && p.Version === 2));
  t.equal((await ssm(admin, 'delete-parameter', '--name', `${app}/hosts`)).code, 0);
  t.same((await ssm(admin, 'delete-parameters', '--names', `${app}/db/host`, `${app}/hosts`)).json, { DeletedParameters: [`${app}/db/host`], InvalidParameters: [`${app}/hosts`] });
});

t.test('what Berth cannot honour, and what SSM refuses', async (t) => {
  t.match((await ssm(admin, 'put-parameter', '--name', uniq('k'), '--type', 'SecureString', '--value', 'v', '--key-id', 'alias/mine')).stderr, '(ValidationException) when calling the PutParameter operation: The request uses KeyId, which Berth does not support');
  t.match((await ssm(admin, 'put-parameter', '--name', uniq('t'), '--type', 'String', '--value', 'v', '--tier', 'Advanced')).stderr, 'The request uses Tier Advanced, which Berth does not support');
  t.match((await ssm(admin, 'put-parameter', '--name', 'a/b', '--type', 'String', '--value', 'v')).stderr, 'Parameter name must be a fully qualified name.');
  t.match((await ssm(admin, 'put-parameter', '--name', uniq('p'), '--type', 'String', '--value', 'abc', '--allowed-pattern', '^\\d+$')).stderr, '(ParameterPatternMismatchException) when calling the PutParameter operation: Parameter value, cannot be validated against allowedPattern: ^\\d+$');
});

t.test('every value is sealed in the store', async (t) => {
  const raw = (await server.ctx.store.range('/berth/v1/parameters/')).kvs.map((kv) => kv.value.toString()).join('\n');
  t.ok(raw.includes('sealedValue'));
  t.notOk(raw.includes(SECRET));
  t.notOk(raw.includes('replica.local'), 'a String too');
});
