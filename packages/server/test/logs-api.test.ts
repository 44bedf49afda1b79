// CloudWatch Logs through the seam, with Debian's AWS CLI against the embedded log store the server opens
// beside its file state store: groups and streams, PutLogEvents' tokens and refusals as AWS words them,
// GetLogEvents, FilterLogEvents with a JSON pattern, retention, `aws logs tail --follow` seeing new lines,
// and logs:PutLogEvents authorized on the group.
import t from 'tap';
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { IAM_API } from '@berth/core';
import { startTestServer } from './helpers.js';
import { AWS, awsCli, awsEnv, userWithKey, type Creds } from './aws-clients.js';
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, DataAlreadyAcceptedException, FilterLogEventsCommand, GetLogEventsCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';

// No client may ever look for credentials or regions outside this test (conventions page).
process.env.AWS_EC2_METADATA_DISABLED = 'true';

const ts = await startTestServer({ server: { ecsJson: { listen: '127.0.0.1:0' } } });
t.teardown(() => ts.close());
const url = `http://${ts.server.ecsAddr}`;
const admin: Creds = { id: ts.credentials!.accessKeyId, secret: ts.credentials!.secretAccessKey };
const logs = (...args: string[]) => awsCli(admin, url, 'logs', ...args);
const group = `/ecs/web-${process.pid}`;
type Tap = Parameters<Parameters<typeof t.test>[0]>[0];

t.test('groups, streams and events with the AWS CLI', async (t) => {
  t.equal((await logs('create-log-group', '--log-group-name', group)).code, 0);
  const dup = await logs('create-log-group', '--log-group-name', group);
  t.match(dup.stderr, /ResourceAlreadyExistsException.*The specified log group already exists/);
  t.equal((await logs('create-log-stream', '--log-group-name', group, '--log-stream-name', 'web/app/1')).code, 0);
  const now = Date.now();
  const events = JSON.stringify([{ timestamp: now, message: '{"level":"error","msg":"boom"}' }, { timestamp: now + 1, message: 'plain line' }]);
  const put = await logs('put-log-events', '--log-group-name', group, '--log-stream-name', 'web/app/1', '--log-events', events);
  t.equal(put.code, 0, put.stderr);
  const token = put.json.nextSequenceToken as string;
  t.match(token, /^\d{56}$/);
  const stale = await logs('put-log-events', '--log-group-name', group, '--log-stream-name', 'web/app/1', '--log-events', JSON.stringify([{ timestamp: now + 2, message: 'x' }]));
  t.match(stale.stderr, new RegExp(`InvalidSequenceTokenException.*The next expected sequenceToken is: ${token}`), 'the expected token in the message, as AWS words it');
  const got = await logs('get-log-events', '--log-group-name', group, '--log-stream-name', 'web/app/1', '--start-from-head');
  t.same(got.json.events.map((e: { message: string }) => e.message), ['{"level":"error","msg":"boom"}', 'plain line']);
  const filtered = await logs('filter-log-events', '--log-group-name', group, '--filter-pattern', '{ $.level = "error" }');
  t.same(filtered.json.events.map((e: { logStreamName: string; message: string }) => [e.logStreamName, e.message]), [['web/app/1', '{"level":"error","msg":"boom"}']]);
  t.equal((await logs('put-retention-policy', '--log-group-name', group, '--retention-in-days', '14')).code, 0);
  const described = await logs('describe-log-groups', '--log-group-name-prefix', group);
  t.match(described.json.logGroups, [{ logGroupName: group, retentionInDays: 14, arn: `arn:aws:logs:${ts.server.ctx.identity.region}:${ts.server.ctx.identity.accountId}:log-group:${group}:*` }]);
  const streams = await logs('describe-log-streams', '--log-group-name', group, '--order-by', 'LastEventTime', '--descending');
  t.match(streams.json.logStreams, [{ logStreamName: 'web/app/1', lastEventTimestamp: now + 1, uploadSequenceToken: token }]);
  const kms = await logs('create-log-group', '--log-group-name', `${group}-kms`, '--kms-key-id', 'arn:aws:kms:us-east-1:000000000000:key/x');
  t.match(kms.stderr, /InvalidParameterException.*The request uses kmsKeyId, which Berth does not support/, 'a member Berth cannot act on is refused, named');
});

t.test('aws logs tail --follow shows lines written after it started', async (t) => {
  const stream = 'tail/1';
  await logs('create-log-stream', '--log-group-name', group, '--log-stream-name', stream);
  const tail = spawn(AWS, ['logs', 'tail', group, '--follow', '--format', 'short', '--endpoint-url', url], { env: { ...awsEnv(admin), PYTHONUNBUFFERED: '1' } }); // piped, Python would hold the lines in its buffer
  t.teardown(() => { tail.kill(); });
  let out = '';
  tail.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  let err = '';
  tail.stderr.on('data', (d: Buffer) => { err += d.toString(); });
  await sleep(1000);
  await logs('put-log-events', '--log-group-name', group, '--log-stream-name', stream, '--log-events', JSON.stringify([{ timestamp: Date.now(), message: 'followed line' }]));
  const deadline = Date.now() + 20_000;
  while (!out.includes('followed line') && Date.now() < deadline) await sleep(200);
  t.match(out, /followed line/, err);
});

t.test('a caller writes only to the groups its policy allows', async (t) => {
  const writer = await userWithKey(ts.client, `writer-${process.pid}`, []);
  await ts.client.callApi(IAM_API, 'PutUserPolicy', {
    UserName: `writer-${process.pid}`, PolicyName: 'ship',
    PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['logs:PutLogEvents', 'logs:CreateLogStream'], Resource: `arn:aws:logs:*:*:log-group:${group}:*` }] }),
  });
  await logs('create-log-group', '--log-group-name', `${group}-other`);
  await logs('create-log-stream', '--log-group-name', `${group}-other`, '--log-stream-name', 's');
  const as = (...args: string[]) => awsCli(writer, url, 'logs', ...args);
  t.equal((await as('create-log-stream', '--log-group-name', group, '--log-stream-name', 'w')).code, 0);
  const ok = await as('put-log-events', '--log-group-name', group, '--log-stream-name', 'w', '--log-events', JSON.stringify([{ timestamp: Date.now(), message: 'mine' }]));
  t.equal(ok.code, 0, ok.stderr);
  const denied = await as('put-log-events', '--log-group-name', `${group}-other`, '--log-stream-name', 's', '--log-events', JSON.stringify([{ timestamp: Date.now(), message: 'theirs' }]));
  t.match(denied.stderr, /AccessDeniedException.*not authorized to perform: logs:PutLogEvents on resource: arn:aws:logs:[^ ]+:log-group:\/ecs\/web-\d+-other:log-stream:s/);
});

/** The SDK as the admin, and a new group `GROUP-SUFFIX` with a stream `s`. */
async function sdkWithStream(t: Tap, suffix: string): Promise<{ sdk: CloudWatchLogsClient; g: string }> {
  const sdk = new CloudWatchLogsClient({ endpoint: url, region: 'eu-central-1', credentials: { accessKeyId: admin.id, secretAccessKey: admin.secret }, maxAttempts: 1 });
  t.teardown(() => sdk.destroy());
  const g = `${group}-${suffix}`;
  await sdk.send(new CreateLogGroupCommand({ logGroupName: g }));
  await sdk.send(new CreateLogStreamCommand({ logGroupName: g, logStreamName: 's' }));
  return { sdk, g };
}

t.test('@aws-sdk/client-cloudwatch-logs: a retried batch answers DataAlreadyAcceptedException with its expected token', async (t) => {
  const { sdk, g } = await sdkWithStream(t, 'sdk');
  const now = Date.now();
  const batch = { logGroupName: g, logStreamName: 's', logEvents: [{ timestamp: now, message: 'same' }] };
  const first = await sdk.send(new PutLogEventsCommand(batch));
  const retried = await sdk.send(new PutLogEventsCommand(batch)).then(() => undefined, (e: unknown) => e);
  t.ok(retried instanceof DataAlreadyAcceptedException, 'the SDK reads the error by its name');
  t.equal((retried as DataAlreadyAcceptedException).expectedSequenceToken, first.nextSequenceToken, 'and its member');
  await sdk.send(new PutLogEventsCommand({ ...batch, sequenceToken: first.nextSequenceToken }));
  const events = await sdk.send(new GetLogEventsCommand({ logGroupName: g, logStreamName: 's', startFromHead: true }));
  t.same(events.events?.map((e) => e.message), ['same', 'same'], 'the retry written once, the second batch kept');
  const back = await sdk.send(new GetLogEventsCommand({ logGroupName: g, logStreamName: 's', limit: 1 }));
  const before = await sdk.send(new GetLogEventsCommand({ logGroupName: g, logStreamName: 's', limit: 1, nextToken: back.nextBackwardToken! }));
  t.equal(before.events?.length, 1, 'a backward token reads the page before');
  const filtered = await sdk.send(new FilterLogEventsCommand({ logGroupName: g, filterPattern: 'same', limit: 1 }));
  t.equal(filtered.events?.length, 1);
  t.ok(filtered.nextToken, 'one more page');
});

t.test('a batch filled to CloudWatch\'s 1 MiB (messages + 26 bytes each), as Docker\'s awslogs driver fills it, is accepted though its JSON is larger', async (t) => {
  const { sdk, g } = await sdkWithStream(t, 'full');
  const now = Date.now();
  // 99-byte lines: 8,388 of them count 1,048,500 bytes; their JSON is about 1.2 MB.
  const count = Math.floor(1_048_576 / (99 + 26));
  const logEvents = Array.from({ length: count }, (_, i) => ({ timestamp: now, message: String(i).padStart(99, '0') }));
  t.ok(JSON.stringify(logEvents).length > 1_048_576, 'the body is over 1 MiB');
  await sdk.send(new PutLogEventsCommand({ logGroupName: g, logStreamName: 's', logEvents }));
  const refused = await sdk.send(new PutLogEventsCommand({ logGroupName: g, logStreamName: 's', logEvents: [...logEvents, logEvents[0]!] })).then(() => undefined, (e: Error) => e);
  t.match(refused, { name: 'InvalidParameterException', message: /^Upload too large: 1048625 bytes exceeds limit of 1048576/ }, 'one more event is over CloudWatch\'s count');
  const first = await sdk.send(new GetLogEventsCommand({ logGroupName: g, logStreamName: 's', startFromHead: true, limit: 1 }));
  t.equal(first.events?.[0]?.message, '0'.repeat(99));
});
