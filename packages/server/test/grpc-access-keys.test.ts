// Access keys on gRPC (issue 16 §4), over TLS: a call signed with an access key is made by the key's user, on unary
// calls and on the WatchEvents stream; a wrong secret, an unknown or deleted key, a message other than the
// one signed, another method's signature and a signature outside the 5-minute window are refused with the
// AWS listener's error names. The secret never travels: the test reads every metadata value sent.
import t from 'tap';
import * as grpc from '@grpc/grpc-js';
import { BerthClient, callMetadata, channelCredentials, loadApiService, signGrpcCall, type CallRecord } from '@berth/api';
import { ECS_API, IAM_API, STS_API } from '@berth/core';
import { rejection, startTestServer, until, uniq } from './helpers.js';
import { userWithKey } from './aws-clients.js';

const records: CallRecord[] = [];
const ts = await startTestServer({ server: { insecure: false, observers: [(r) => void records.push(r)] } });
t.teardown(() => ts.close());
const tls = { caPem: ts.server.ca!.certPem };
const made = await userWithKey(ts.client, 'alice');
const key = { accessKeyId: made.id, secretAccessKey: made.secret };
const signed = new BerthClient(ts.server.addr, { tls, credentials: key });
t.teardown(() => signed.close());

t.test('a signed call is made by the key\'s user', async (t) => {
  const me = await signed.sts('GetCallerIdentity', {});
  t.match(me.Arn, /:user\/alice$/);
  const cluster = uniq('signed');
  await signed.call('CreateCluster', { clusterName: cluster });
  const rec = records.findLast((r) => r.call.action === 'CreateCluster');
  t.same(rec?.call.caller, { kind: 'access-key', accessKeyId: key.accessKeyId, userName: 'alice' });
});

t.test('the WatchEvents stream is signed too', async (t) => {
  const cluster = uniq('watched');
  await signed.call('CreateCluster', { clusterName: cluster });
  const stream = signed.watchEvents({ cluster });
  for await (const m of stream) if (m.caughtUp) break;
  stream.cancel();
  const opened = await until('the stream\'s opening record', () => records.find((r) => r.call.action === 'WatchEvents' && r.stream?.phase === 'open' && r.call.caller.kind === 'access-key'));
  t.same(opened.call.caller, { kind: 'access-key', accessKeyId: key.accessKeyId, userName: 'alice' });
});

t.test('refusals carry the AWS listener\'s names', async (t) => {
  const wrongSecret = new BerthClient(ts.server.addr, { tls, credentials: { ...key, secretAccessKey: 'x'.repeat(40) } });
  const unknown = new BerthClient(ts.server.addr, { tls, credentials: { accessKeyId: 'AKIA' + 'A'.repeat(16), secretAccessKey: key.secretAccessKey } });
  t.teardown(() => { wrongSecret.close(); unknown.close(); });
  t.equal((await rejection(wrongSecret.call('ListClusters', {}))).ecsName, 'InvalidSignatureException');
  t.equal((await rejection(unknown.call('ListClusters', {}))).ecsName, 'UnrecognizedClientException');
  const events = wrongSecret.watchEvents({ cluster: 'default' });
  const refused = await rejection((async () => { for await (const _ of events) break; })());
  t.equal(refused.ecsName, 'InvalidSignatureException', 'a stream with a bad signature is not opened');
});

/** One raw unary call of ECS's `action` with the given body and metadata. */
function raw(action: string, body: Buffer, md: grpc.Metadata): Promise<grpc.ServiceError | null> {
  const Ctor = loadApiService(ECS_API);
  const c = new Ctor(ts.server.addr, channelCredentials(tls));
  const def = Ctor.service[action]!;
  return new Promise((resolve) => c.makeUnaryRequest(def.path, (b: Buffer) => b, def.responseDeserialize, body, md, {}, (e) => {
    c.close();
    resolve(e);
  }));
}
const errorName = (e: grpc.ServiceError | null) => e?.metadata.get('ecs-error-type')[0];

t.test('a signature covers one message, one method, five minutes', async (t) => {
  const Ctor = loadApiService(ECS_API);
  const list = Ctor.service.ListClusters!;
  const body = list.requestSerialize({});
  t.equal(await raw('ListClusters', body, callMetadata(list.path, body, key)), null, 'as signed: accepted');
  const other = list.requestSerialize({ maxResults: 1 });
  t.not(other.toString('hex'), body.toString('hex'));
  t.equal(errorName(await raw('ListClusters', other, callMetadata(list.path, body, key))), 'InvalidSignatureException', 'another message');
  const describePath = Ctor.service.DescribeClusters!.path;
  t.equal(errorName(await raw('DescribeClusters', body, signGrpcCall(list.path, body, key))), 'InvalidSignatureException', 'another method\'s signature');
  t.not(describePath, list.path);
  const old = signGrpcCall(list.path, body, key, Date.now() - 6 * 60_000);
  const e = await raw('ListClusters', body, old);
  t.equal(errorName(e), 'InvalidSignatureException');
  t.match(e?.details, /Signature expired/, 'a replay after the window');
  t.equal(e?.code, grpc.status.UNAUTHENTICATED);
});

t.test('the secret never travels', async (t) => {
  const body = loadApiService(STS_API).service.GetCallerIdentity!.requestSerialize({});
  const md = signGrpcCall('/berth.aws.sts.v1.STS/GetCallerIdentity', body, key);
  const sent = Object.values(md.getMap()).map(String).join('\n');
  t.notMatch(sent, key.secretAccessKey);
  t.match(sent, key.accessKeyId);
});

t.test('a deleted key is unknown at once on the replica that deleted it', async (t) => {
  const extra = await userWithKey(ts.client, 'bob');
  const bob = new BerthClient(ts.server.addr, { tls, credentials: { accessKeyId: extra.id, secretAccessKey: extra.secret } });
  t.teardown(() => bob.close());
  t.match((await bob.sts('GetCallerIdentity', {})).Arn, /:user\/bob$/);
  await ts.client.callApi(IAM_API, 'DeleteAccessKey', { UserName: 'bob', AccessKeyId: extra.id });
  t.equal((await rejection(bob.sts('GetCallerIdentity', {}))).ecsName, 'UnrecognizedClientException');
});
