// Access keys and users' policies come from an informer rebuilt from the store's watch (informers/iam.ts),
// not from a cache with a lifetime: on two replicas of one etcd, a key deactivated or deleted, or a Deny
// put, through one replica is refused by the other on its next call once its watch has delivered the
// change (milliseconds; the old caches took up to 5 s, so each check first makes the other replica read
// what it will lose); the replica that made the change refuses at once. A watch lost to compaction
// relists and the informer follows the store again.
import t from 'tap';
import { BerthClient } from '@berth/api';
import { EtcdStore, startPrivateEtcd } from '@berth/store';
import { CuttableWatches } from './cuttable-watches.js';
import { IAM_API } from '@berth/core';
import { silentLogger } from '@berth/api';
import { clearEtcdNamespace, etcdNamespace, rejection, startTestServer, uniq, until } from './helpers.js';
import { userWithKey } from './aws-clients.js';
import { IamInformer } from '../src/informers/iam.js';
import { putUserOp, type UserRecord } from '../src/state/users.js';

const ns = etcdNamespace('iam-informer');
const a = await startTestServer({ etcdNamespace: ns });
const b = await startTestServer({ etcdNamespace: ns });
t.teardown(async () => {
  await a.close();
  await b.close();
  await clearEtcdNamespace(ns);
});
const tls = { caPem: a.server.ca!.certPem };
const DENY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'ecs:ListClusters', Resource: '*' }] });
/** The other replica's first refusal, tried every 20 ms for at most 3 s (less than the old caches' 5 s). */
const refusedSoon = async (f: () => Promise<unknown>) => until('a refusal on the other replica', async () => {
  try {
    await f();
    return false;
  } catch (e) {
    return e as { ecsName: string };
  }
}, 3_000, 20);

t.test('a key deactivated on one replica is refused by the other; reactivated, it works again', async (t) => {
  const user = uniq('ann');
  const k = await userWithKey(a.client, user);
  const onA = new BerthClient(a.server.addr, { tls, credentials: { accessKeyId: k.id, secretAccessKey: k.secret } });
  const onB = new BerthClient(b.server.addr, { tls, credentials: { accessKeyId: k.id, secretAccessKey: k.secret } });
  t.teardown(() => { onA.close(); onB.close(); });
  await onB.call('ListClusters', {});
  await a.client.callApi(IAM_API, 'UpdateAccessKey', { UserName: user, AccessKeyId: k.id, Status: 'Inactive' });
  t.equal((await rejection(onA.call('ListClusters', {}))).ecsName, 'UnrecognizedClientException', 'refused at once where it was changed');
  t.equal((await refusedSoon(() => onB.call('ListClusters', {}))).ecsName, 'UnrecognizedClientException', 'refused by the other replica');
  await b.client.callApi(IAM_API, 'UpdateAccessKey', { UserName: user, AccessKeyId: k.id, Status: 'Active' });
  await onB.call('ListClusters', {});
  await until('the key works on A again', async () => onA.call('ListClusters', {}).then(() => true, () => false), 3_000, 20);
});

t.test('a key deleted on one replica is refused by the other', async (t) => {
  const user = uniq('bob');
  const k = await userWithKey(a.client, user);
  const onB = new BerthClient(b.server.addr, { tls, credentials: { accessKeyId: k.id, secretAccessKey: k.secret } });
  t.teardown(() => onB.close());
  await onB.call('ListClusters', {});
  await a.client.callApi(IAM_API, 'DeleteAccessKey', { UserName: user, AccessKeyId: k.id });
  t.equal((await refusedSoon(() => onB.call('ListClusters', {}))).ecsName, 'UnrecognizedClientException');
});

t.test('a Deny put on one replica decides the other\'s next calls; deleted, it no longer does', async (t) => {
  const user = uniq('cat');
  const k = await userWithKey(a.client, user);
  const onB = new BerthClient(b.server.addr, { tls, credentials: { accessKeyId: k.id, secretAccessKey: k.secret } });
  t.teardown(() => onB.close());
  await onB.call('ListClusters', {});
  await a.client.callApi(IAM_API, 'PutUserPolicy', { UserName: user, PolicyName: 'no-list', PolicyDocument: DENY });
  const refused = await refusedSoon(() => onB.call('ListClusters', {}));
  t.equal(refused.ecsName, 'AccessDeniedException', 'the Deny decides on the other replica');
  await onB.call('DescribeClusters', { clusters: ['default'] });
  await a.client.callApi(IAM_API, 'DeleteUserPolicy', { UserName: user, PolicyName: 'no-list' });
  await until('allowed again on B', async () => onB.call('ListClusters', {}).then(() => true, () => false), 3_000, 20);
  await a.client.callApi(IAM_API, 'DetachUserPolicy', { UserName: user, PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
  t.equal((await refusedSoon(() => onB.call('ListClusters', {}))).ecsName, 'AccessDeniedException', 'a detached policy no longer allows');
});

t.test('a watch lost to compaction relists, and the informer follows the store again', async (t) => {
  const etcd = await startPrivateEtcd();
  const store = await EtcdStore.open([etcd.endpoint]);
  t.teardown(async () => {
    await store.close();
    await etcd.stop();
  });
  const cuttable = new CuttableWatches(store);
  const warnings: Record<string, unknown>[] = [];
  const informer = new IamInformer(cuttable.store, { ...silentLogger, warn: (msg, f) => void warnings.push({ msg, ...f }) });
  t.teardown(() => informer.stop());
  const rec = (userName: string, attachedPolicyArns: string[]): UserRecord => ({ userName, userId: 'AIDA' + 'X'.repeat(17), createDate: 0, accessKeyIds: [], attachedPolicyArns, inlinePolicyNames: [] });
  const put = (r: UserRecord) => store.txn({ compare: [], success: [putUserOp(r)] });
  await put(rec('dan', []));
  t.same((await informer.user('dan'))?.attachedPolicyArns, []);
  t.equal(informer.records.lists, 1);

  await cuttable.cut();
  await put(rec('dan', ['arn:aws:iam::aws:policy/ReadOnlyAccess']));
  await put(rec('eve', []));
  const { revision } = await store.txn({ compare: [], success: [putUserOp(rec('dan', ['arn:aws:iam::aws:policy/AdministratorAccess']))] });
  await store.compact(revision);
  t.same((await informer.user('dan'))?.attachedPolicyArns, [], 'cut off, the informer still holds what it saw');

  await cuttable.resume();
  await until('the relist', () => informer.records.lists === 2);
  const dan = await informer.user('dan');
  t.same(dan?.attachedPolicyArns, ['arn:aws:iam::aws:policy/AdministratorAccess'], 'relisted: the latest record');
  t.ok(await informer.user('eve'), 'a record written while cut off is there');
  await put(rec('fay', []));
  await until('the new watch delivers', async () => (await informer.user('fay')) !== undefined);
  t.match(warnings, [{ msg: /watch failed; relisting/, compacted: true }], 'etcd answered compacted to the resumed watch');
});
