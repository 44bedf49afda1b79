// A quick self-check of the SIMULATED fleet against a real control plane (in process, file store):
// injected start failures end STOPPED with the simulated reason, StopTask reaches the simulated engine
// and the task ends STOPPED, a session that drops reconnects and resends what was not acknowledged, and
// nothing is started twice. `node test/sim/check-simulator.mjs` (exit 1 on a failed check).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@berth/server';
import { AgentSession } from '@berth/agent';
import { startSimulatedFleet } from './simulated-fleet.mjs';
import { startServerInProcess } from './server-process.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(what, fn, timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'berth-sim-check-'));
const { server, client } = await startServerInProcess(dir, { agents: { heartbeatPeriodMs: 1000 } });
const cluster = 'sim-check';
let fleet;
try {
  await client.call('CreateCluster', { clusterName: cluster });
  await client.call('RegisterTaskDefinition', { family: 'sim', containerDefinitions: [{ name: 'a', image: 'simulated', memory: 16 }, { name: 'b', image: 'simulated', memory: 16 }] });
  fleet = await startSimulatedFleet({ addr: server.addr, client, cluster, size: 10, startLatencyMs: 50, failureRate: 0.3 });
  assert.equal(await fleet.waitConnected(10, 10_000), 10);
  assert.equal(server.dispatcher.size, 10);
  const d0 = await client.call('DescribeContainerInstances', { cluster, containerInstances: fleet.instances.map((x) => x.arn) });
  assert.ok(d0.containerInstances.every((c) => c.agentConnected && c.attributes.some((a) => a.name === 'berth.simulated')));

  const arns = [];
  for (let i = 0; i < 5; i++) arns.push(...(await client.call('RunTask', { cluster, taskDefinition: 'sim', count: 10 })).tasks.map((t) => t.taskArn));
  const settled = await until('every task RUNNING or STOPPED', async () => {
    const { tasks } = await client.call('DescribeTasks', { cluster, tasks: arns });
    return tasks.every((t) => t.lastStatus === 'RUNNING' || t.lastStatus === 'STOPPED') && tasks;
  });
  const failed = settled.filter((t) => t.lastStatus === 'STOPPED');
  assert.equal(failed.length, fleet.ledger.counts.failed, 'every injected failure shows as a STOPPED task');
  assert.ok(failed.length > 0 && failed.length < 50, `some but not all of 50 fail at 30% (${failed.length})`);
  for (const t of failed) assert.match(t.containers[0].reason ?? t.stoppedReason ?? '', /simulated/);
  for (const t of settled.filter((x) => x.lastStatus === 'RUNNING')) assert.ok(t.containers.every((c) => c.lastStatus === 'RUNNING' && c.runtimeId));

  // StopTask reaches the engine through the assignment watch.
  const victim = settled.find((t) => t.lastStatus === 'RUNNING').taskArn;
  await client.call('StopTask', { cluster, task: victim, reason: 'check' });
  await until('the stopped task STOPPED', async () => (await client.call('DescribeTasks', { cluster, tasks: [victim] })).tasks[0].lastStatus === 'STOPPED');

  // A new session of the same instance (as after an agent restart) gets the full set; nothing restarts.
  const x = fleet.instances[0];
  const full = x.engine.fullBatches;
  await x.session.stop();
  x.session = new AgentSession({ servers: [server.addr], tls: x.tls, hello: { cluster, containerInstanceArn: x.arn }, engine: x.engine, log: silentLogger });
  x.engine.onReport = (r) => x.session.report(r);
  x.session.start();
  await until('the session back', () => x.session.connected && x.engine.fullBatches > full);
  assert.equal(fleet.ledger.doubleStarts().length, 0, 'no task started twice');
  assert.deepEqual(fleet.ledger.anomalies, []);
  assert.equal(fleet.ledger.starts.size, 50);
  console.log(`simulator self-check passed: 50 tasks, ${failed.length} simulated start failures, StopTask and a reconnect, no double start`);
} finally {
  await fleet?.stop();
  client.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
