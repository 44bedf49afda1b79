// Scenario startup: how long the REAL berth-server and berth-agent processes take from spawn to ready, as an
// operator starts them (their bins executed themselves, with the Node options on their first line, the file store, loopback). Server ready: its
// "berth-server started" log line, written once every listener is up. Agent ready: the control plane
// reports its instance agentConnected (registered, session open), polled every 20 ms. Each is measured on
// a first start (server: a new store, CA and admin; agent: a join token, a new key and certificate) and on a
// restart (the store or ECS_DATADIR kept). The agent's control plane runs in this process (file store).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { FLEET_API } from '@berth/core';
import { startServerInProcess } from '../sim/server-process.mjs';
import { QUICK, ROOT, fmt, percentile, record, sleep } from './lib.mjs';

const RUNS = QUICK ? 2 : 5;
const say = (m) => process.stderr.write(`  [startup] ${m}\n`);

/** Spawns a bin; resolves with the ms from spawn until `ready` (polled or a log line), then stops it. */
async function timeToReady(bin, args, env, ready) {
  const t0 = performance.now();
  // Executed as an operator's system runs it: the bin itself, through its first line (Node and its options).
  const child = spawn(`${ROOT}${bin}`, args, { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((r) => child.on('exit', r));
  const lines = [];
  for (const s of [child.stdout, child.stderr]) createInterface({ input: s }).on('line', (l) => lines.push(l));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${bin} exited (${child.exitCode}): ${lines.slice(-5).join('\n')}`);
      if (await ready(lines)) return performance.now() - t0;
      if (performance.now() - t0 > 60_000) throw new Error(`${bin} not ready after 60 s: ${lines.slice(-5).join('\n')}`);
      await sleep(20);
    }
  } finally {
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(15_000)]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

const logged = (msg) => async (lines) => lines.some((l) => l.includes(`"msg":"${msg}"`));

// berth-server: a first start on a new store, then restarts on it.
const serverTimes = { first: [], restart: [] };
for (let i = 0; i < RUNS; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'berth-bench-startup-'));
  const args = ['--listen', '127.0.0.1:0', '--ecs-listen', '127.0.0.1:0', '--console-listen', 'off', '--metrics-listen', 'off', '--store', `file:${join(dir, 'berth.db')}`, '--bootstrap-config', join(dir, 'config.yaml')];
  try {
    serverTimes.first.push(await timeToReady('packages/server/bin/berth-server.js', args, {}, logged('berth-server started')));
    serverTimes.restart.push(await timeToReady('packages/server/bin/berth-server.js', args, {}, logged('berth-server started')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
say(`server: first start ${serverTimes.first.map((x) => fmt(x)).join(', ')} ms; restart ${serverTimes.restart.map((x) => fmt(x)).join(', ')} ms`);

// berth-agent: joins with a one-use token, then restarts on its kept data directory (its certificate).
const agentTimes = { first: [], restart: [] };
const dir = mkdtempSync(join(tmpdir(), 'berth-bench-startup-'));
const { server, client } = await startServerInProcess(dir);
try {
  const cluster = `bench-startup-${process.pid}`;
  await client.call('CreateCluster', { clusterName: cluster });
  for (let i = 0; i < RUNS; i++) {
    const env = { ECS_CLUSTER: cluster, BERTH_SERVER: server.addr, ECS_DATADIR: join(dir, `agent-${i}`), ECS_LOGLEVEL: 'warn', ECS_AGENT_CONFIG_FILE_PATH: join(dir, 'none.json'), BERTH_INTROSPECTION_ADDR: '127.0.0.1:0', BERTH_METRICS_ADDR: '127.0.0.1:0' };
    let arn;
    const connected = async () => {
      const l = await client.call('ListContainerInstances', { cluster, status: 'ACTIVE' });
      if (!l.containerInstanceArns?.length) return false;
      const d = await client.call('DescribeContainerInstances', { cluster, containerInstances: l.containerInstanceArns });
      const up = d.containerInstances.find((c) => c.agentConnected && (arn ? c.containerInstanceArn === arn : true));
      if (up) arn = up.containerInstanceArn;
      return Boolean(up);
    };
    const token = (await client.callApi(FLEET_API, 'CreateJoinToken', { cluster, uses: 1 })).token;
    agentTimes.first.push(await timeToReady('packages/agent/bin/berth-agent.js', [], { ...env, BERTH_JOIN_TOKEN: token }, connected));
    // The control plane sees the session go before the restart is timed.
    for (let w = 0; w < 500 && (await client.call('DescribeContainerInstances', { cluster, containerInstances: [arn] })).containerInstances[0].agentConnected; w++) await sleep(20);
    agentTimes.restart.push(await timeToReady('packages/agent/bin/berth-agent.js', [], env, connected));
    await client.call('DeregisterContainerInstance', { cluster, containerInstance: arn, force: true });
  }
} finally {
  client.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
say(`agent: first start ${agentTimes.first.map((x) => fmt(x)).join(', ')} ms; restart ${agentTimes.restart.map((x) => fmt(x)).join(', ')} ms`);

const row = (name, xs) => [name, xs.length, `**${fmt(percentile(xs, 50))}**`, fmt(Math.min(...xs)), fmt(Math.max(...xs))];
record('startup: berth-server and berth-agent, spawn to ready', ['process', 'runs', 'median ms', 'min ms', 'max ms'], [
  row('berth-server, first start (new store, CA, admin)', serverTimes.first),
  row('berth-server, restart (same store)', serverTimes.restart),
  row('berth-agent, first start (join token, new key and certificate)', agentTimes.first),
  row('berth-agent, restart (ECS_DATADIR kept)', agentTimes.restart),
], [
  `The real bins (packages/server/bin/berth-server.js, packages/agent/bin/berth-agent.js) executed themselves (Node ${process.version} with the options on their first line), loopback only. Server ready: its "berth-server started" log line (every listener up; file store, console and metrics listeners off). Agent ready: the control plane (in the bench's process, file store) reports its instance agentConnected, polled every 20 ms. ${RUNS} runs of each; x86_64 only (QEMU user emulation says nothing of a Pi's speed).`,
]);
