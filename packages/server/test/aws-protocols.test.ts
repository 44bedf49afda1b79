// The AWS listener's protocols with real clients: STS GetCallerIdentity on the query protocol (Debian's
// AWS CLI) and over gRPC; the SigV4 scope's service picking the API; every protocol's "unsupported" error
// naming the action (query: STS and CloudWatch with the CLI; REST-JSON: Scheduler with the CLI; JSON 1.0
// query-compatible: CloudWatch with @aws-sdk/client-cloudwatch); a call and a model error round-tripping
// through each protocol's real client on fake handler tables (FAKE_ in their names: Berth implements no
// Scheduler or CloudWatch action yet); one ECS error, identical over gRPC and JSON;
// presence of empty lists on both transports; invalid UTF-8 refused.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchClient, GetDashboardCommand, ListDashboardsCommand, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { BerthError, CLOUDWATCH_API, ECS_API, SCHEDULER_API, STS_API } from '@berth/core';
import { BerthClient, defaultHooks, readCliConfig, silentLogger, type ActionTable, type AuthorizationRequest, type CallRecord } from '@berth/api';
import { startServer } from '../src/index.js';
import { startAwsListener } from '../src/aws/listener.js';
import { awsCli, signedHeaders, userWithKey, type Creds } from './aws-clients.js';
import { rejection, uniq, adminClient } from './helpers.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';

const dir = mkdtempSync(join(tmpdir(), 'berth-aws-protocols-'));
const records: CallRecord[] = [];
const decisions: AuthorizationRequest[] = [];
/** The policy hook: records every decision, and refuses one user to prove a refusal reaches every transport. */
const authorize = (req: AuthorizationRequest) => {
  decisions.push(req);
  if (req.caller.kind === 'access-key' && req.caller.userName.startsWith('mallory')) throw new BerthError('AccessDeniedException', `User ${req.caller.userName} is not authorized to perform ${req.action}.`);
};
const server = await startServer({
  listen: '127.0.0.1:0', store: `file:${join(dir, 'berth.db')}`, log: silentLogger,
  ecsJson: { listen: '127.0.0.1:0' }, bootstrapConfig: join(dir, 'config.yaml'), observers: [(r) => void records.push(r)], authorize,
});
const client = adminClient(join(dir, 'config.yaml'));
const endpoint = `http://${server.ecsAddr}`;
const { accountId } = server.ctx.identity;
const user = uniq('alice');
const creds: Creds = await userWithKey(client, user);
t.teardown(async () => {
  client.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A form POST signed for `service`, as the query protocol's clients send it. */
async function queryCall(service: string, form: string) {
  const headers = signedHeaders(endpoint, creds, service, 'POST', '/', { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' }, form);
  const res = await fetch(endpoint + '/', { method: 'POST', headers, body: form });
  return { status: res.status, text: await res.text() };
}

t.test('STS GetCallerIdentity through Debian\'s AWS CLI (query protocol): the caller\'s IAM user ARN', async (t) => {
  const r = await awsCli(creds, endpoint, 'sts', 'get-caller-identity');
  t.equal(r.code, 0, r.stderr);
  t.equal(r.json?.Arn, `arn:aws:iam::${accountId}:user/${user}`);
  t.equal(r.json?.Account, accountId);
  t.match(r.json?.UserId, /^AIDA[A-Z2-7]{17}$/);
  const again = await awsCli(creds, endpoint, 'sts', 'get-caller-identity');
  t.equal(again.json?.UserId, r.json?.UserId, 'the user id is stable');
  const last = records.filter((x) => x.call.action === 'GetCallerIdentity').at(-1)!;
  t.same(last.call.caller, { kind: 'access-key', accessKeyId: creds.id, userName: user }, 'the call context carries the caller');
  t.equal(last.call.transport, 'query');
  t.ok(server.metrics.snapshot()['sts:GetCallerIdentity']!.calls >= 2, 'the metrics hook counted the calls');
});

t.test('STS over gRPC: the same action table; a signed gRPC call is its key\'s user', async (t) => {
  t.match(await client.sts('GetCallerIdentity', {}), { Account: accountId, Arn: `arn:aws:iam::${accountId}:user/admin` });
  const last = records.filter((x) => x.call.action === 'GetCallerIdentity').at(-1)!;
  t.equal(last.call.transport, 'grpc');
  t.equal(last.call.caller.kind, 'access-key');
  const e = await client.callApi(STS_API, 'GetSessionToken', {}).catch((x: unknown) => x);
  t.ok(e instanceof BerthError);
  t.equal((e as BerthError).ecsName, 'InvalidAction', 'STS\'s protocol answers InvalidAction');
  t.match((e as BerthError).message, /GetSessionToken/);
});

t.test('query protocol: an STS action Berth does not implement is InvalidAction naming it, through the CLI', async (t) => {
  const r = await awsCli(creds, endpoint, 'sts', 'get-session-token');
  t.equal(r.code, 254, r.stderr);
  t.match(r.stderr, /\(InvalidAction\).*GetSessionToken/);
});

t.test('IAM access keys through the CLI (query protocol): the same action table as the berth CLI\'s', async (t) => {
  t.equal((await awsCli(creds, endpoint, 'iam', 'create-user', '--user-name', `${user}-2`)).code, 0);
  const made = await awsCli(creds, endpoint, 'iam', 'create-access-key', '--user-name', `${user}-2`);
  t.equal(made.code, 0, made.stderr);
  const k = made.json?.AccessKey;
  t.match(k?.AccessKeyId, /^AKIA[A-Z2-7]{16}$/);
  t.equal(k?.Status, 'Active');
  t.ok(Date.parse(k?.CreateDate) > 0, 'CreateDate in ISO 8601, parsed by the CLI');
  const who = await awsCli({ id: k.AccessKeyId, secret: k.SecretAccessKey }, endpoint, 'sts', 'get-caller-identity');
  t.equal(who.json?.Arn, `arn:aws:iam::${accountId}:user/${user}-2`, 'the new key signs as its user');
  const listed = await awsCli(creds, endpoint, 'iam', 'list-access-keys', '--user-name', `${user}-2`);
  t.same(listed.json?.AccessKeyMetadata?.map((m: { AccessKeyId: string }) => m.AccessKeyId), [k.AccessKeyId]);
  t.notMatch(listed.stdout, k.SecretAccessKey, 'never the secret again');
  t.equal((await awsCli(creds, endpoint, 'iam', 'delete-access-key', '--user-name', `${user}-2`, '--access-key-id', k.AccessKeyId)).code, 0);
  const gone = await awsCli(creds, endpoint, 'iam', 'delete-access-key', '--user-name', `${user}-2`, '--access-key-id', k.AccessKeyId);
  t.match(gone.stderr, /\(NoSuchEntity\)/, 'IAM\'s query code for NoSuchEntityException');
});

t.test('the SigV4 scope\'s service picks the API: one form, two answers', async (t) => {
  const form = 'Action=GetCallerIdentity&Version=2011-06-15';
  const sts = await queryCall('sts', form);
  t.equal(sts.status, 200, sts.text);
  t.match(sts.text, new RegExp(`<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>.*<Arn>arn:aws:iam::${accountId}:user/${user}</Arn>`));
  t.match(sts.text, /<ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata>/);
  const cw = await queryCall('monitoring', 'Action=GetCallerIdentity&Version=2010-08-01');
  t.equal(cw.status, 400);
  t.match(cw.text, /<ErrorResponse xmlns="http:\/\/monitoring.amazonaws.com\/doc\/2010-08-01\/"><Error><Type>Sender<\/Type><Code>InvalidAction<\/Code><Message>Unknown operation GetCallerIdentity.<\/Message>/);
  const other = await queryCall('s3', form);
  t.equal(other.status, 400);
  t.match(other.text, /InvalidSignatureException/, 'a service Berth does not serve is refused at the signature');
  const unknownMember = await queryCall('sts', `${form}&Bogus=1`);
  t.match(unknownMember.text, /<Code>ValidationError<\/Code><Message>Unknown parameter Bogus for GetCallerIdentity.<\/Message>/, 'nothing is silently ignored');
});

t.test('query protocol for CloudWatch (the CLI\'s): an unimplemented action names itself', async (t) => {
  const r = await awsCli(creds, endpoint, 'cloudwatch', 'list-dashboards');
  t.equal(r.code, 254, r.stderr);
  t.match(r.stderr, /\(InvalidAction\).*CloudWatch action ListDashboards/);
});

t.test('REST-JSON (Scheduler) through the CLI: an unimplemented action names itself', async (t) => {
  const r = await awsCli(creds, endpoint, 'scheduler', 'list-tags-for-resource', '--resource-arn', `arn:aws:scheduler:us-east-1:${accountId}:schedule-group/default`);
  t.equal(r.code, 254, r.stderr);
  t.match(r.stderr, /\(UnknownOperationException\).*Scheduler action ListTagsForResource/);
});

t.test('JSON 1.0 query-compatible (CloudWatch) through @aws-sdk/client-cloudwatch: an unimplemented action names itself', async (t) => {
  const cw = new CloudWatchClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: creds.id, secretAccessKey: creds.secret }, maxAttempts: 1 });
  t.teardown(() => cw.destroy());
  const e = await cw.send(new ListDashboardsCommand({})).catch((x: unknown) => x);
  t.equal((e as Error).name, 'InvalidAction', 'the query protocol\'s code, from x-amzn-query-error');
  t.match((e as Error).message, /CloudWatch action ListDashboards/);
  const last = records.filter((x) => x.call.action === 'ListDashboards').at(-1)!;
  t.equal(last.call.transport, 'json', 'the SDK spoke JSON, not query');
});

t.test('one ECS error, the same name and text over gRPC and over JSON', async (t) => {
  const name = uniq('missing');
  const viaGrpc = await rejection(client.call('DeleteCluster', { cluster: name }));
  const headers = signedHeaders(endpoint, creds, 'ecs', 'POST', '/', { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `${ECS_API.targetPrefix}.DeleteCluster` }, JSON.stringify({ cluster: name }));
  const viaJson = (await (await fetch(endpoint + '/', { method: 'POST', headers, body: JSON.stringify({ cluster: name }) })).json()) as { __type: string; message: string };
  t.equal(viaGrpc.ecsName, 'ClusterNotFoundException');
  t.equal(viaJson.__type, viaGrpc.ecsName);
  t.equal(viaJson.message, viaGrpc.message);

});

t.test('presence: UpdateService [] removes placement lists over gRPC and over JSON alike; absent keeps them', async (t) => {
  const cluster = uniq('presence');
  await client.call('CreateCluster', { clusterName: cluster });
  const family = uniq('svc-td');
  await client.call('RegisterTaskDefinition', { family, containerDefinitions: [{ name: 'a', image: 'berth-test/busybox:latest', memory: 8 }] });
  const strategy = [{ type: 'spread' as const, field: 'instanceId' }];
  const constraints = [{ type: 'distinctInstance' as const }];
  const describe = async (svc: string) => (await client.call('DescribeServices', { cluster, services: [svc] })).services?.[0];
  const json = async (action: string, body: unknown) => {
    const text = JSON.stringify(body);
    const headers = signedHeaders(endpoint, creds, 'ecs', 'POST', '/', { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `${ECS_API.targetPrefix}.${action}` }, text);
    const res = await fetch(endpoint + '/', { method: 'POST', headers, body: text });
    t.equal(res.status, 200, `${action} over JSON`);
  };
  for (const transport of ['grpc', 'json'] as const) {
    const svc = uniq(`svc-${transport}`);
    await client.call('CreateService', { cluster, serviceName: svc, taskDefinition: family, desiredCount: 0, placementStrategy: strategy, placementConstraints: constraints });
    const update = (req: Record<string, unknown>) => (transport === 'grpc' ? client.call('UpdateService', { cluster, service: svc, ...req }) : json('UpdateService', { cluster, service: svc, ...req }));
    await update({ desiredCount: 0 });
    t.same((await describe(svc))?.placementStrategy, strategy, `${transport}: absent leaves the strategy`);
    await update({ placementStrategy: [], placementConstraints: [] });
    const s = await describe(svc);
    t.same(s?.placementStrategy, [], `${transport}: [] removes the strategy`);
    t.same(s?.placementConstraints, [], `${transport}: [] removes the constraints`);
  }
});

t.test('authorization: one decision of (caller, IAM action, resource ARNs) per call, on every transport', async (t) => {
  const cluster = uniq('authz');
  const r = await awsCli(creds, endpoint, 'ecs', 'create-cluster', '--cluster-name', cluster);
  t.equal(r.code, 0, r.stderr);
  t.same(decisions.at(-1), { caller: { kind: 'access-key', accessKeyId: creds.id, userName: user }, action: 'ecs:CreateCluster', resources: [`arn:aws:ecs:${server.ctx.identity.region}:${accountId}:cluster/${cluster}`], context: {} });
  await client.call('DescribeClusters', { clusters: [cluster] });
  t.equal(decisions.at(-1)!.action, 'ecs:DescribeClusters');
  t.same(decisions.at(-1)!.caller, { kind: 'access-key', accessKeyId: readCliConfig(join(dir, 'config.yaml')).contexts[0]!.accessKeyId, userName: 'admin' }, 'gRPC: the signing key\'s user');
  await client.call('ListTagsForResource', { resourceArn: `arn:aws:ecs:us-east-1:${accountId}:cluster/${cluster}` });
  t.same(decisions.at(-1)!.resources, [`arn:aws:ecs:us-east-1:${accountId}:cluster/${cluster}`]);
  const mallory = await userWithKey(client, uniq('mallory'), []);
  const denied = await awsCli(mallory, endpoint, 'ecs', 'list-clusters');
  t.match(denied.stderr, /\(AccessDeniedException\).*not authorized to perform ecs:ListClusters/, 'a refusal of the policy hook is the answer');
});

t.test('invalid UTF-8 is refused with SerializationException and nothing is stored', async (t) => {
  const name = uniq('utf8');
  const body = Buffer.concat([Buffer.from(`{"clusterName":"${name}`), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
  const headers = signedHeaders(endpoint, creds, 'ecs', 'POST', '/', { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `${ECS_API.targetPrefix}.CreateCluster` }, body);
  const res = await fetch(endpoint + '/', { method: 'POST', headers, body });
  t.equal(res.status, 400);
  t.equal(((await res.json()) as { __type: string }).__type, 'SerializationException');
  const listed = await client.call('ListClusters', {});
  t.notOk(listed.clusterArns?.some((a) => a.includes(name)), 'no cluster was created, altered or not');
  const form = Buffer.from('Action=GetCallerIdentity&Version=2011-06-15&X=%FF');
  const q = await fetch(endpoint + '/', { method: 'POST', headers: signedHeaders(endpoint, creds, 'sts', 'POST', '/', { 'Content-Type': 'application/x-www-form-urlencoded' }, form), body: form });
  t.match(await q.text(), /<Code>SerializationException<\/Code>/, 'a percent-encoded byte that is not UTF-8 too');
});

// --- a call and a model error through each protocol's real client, on FAKE handler tables -------------
const seen: Record<string, unknown> = {};
const FAKE_SCHEDULER: ActionTable = {
  api: SCHEDULER_API,
  handlers: {
    GetSchedule: async (req: { Name: string; GroupName?: string }) => {
      seen.GetSchedule = req;
      if (req.Name === 'gone') throw new BerthError('ResourceNotFoundException', 'Schedule gone does not exist.');
      return { Name: req.Name, GroupName: req.GroupName, Arn: `arn:aws:scheduler:us-east-1:${accountId}:schedule/${req.GroupName}/${req.Name}`, ScheduleExpression: 'rate(5 minutes)', CreationDate: 1700000000, State: 'ENABLED', FlexibleTimeWindow: { Mode: 'OFF' }, Target: { Arn: 'arn:aws:ecs:us-east-1:000000000000:cluster/default', RoleArn: 'arn:aws:iam::000000000000:role/r' } };
    },
  },
};
const FAKE_CLOUDWATCH: ActionTable = {
  api: CLOUDWATCH_API,
  handlers: {
    ListMetrics: async (req: Record<string, unknown>) => {
      seen.ListMetrics = req;
      return { Metrics: [{ Namespace: 'Berth', MetricName: 'Tasks', Dimensions: [{ Name: 'Cluster', Value: 'default' }, { Name: 'Service', Value: 'web' }] }], OwningAccounts: [] };
    },
    GetDashboard: async () => { throw new BerthError('DashboardNotFoundError', 'Dashboard ops does not exist.'); },
  },
};

t.test('a call and an error round-trip through each protocol\'s real client', async (t) => {
  const fake = await startAwsListener({ host: '127.0.0.1', port: 0, log: silentLogger, tables: [FAKE_SCHEDULER, FAKE_CLOUDWATCH], hooks: defaultHooks(silentLogger) });
  t.teardown(() => fake.close());
  const url = `http://${fake.addr}`;

  // REST-JSON: members from the path and the query string, a timestamp back as epoch seconds.
  const got = await awsCli(creds, url, 'scheduler', 'get-schedule', '--name', 'nightly', '--group-name', 'ops');
  t.equal(got.code, 0, got.stderr);
  t.same(seen.GetSchedule, { Name: 'nightly', GroupName: 'ops' });
  t.equal(got.json?.Arn, `arn:aws:scheduler:us-east-1:${accountId}:schedule/ops/nightly`);
  t.equal(Date.parse(got.json?.CreationDate), 1700000000_000, 'CreationDate parsed by the CLI');
  const gone = await awsCli(creds, url, 'scheduler', 'get-schedule', '--name', 'gone');
  t.match(gone.stderr, /\(ResourceNotFoundException\).*Schedule gone does not exist\./);

  // Query (Debian's CLI for CloudWatch): a list filter in, nested lists back in XML.
  const listed = await awsCli(creds, url, 'cloudwatch', 'list-metrics', '--namespace', 'Berth', '--dimensions', 'Name=Cluster,Value=default');
  t.equal(listed.code, 0, listed.stderr);
  t.same(seen.ListMetrics, { Namespace: 'Berth', Dimensions: [{ Name: 'Cluster', Value: 'default' }] });
  t.same(listed.json?.Metrics, [{ Namespace: 'Berth', MetricName: 'Tasks', Dimensions: [{ Name: 'Cluster', Value: 'default' }, { Name: 'Service', Value: 'web' }] }]);
  const dash = await awsCli(creds, url, 'cloudwatch', 'get-dashboard', '--dashboard-name', 'ops');
  t.match(dash.stderr, /\(ResourceNotFound\).*Dashboard ops does not exist\./, 'the query code of DashboardNotFoundError');

  // JSON 1.0 query-compatible (the SDK): the same call and error.
  const cw = new CloudWatchClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: creds.id, secretAccessKey: creds.secret }, maxAttempts: 1 });
  t.teardown(() => cw.destroy());
  const sdk = await cw.send(new ListMetricsCommand({ Namespace: 'Berth' }));
  t.same(sdk.Metrics?.[0]?.Dimensions, [{ Name: 'Cluster', Value: 'default' }, { Name: 'Service', Value: 'web' }]);
  const e = await cw.send(new GetDashboardCommand({ DashboardName: 'ops' })).catch((x: unknown) => x);
  t.equal((e as Error).name, 'ResourceNotFound', 'the query code, as CloudWatch\'s query clients know it');
  t.equal((e as Error).message, 'Dashboard ops does not exist.');
});
