// A failover in the middle of RunTask duplicates no task. Two servers on one store; the client reaches the
// first through a TCP relay of the test's own. The first executes RunTask, then the relay drops the
// connection before the answer leaves (an observer of the hook chain, which runs after the handler
// committed), as when a server dies mid-call: the client sees UNAVAILABLE for a request that was executed
// and retries on the second server. The client filled RunTask's clientToken (the model's idempotencyToken)
// once for the logical call, so the second server answers the first one's tasks instead of starting more.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { BerthClient, silentLogger, type CallRecord } from '@berth/api';
import { openStore } from '@berth/store';
import { startServer, sessionKey, type RunningServer } from '../src/index.js';
import { tasksOf, uniq } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-failover-'));
const store = await openStore(`file:${join(dir, 'berth.db')}`);
const relayed = new Set<Socket>();
let firstPort = 0;
/** The test's TCP relay to the first server: cut() drops every connection through it, as a dying server would. */
const relay = createServer((inbound) => {
  const outbound = connect(firstPort, '127.0.0.1');
  for (const s of [inbound, outbound]) {
    relayed.add(s);
    s.on('error', () => {});
    s.once('close', () => { relayed.delete(s); inbound.destroy(); outbound.destroy(); });
  }
  inbound.pipe(outbound);
  outbound.pipe(inbound);
});
await new Promise<void>((r) => relay.listen(0, '127.0.0.1', () => r()));
const runTasksOnFirst: CallRecord[] = [];
/** Right after the first server executed RunTask, before its answer is sent: the connection drops. */
const cutOff = (r: CallRecord) => {
  if (r.call.action !== 'RunTask' || r.error) return;
  runTasksOnFirst.push(r);
  for (const s of relayed) s.destroy();
};
const first: RunningServer = await startServer({ insecure: true, listen: '127.0.0.1:0', store, log: silentLogger, observers: [cutOff] });
firstPort = first.port;
const second = await startServer({ insecure: true, listen: '127.0.0.1:0', store, log: silentLogger });
const relayPort = (relay.address() as { port: number }).port;
const client = new BerthClient([`127.0.0.1:${relayPort}`, second.addr]);
t.teardown(async () => {
  client.close();
  relay.close();
  for (const s of relayed) s.destroy();
  await first.close();
  await second.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

t.test('RunTask retried on the second server after the first executed it: one task, not two', async (t) => {
  const cluster = uniq('failover');
  const admin = new BerthClient(second.addr);
  t.teardown(() => admin.close());
  await admin.call('CreateCluster', { clusterName: cluster });
  const family = uniq('td');
  await admin.call('RegisterTaskDefinition', { family, containerDefinitions: [{ name: 'a', image: 'berth-test/busybox:latest', memory: 8 }] });
  const { containerInstance } = await admin.call('RegisterContainerInstance', {
    cluster,
    totalResources: [{ name: 'CPU', type: 'INTEGER', integerValue: 1024 }, { name: 'MEMORY', type: 'INTEGER', integerValue: 1024 }],
  });
  await store.put(sessionKey(containerInstance!.containerInstanceArn!.split('/').pop()!), JSON.stringify({ sessionId: 'sim' }));

  const res = await client.call('RunTask', { cluster, taskDefinition: family });
  t.equal(runTasksOnFirst.length, 1, 'the first server executed it');
  t.equal(res.tasks?.length, 1, 'the answer (from the second server) has the task');
  const stored = await tasksOf(store, cluster);
  t.equal(stored.length, 1, 'one task in the store');
  t.equal(stored[0]?.task.taskArn, res.tasks?.[0]?.taskArn, 'the one the first server started');
});
