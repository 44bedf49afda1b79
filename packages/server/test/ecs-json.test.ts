// The ECS JSON endpoint (AWS JSON 1.1), driven by the real AWS CLI (Debian's /usr/bin/aws) and by raw
// HTTP, with SigV4 against a Berth access key (and once with --insecure).
import t, { type Test } from 'tap';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthError, ECS_API, IAM_API } from '@berth/core';
import { awsCli, signedHeaders, userWithKey, type CliResult, type Creds } from './aws-clients.js';
import { BerthClient, defaultHooks, type Logger } from '@berth/api';
import { startServer, silentLogger } from '../src/index.js';
import { startAwsListener } from '../src/aws/listener.js';
import { awsJson } from '../src/aws/protocol.js';
import { ConflictError } from '../src/handlers/tasks/run-task.js';
import { REPO_ROOT, uniq, adminClient } from './helpers.js';

/** The ECS model the CLI was built with (older than Berth's): the CLI refuses members it does not know. */
const CLI_MODEL = '/usr/lib/python3/dist-packages/awscli/botocore/data/ecs/2014-11-13/service-2.json';

const dir = mkdtempSync(join(tmpdir(), 'berth-ecs-json-'));
/** The endpoint's per-call debug lines (action names), to see what the CLI really sent. */
const calls: string[] = [];
/** Every log line, to check that no secret is ever logged. */
const allLogs: string[] = [];
const keep = (level: string) => (msg: string, f?: Record<string, unknown>) => void allLogs.push(`${level} ${msg} ${JSON.stringify(f ?? {})}`);
const ECS_TARGET_PREFIX = ECS_API.targetPrefix!;
const serverLog: Logger = {
  info: keep('info'), warn: keep('warn'), error: keep('error'),
  debug: (msg, f) => { keep('debug')(msg, f); if (msg === 'call' && f?.transport === 'json') calls.push(String(f.action)); },
};
const server = await startServer({
  listen: '127.0.0.1:0',
  store: `file:${join(dir, 'berth.db')}`,
  log: serverLog,
  ecsJson: { listen: '127.0.0.1:0' }, bootstrapConfig: join(dir, 'config.yaml'),
});
const client = adminClient(join(dir, 'config.yaml'));
t.teardown(async () => {
  client.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
const endpoint = `http://${server.ecsAddr}`;
const { accountId, region } = server.ctx.identity;
const creds = await userWithKey(client, 'ecs-json-test');

/** Runs `aws ecs ARGS` against the endpoint, with a clean environment and no user config. */
function aws(...args: string[]): Promise<CliResult> {
  return awsAs(creds, endpoint, ...args);
}

function awsAs(as: Creds, url: string, ...args: string[]): Promise<CliResult> {
  return awsCli(as, url, 'ecs', ...args);
}

/** A raw AWS JSON 1.1 request, signed as the CLI signs; `sign: false` sends it unsigned. */
async function raw(target: string | undefined, body: string, init: RequestInit & { sign?: boolean } = {}) {
  let headers: Record<string, string> = { 'Content-Type': 'application/x-amz-json-1.1' };
  if (target !== undefined) headers['X-Amz-Target'] = target;
  if (init.sign !== false) headers = signedHeaders(endpoint, creds, 'ecs', 'POST', '/', headers, body);
  const { sign: _sign, ...rest } = init;
  const res = await fetch(endpoint + '/', { method: 'POST', headers, body, ...rest });
  const text = await res.text();
  return { res, text, json: text ? JSON.parse(text) : undefined };
}

/** Every key of `sent` is in `got` with the same value (got may add ECS's computed members). */
function contains(t: Test, got: unknown, sent: unknown, path: string): void {
  if (Array.isArray(sent)) {
    t.ok(Array.isArray(got), `${path} is a list`);
    t.equal((got as unknown[])?.length, sent.length, `${path} keeps its length`);
    sent.forEach((v, i) => contains(t, (got as unknown[])?.[i], v, `${path}[${i}]`));
  } else if (sent !== null && typeof sent === 'object') {
    for (const [k, v] of Object.entries(sent)) contains(t, (got as Record<string, unknown>)?.[k], v, `${path}.${k}`);
  } else {
    t.equal(got, sent, path);
  }
}

/** Drops the members a botocore model does not know (the Debian CLI predates some ECS members). */
function filterByModel(model: any, shapeName: string, value: unknown, path: string, dropped: string[]): unknown {
  const shape = model.shapes[shapeName];
  if (!shape || value === null || typeof value !== 'object') return value;
  if (shape.type === 'structure') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const m = shape.members[k];
      if (!m) dropped.push(`${path}.${k}`);
      else out[k] = filterByModel(model, m.shape, v, `${path}.${k}`, dropped);
    }
    return out;
  }
  if (shape.type === 'list' && Array.isArray(value)) return value.map((v, i) => filterByModel(model, shape.member.shape, v, `${path}[${i}]`, dropped));
  if (shape.type === 'map') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, filterByModel(model, shape.value.shape, v, `${path}.${k}`, dropped)]));
  return value;
}

t.test('create-cluster, describe-clusters with a missing name, list-clusters across pages', async (t) => {
  const name = uniq('cli');
  const created = await aws('create-cluster', '--cluster-name', name);
  t.equal(created.code, 0, created.stderr);
  t.equal(created.json?.cluster?.clusterName, name);
  t.equal(created.json?.cluster?.status, 'ACTIVE');
  t.equal(created.json?.cluster?.clusterArn, `arn:aws:ecs:${region}:${accountId}:cluster/${name}`);

  const missing = `nope-${name}`;
  const described = await aws('describe-clusters', '--clusters', name, missing);
  t.equal(described.code, 0, described.stderr);
  t.equal(described.json?.clusters?.length, 1);
  t.equal(described.json?.clusters?.[0]?.clusterName, name);
  t.same(described.json?.failures, [{ arn: `arn:aws:ecs:${region}:${accountId}:cluster/${missing}`, reason: 'MISSING' }]);

  const names = [name];
  for (let i = 0; i < 4; i++) {
    const n = uniq(`page${i}`);
    names.push(n);
    t.equal((await aws('create-cluster', '--cluster-name', n)).code, 0);
  }
  // --page-size 2: the CLI asks for pages of 2 and follows nextToken to the end.
  const before = calls.length;
  const listed = await aws('list-clusters', '--page-size', '2');
  t.ok(calls.slice(before).filter((a) => a === 'ListClusters').length >= 3, 'several ListClusters pages were requested');
  t.equal(listed.code, 0, listed.stderr);
  const arns: string[] = listed.json?.clusterArns ?? [];
  t.equal(new Set(arns).size, arns.length, 'no duplicates across pages');
  for (const n of names) t.ok(arns.includes(`arn:aws:ecs:${region}:${accountId}:cluster/${n}`), `${n} listed`);
  t.notOk(listed.json?.nextToken, 'the CLI merged every page');
});

t.test('register-task-definition --cli-input-json, then describe-task-definition returns every member', async (t) => {
  const req = JSON.parse(readFileSync(`${REPO_ROOT}examples/taskdefs/rich-awsvpc.json`, 'utf8'));
  req.family = uniq(req.family);
  const dropped: string[] = [];
  const input = existsSync(CLI_MODEL)
    ? filterByModel(JSON.parse(readFileSync(CLI_MODEL, 'utf8')), 'RegisterTaskDefinitionRequest', req, 'input', dropped) as Record<string, unknown>
    : req;
  if (dropped.length) t.comment(`members this CLI's model predates (not sent): ${dropped.join(', ')}`);
  const file = join(dir, 'taskdef.json');
  writeFileSync(file, JSON.stringify(input));

  const reg = await aws('register-task-definition', '--cli-input-json', `file://${file}`);
  t.equal(reg.code, 0, reg.stderr);
  t.equal(reg.json?.taskDefinition?.revision, 1);
  t.equal(reg.json?.taskDefinition?.taskDefinitionArn, `arn:aws:ecs:${region}:${accountId}:task-definition/${req.family}:1`);

  const desc = await aws('describe-task-definition', '--task-definition', req.family, '--include', 'TAGS');
  t.equal(desc.code, 0, desc.stderr);
  const td = desc.json?.taskDefinition;
  t.same(td, reg.json?.taskDefinition, 'describe equals the register response');
  const { tags, cpu, memory, ...rest } = input;
  contains(t, td, rest, 'taskDefinition');
  t.same(desc.json?.tags, tags, 'tags with --include TAGS');
  if (cpu) t.match(td?.cpu, /^\d+$/, 'task cpu normalised to units');
  if (memory) t.match(td?.memory, /^\d+$/, 'task memory normalised to MiB');
  t.ok(td?.registeredAt, 'registeredAt parsed by the CLI (epoch seconds on the wire)');
  t.equal(td?.containerDefinitions?.[0]?.portMappings?.[0]?.containerPort, 8080);
});

t.test('errors reach the CLI with their ECS names', async (t) => {
  const del = await aws('delete-cluster', '--cluster', uniq('missing'));
  t.equal(del.code, 254, 'service error exit code');
  t.match(del.stderr, /\(ClusterNotFoundException\) when calling the DeleteCluster operation: Cluster not found\.\n/);

  const bad = await aws('register-task-definition', '--family', 'bad family!',
    '--container-definitions', JSON.stringify([{ name: 'app', image: 'busybox', memory: 64 }]));
  t.equal(bad.code, 254);
  t.match(bad.stderr, /\(InvalidParameterException\) when calling the RegisterTaskDefinition operation: 'family' may contain only letters, numbers, hyphens and underscores \('bad family!' given\)\.\n/, bad.stderr.trim());

  const badPort = await aws('register-task-definition', '--family', uniq('badport'),
    '--container-definitions', JSON.stringify([{ name: 'app', image: 'busybox', memory: 64, portMappings: [{ containerPort: 70000 }] }]));
  t.equal(badPort.code, 254);
  t.match(badPort.stderr, /\(InvalidParameterException\) when calling the RegisterTaskDefinition operation: Invalid setting for container 'app': 'containerPort' must be between 1 and 65535 \(70000 given\)\.\n/, badPort.stderr.trim());
});

t.test('raw HTTP: success headers and body', async (t) => {
  const { res, json } = await raw(`${ECS_TARGET_PREFIX}.ListClusters`, '{}');
  t.equal(res.status, 200);
  t.equal(res.headers.get('content-type'), 'application/x-amz-json-1.1');
  t.match(res.headers.get('x-amzn-requestid'), /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  const date = Date.parse(res.headers.get('date') ?? '');
  t.ok(Math.abs(date - Date.now()) < 60_000, 'Date header is now');
  t.ok(Array.isArray(json.clusterArns));
  t.notOk('nextToken' in json, 'absent members are omitted, not null');
  const empty = await raw(`${ECS_TARGET_PREFIX}.ListClusters`, '');
  t.equal(empty.res.status, 200, 'an empty body is {}');
  const other = await raw(`${ECS_TARGET_PREFIX}.DescribeClusters`, '{"clusters": ["nope"]}');
  t.same(other.json, { clusters: [], failures: [{ arn: `arn:aws:ecs:${region}:${accountId}:cluster/nope`, reason: 'MISSING' }] });
});

t.test('raw HTTP: protocol errors', async (t) => {
  const check = (r: Awaited<ReturnType<typeof raw>>, status: number, type: string, what: string) => {
    t.equal(r.res.status, status, `${what}: status`);
    t.equal(r.json?.__type, type, `${what}: __type`);
    t.equal(r.res.headers.get('x-amzn-errortype'), type, `${what}: x-amzn-ErrorType`);
    t.type(r.json?.message, 'string', `${what}: lower-case message`);
    t.ok(r.res.headers.get('x-amzn-requestid'), `${what}: request id`);
    t.ok(r.res.headers.get('date'), `${what}: Date`);
  };
  check(await raw(`${ECS_TARGET_PREFIX}.NoSuchAction`, '{}'), 400, 'UnknownOperationException', 'unknown action');
  check(await raw('SomethingElse.ListClusters', '{}'), 400, 'UnknownOperationException', 'wrong prefix');
  check(await raw(undefined, '{}'), 400, 'UnknownOperationException', 'no target');
  check(await raw(`${ECS_TARGET_PREFIX}.ListClusters`, '{"maxResults": '), 400, 'SerializationException', 'malformed JSON');
  check(await raw(`${ECS_TARGET_PREFIX}.ListClusters`, '[1]'), 400, 'SerializationException', 'a list');
  check(await raw(`${ECS_TARGET_PREFIX}.ListClusters`, 'null'), 400, 'SerializationException', 'null');
  const unsupported = await raw(`${ECS_TARGET_PREFIX}.DiscoverPollEndpoint`, '{"cluster": "y"}');
  check(unsupported, 400, 'UnsupportedFeatureException', 'unsupported action');
  t.match(unsupported.json?.message, /^Berth does not support the ECS action DiscoverPollEndpoint: /);
  const shape = await raw(`${ECS_TARGET_PREFIX}.CreateCluster`, '{"clusterName": 5}');
  check(shape, 400, 'InvalidParameterException', 'wrong member type');
  t.equal(shape.json?.message, "'clusterName' must be a string, got 5.");
  const notFound = await raw(`${ECS_TARGET_PREFIX}.DeleteCluster`, '{"cluster": "nope"}');
  check(notFound, 400, 'ClusterNotFoundException', 'missing cluster');
  const big = await raw(`${ECS_TARGET_PREFIX}.ListClusters`, JSON.stringify({ nextToken: 'x'.repeat(1024 * 1024 + 10) }));
  check(big, 413, 'RequestEntityTooLargeException', 'body over 1 MiB');
  check(await raw(`${ECS_TARGET_PREFIX}.ListClusters`, '{}', { sign: false }), 403, 'MissingAuthenticationTokenException', 'unsigned');
  const get = await fetch(endpoint + '/');
  t.equal(get.status, 403, 'an unsigned GET is refused');
  t.equal(((await get.json()) as { __type?: string }).__type, 'MissingAuthenticationTokenException');
});

t.test('the adapter: ConflictException resourceIds, 500 without details, null members omitted', async (t) => {
  const logged: { msg: string; fields?: Record<string, unknown> }[] = [];
  const log: Logger = { debug() {}, info() {}, warn() {}, error: (msg, fields) => void logged.push({ msg, fields: fields ?? {} }) };
  const handlers = {
    RunTask: async () => { throw new ConflictError('token reused', ['arn:aws:ecs:us-east-1:000000000000:task/c/abc']); },
    ListTasks: async () => { throw new Error('disk on fire at /secret/path'); },
    StopTask: async () => { throw new BerthError('ServerException', 'store unavailable'); },
    ListClusters: async () => ({ clusterArns: ['a'], nextToken: null as never }),
  };
  const ep = await startAwsListener({ host: '127.0.0.1', port: 0, log, tables: [{ api: ECS_API, handlers }], hooks: defaultHooks(log) });
  t.teardown(() => ep.close());
  // Requests the model accepts: validation comes before the handlers.
  const bodies: Record<string, unknown> = { RunTask: { taskDefinition: 'web' }, StopTask: { task: 'abc' } };
  const call = async (action: string) => {
    const res = await fetch(`http://${ep.addr}/`, { method: 'POST', headers: { 'X-Amz-Target': `${ECS_TARGET_PREFIX}.${action}` }, body: JSON.stringify(bodies[action] ?? {}) });
    return { status: res.status, type: res.headers.get('x-amzn-errortype'), field: res.headers.get('x-berth-error-field'), json: (await res.json()) as any };
  };
  const conflict = await call('RunTask');
  t.equal(conflict.status, 400);
  t.same(conflict.json, { __type: 'ConflictException', message: 'token reused', resourceIds: ['arn:aws:ecs:us-east-1:000000000000:task/c/abc'] });
  t.equal(conflict.field, 'clientToken', 'the field travels beside the message');
  const crash = await call('ListTasks');
  t.equal(crash.status, 500);
  t.equal(crash.json.__type, 'ServerException');
  t.equal(crash.type, 'ServerException');
  t.notMatch(crash.json.message, /disk on fire/, 'the real error is not sent');
  t.ok(logged.some((l) => String(l.fields?.error).includes('disk on fire') && l.fields?.action === 'ListTasks'), 'the real error is logged');
  const server500 = await call('StopTask');
  t.equal(server500.status, 500, 'a BerthError ServerException is a 500');
  t.same(server500.json, { __type: 'ServerException', message: 'store unavailable' });
  t.same((await call('ListClusters')).json, { clusterArns: ['a'] }, 'null members are omitted');
  t.equal(awsJson({ a: null, b: [1, null], c: { d: undefined, e: 0 } }), '{"b":[1,null],"c":{"e":0}}');
});

t.test('SigV4: wrong secret, unknown key, deleted key; secrets stay out of the store and the logs', async (t) => {
  const wrong = await awsAs({ id: creds.id, secret: creds.secret.slice(0, -1) + (creds.secret.endsWith('A') ? 'B' : 'A') }, endpoint, 'list-clusters');
  t.not(wrong.code, 0);
  t.match(wrong.stderr, /\(InvalidSignatureException\)/, wrong.stderr.trim());
  const unknown = await awsAs({ id: 'AKIAUNKNOWNUNKNOWN00', secret: creds.secret }, endpoint, 'list-clusters');
  t.match(unknown.stderr, /\(UnrecognizedClientException\)/, unknown.stderr.trim());

  const second = await client.iam<{ accessKey: { accessKeyId: string; secretAccessKey: string } }>('CreateAccessKey', { userName: 'ecs-json-test' });
  const as2 = { id: second.accessKey.accessKeyId, secret: second.accessKey.secretAccessKey };
  t.match(as2.id, /^AKIA[A-Z2-7]{16}$/);
  t.equal(as2.secret.length, 40);
  t.equal((await awsAs(as2, endpoint, 'list-clusters')).code, 0, 'a new key works at once');
  // The admin's client: another user's keys are named with their user, as in IAM.
  const listed = await client.callApi(IAM_API, 'ListAccessKeys', { UserName: 'ecs-json-test' }) as { AccessKeyMetadata: { AccessKeyId: string; SecretAccessKey?: string; Status: string }[] };
  const mine = listed.AccessKeyMetadata.find((k) => k.AccessKeyId === as2.id);
  t.equal(mine?.Status, 'Active');
  t.notOk(mine && 'SecretAccessKey' in mine, 'ListAccessKeys never returns a secret');
  await client.callApi(IAM_API, 'DeleteAccessKey', { AccessKeyId: as2.id, UserName: 'ecs-json-test' });
  t.match((await awsAs(as2, endpoint, 'list-clusters')).stderr, /UnrecognizedClientException/, 'a deleted key is refused');
  await t.rejects(client.callApi(IAM_API, 'DeleteAccessKey', { AccessKeyId: as2.id, UserName: 'ecs-json-test' }), { name: 'NoSuchEntityException' });

  const stored = (await server.ctx.store.range('/berth/v1/access-keys/')).kvs.map((kv) => kv.value.toString()).join('\n');
  t.match(stored, creds.id, 'the key id is stored');
  t.notMatch(stored, creds.secret, 'the secret is not stored in clear');
  t.notMatch(stored, as2.secret);
  const logs = allLogs.join('\n');
  t.match(logs, /access key created/);
  t.notMatch(logs, creds.secret, 'no secret in the logs');
  t.notMatch(logs, as2.secret);
});

t.test('the secrets key: kept in a 0600 file; a server with another key refuses the store', async (t) => {
  const { statSync } = await import('node:fs');
  const st = statSync(join(dir, 'secrets.key'));
  t.equal(st.mode & 0o777, 0o600);
  const other = mkdtempSync(join(tmpdir(), 'berth-other-key-'));
  t.teardown(() => rmSync(other, { recursive: true, force: true }));
  await t.rejects(
    startServer({ insecure: true, listen: '127.0.0.1:0', store: server.ctx.store, log: silentLogger, secretsKeyPath: join(other, 'secrets.key') }),
    /not the key this store's secrets were encrypted with/,
  );
});

t.test('--insecure serves unsigned requests (local development)', async (t) => {
  const d = mkdtempSync(join(tmpdir(), 'berth-ecs-none-'));
  const open = await startServer({ listen: '127.0.0.1:0', store: `file:${join(d, 'berth.db')}`, log: silentLogger, ecsJson: { listen: '127.0.0.1:0' }, insecure: true });
  t.teardown(async () => {
    await open.close();
    rmSync(d, { recursive: true, force: true });
  });
  const res = await awsAs({ id: 'anything', secret: 'anything' }, `http://${open.ecsAddr}`, 'list-clusters');
  t.equal(res.code, 0, res.stderr);
  t.same(res.json, { clusterArns: [] });
});

t.test('tag-resource, list-tags-for-resource, untag-resource on a cluster and a task definition', async (t) => {
  const name = uniq('tagged');
  const arn = (await aws('create-cluster', '--cluster-name', name, '--tags', 'key=team,value=web')).json?.cluster?.clusterArn as string;
  t.ok(arn);
  t.equal((await aws('tag-resource', '--resource-arn', arn, '--tags', 'key=env,value=prod', 'key=team,value=ops')).code, 0);
  t.same((await aws('list-tags-for-resource', '--resource-arn', arn)).json, { tags: [{ key: 'team', value: 'ops' }, { key: 'env', value: 'prod' }] });
  t.equal((await aws('untag-resource', '--resource-arn', arn, '--tag-keys', 'team', 'absent')).code, 0);
  t.same((await aws('describe-clusters', '--clusters', name, '--include', 'TAGS')).json?.clusters?.[0]?.tags, [{ key: 'env', value: 'prod' }], 'DescribeClusters sees the same tags');

  const family = uniq('tagged-td');
  const td = (await aws('register-task-definition', '--family', family, '--container-definitions', JSON.stringify([{ name: 'a', image: 'busybox', memory: 8 }]))).json?.taskDefinition;
  t.equal((await aws('tag-resource', '--resource-arn', td.taskDefinitionArn, '--tags', 'key=v,value=1')).code, 0);
  t.same((await aws('describe-task-definition', '--task-definition', `${family}:1`, '--include', 'TAGS')).json?.tags, [{ key: 'v', value: '1' }]);

  const missing = await aws('list-tags-for-resource', '--resource-arn', arn.replace(name, `${name}-nope`));
  t.match(missing.stderr, /\(ResourceNotFoundException\)/);
  const reserved = await aws('tag-resource', '--resource-arn', arn, '--tags', 'key=aws:x,value=1');
  t.match(reserved.stderr, /\(InvalidParameterException\) when calling the TagResource operation: The tag key 'aws:x' uses the 'aws:' prefix, which is reserved for AWS use\.\n/, 'ECS\'s text alone, as the AWS CLI prints it');
  const odd = await aws('list-tags-for-resource', '--resource-arn', `arn:aws:ecs:${region}:${accountId}:capacity-provider/x`);
  t.match(odd.stderr, /\(InvalidParameterException\).*cannot be tagged/);
  t.same((await aws('list-tags-for-resource', '--resource-arn', arn)).json, { tags: [{ key: 'env', value: 'prod' }] }, 'failed requests wrote nothing');
});
