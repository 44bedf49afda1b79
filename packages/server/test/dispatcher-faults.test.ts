// The agent stream when the store fails or a session ends mid-way, on a file store behind a simulated
// outage: a store failure during hello ends that session alone (UNAVAILABLE, the agent reconnects) and the
// server keeps serving; a session that closes while it awaits the store leaves no session key, lease or
// watch behind (no phantom agentConnected).
import t from 'tap';
import * as grpc from '@grpc/grpc-js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from '@berth/store';
import { sessionKey } from '../src/index.js';
import { StoreWithOutage } from './store-with-outage.js';
import { getInstance } from '../src/state/instances.js';
import { machineResources, startTestServer, uniq, until } from './helpers.js';
import { connectAgent, joinAgent } from './agent-stream.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-dispatcher-faults-'));
const inner = await FileStore.open(join(dir, 'berth.db'));
const outage = new StoreWithOutage(inner);
const ts = await startTestServer({ server: { store: outage.store } });
const { server, client } = ts;
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);
process.on('unhandledRejection', onUnhandled);
t.teardown(async () => {
  process.off('unhandledRejection', onUnhandled);
  outage.recover();
  await ts.close();
  await inner.close();
  rmSync(dir, { recursive: true, force: true });
});

const cluster = uniq('faults');
await client.call('CreateCluster', { clusterName: cluster });
// Joined as a real agent: its streams present the certificate the join gave it.
const joined = await joinAgent(server, client, cluster, machineResources(1024, 1024));
const connect = () => connectAgent(server.addr, joined.tls);
const instanceArn = joined.containerInstanceArn;
const instanceId = instanceArn.split('/').pop()!;
const hello = { hello: { protocolVersion: 1, cluster, containerInstanceArn: instanceArn } };

t.test('a store failure during hello fails that session alone, with UNAVAILABLE; the server keeps serving', async (t) => {
  outage.fail();
  const c = connect();
  c.send(hello);
  const s = await c.status;
  t.equal(s.code, grpc.status.UNAVAILABLE);
  t.match(s.details, /store is unavailable .*simulated outage.*; reconnect/);
  outage.recover();
  t.ok((await client.call('ListClusters', {})).clusterArns!.some((a) => a.endsWith(`/${cluster}`)), 'the server still answers');
  const again = connect();
  again.send(hello);
  t.ok('welcome' in (await again.next()), 'a new session starts once the store is back');
  // The watches the outage ended came back too: the connect is recorded on the instance.
  await until('the connect recorded', async () => (await getInstance(inner, cluster, instanceId))?.value.instance.agentConnected === true);
  again.cancel();
  await again.status;
  await until('the session is gone', () => server.dispatcher.size === 0);
  t.same(unhandled, [], 'no unhandled rejection');
});

t.test('a stream cancelled while its session awaits the lease leaves no session key and no lease', async (t) => {
  const release = outage.hold('grantLease');
  const leasesBefore = outage.liveLeases.size;
  const c = connect();
  c.send(hello);
  await until('the session awaits its lease', () => server.dispatcher.size === 1);
  c.cancel();
  await c.status;
  release();
  await until('the session is gone', () => server.dispatcher.size === 0);
  t.equal(await inner.get(sessionKey(instanceId)), null, 'no phantom agentConnected');
  t.equal(outage.liveLeases.size, leasesBefore, 'the lease granted after the close was revoked');
  t.same(unhandled, []);
});

t.test('a stream cancelled while the dispatcher sets up its assignment watch leaves no watch open', async (t) => {
  // Assignment watches only: the server's informers reopen theirs after the outage above in their own time.
  const watchesBefore = outage.openWatchesOf('/assignments/');
  const assignmentWatches = () => outage.setUpPrefixes.filter((p) => p.includes('/assignments/')).length;
  const setUpBefore = assignmentWatches();
  const release = outage.hold('watch', (prefix) => prefix.includes('/assignments/'));
  const c = connect();
  c.send(hello);
  t.ok('welcome' in (await c.next()));
  // The session reads its full set once the assignment watch runs: it waits on the held watch.
  await until('the assignment watch is being set up', () => outage.held('watch') > 0);
  c.cancel();
  await c.status;
  release();
  await until('the session is gone', () => server.dispatcher.size === 0);
  await until('the held watch was set up', () => assignmentWatches() > setUpBefore);
  t.equal(outage.openWatchesOf('/assignments/'), watchesBefore, 'the watch set up after the close was cancelled');
  t.equal(await inner.get(sessionKey(instanceId)), null);
  t.same(unhandled, []);
});
