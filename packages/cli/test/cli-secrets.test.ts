// berth create secret (from a literal, from a file), get secrets, describe and delete secret, the real bin against a real
// control plane: Secrets Manager's shapes with -o json, the value never printed, usage errors.
import t from 'tap';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliTestServer } from './cli-server.js';

const { dir, server, berth } = await cliTestServer(t, 'cli-secrets');

t.test('create secret from a literal or a file; get secrets lists them, never their values', async (t) => {
  const literal = await berth('create', 'secret', 'db-password', '--from-literal', 'hunter2', '--description', 'the database');
  t.equal(literal.code, 0, literal.stderr);
  t.match(literal.stdout, /^secret\/db-password created: arn:aws:secretsmanager:[^:]+:\d{12}:secret:db-password-[A-Za-z0-9]{6}\n$/);
  const file = join(dir, 'token.txt');
  writeFileSync(file, 'file-borne-value');
  const fromFile = await berth('create', 'secret', 'api-token', '--from-file', file, '-o', 'json');
  t.same(Object.keys(JSON.parse(fromFile.stdout)), ['ARN', 'Name', 'VersionId'], 'CreateSecret\'s shape');
  t.notMatch(literal.stdout + fromFile.stdout, /hunter2|file-borne-value/);

  const table = await berth('get', 'secrets');
  t.match(table.stdout, /^NAME\s+DESCRIPTION\s+CHANGED\s+ARN\n/);
  t.match(table.stdout, /\napi-token\s+\S+\s+arn:/);
  t.match(table.stdout, /\ndb-password\s+the database\s+\S+\s+arn:/);
  const json = JSON.parse((await berth('get', 'secrets', '-o', 'json')).stdout);
  t.same(json.SecretList.map((s: { Name: string }) => s.Name), ['api-token', 'db-password']);
  t.notMatch(table.stdout + JSON.stringify(json), /hunter2|file-borne-value/);

  t.match((await berth('create', 'secret', 'db-password', '--from-literal', 'x')).stderr, /ResourceExistsException.*already exists/);
  const both = await berth('create', 'secret', 'x', '--from-literal', 'a', '--from-file', file);
  t.equal(both.code, 2, 'one value source');
  t.equal((await berth('create', 'secret', 'x')).code, 2, 'a value is needed');
  t.equal((await berth('create', 'cluster', 'c', '--from-literal', 'a')).code, 2, '--from-literal applies to secrets only');
});

t.test('describe secret shows it, never its value; delete secret keeps it recoverable unless --force', async (t) => {
  await berth('create', 'secret', 'short-lived', '--from-literal', 'sekrit-value', '--description', 'to go');
  const d = await berth('describe', 'secret', 'short-lived');
  t.equal(d.code, 0, d.stderr);
  t.match(d.stdout, /^Name:\s+short-lived\nARN:\s+arn:aws:secretsmanager:[^\n]+\nDescription:\s+to go\nCreated:\s+\S+\nChanged:\s+\S+\nVersions:\s+\S+ \(AWSCURRENT\)\n$/);
  const j = JSON.parse((await berth('describe', 'secret', 'short-lived', '-o', 'json')).stdout);
  t.match(j, { Name: 'short-lived', CreatedDate: /^\d{4}-\d\d-\d\dT/ }, 'DescribeSecret\'s shape, dates as the aws CLI prints them');
  t.notMatch(d.stdout + JSON.stringify(j), /sekrit-value/);

  const later = await berth('delete', 'secret', 'short-lived');
  t.equal(later.code, 0, later.stderr);
  t.match(later.stdout, /^secret\/short-lived deleted \(recoverable until \d{4}-\d\d-\d\dT[^)]+\)\n$/);
  t.match((await berth('describe', 'secret', 'short-lived')).stdout, /\nDeleted:\s+\S+ \(restorable/);
  await berth('create', 'secret', 'gone-now', '--from-literal', 'x');
  const now = await berth('delete', 'secret', 'gone-now', '--force', '-o', 'json');
  t.equal(now.code, 0, now.stderr);
  t.match(JSON.parse(now.stdout), { Name: 'gone-now' }, 'DeleteSecret\'s shape');
  t.match((await berth('describe', 'secret', 'gone-now')).stderr, /^ResourceNotFoundException/);
  t.equal((await berth('delete', 'cluster', 'c', '--force')).code, 2, '--force is for services and secrets');
});
