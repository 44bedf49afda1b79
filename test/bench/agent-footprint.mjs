// Scenario agent-footprint: RSS and CPU of a REAL berth-agent process (packages/agent/bin/berth-agent.js,
// real dockerd, real containers) connected to an in-process control plane (file store): idle with no
// tasks, while starting 20 tasks, then idle with the 20 tasks running. Sampled once a second from
// /proc/PID/stat (utime + stime) and /proc/PID/status (VmRSS, VmHWM, Threads). Its containers are
// removed afterwards.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FLEET_API } from '@berth/core';
import { startServerInProcess } from '../sim/server-process.mjs';
import { QUICK, ROOT, describeAllTasks, fmt, record, sleep } from './lib.mjs';

const IDLE_S = QUICK ? 5 : 20;
const TASKS = QUICK ? 5 : 20;
const IMAGE = 'berth-test/busybox:latest';
const CMD = ['/bin/sh', '-c', "trap 'exit 0' TERM; while true; do sleep 1; done"];
const say = (m) => process.stderr.write(`  [footprint] ${m}\n`);
const docker = (...a) => execFileSync('docker', a, { encoding: 'utf8' }).trim();
let TICK = 100;
try {
  TICK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {}

/** One reading of the process: CPU seconds so far, RSS and its peak (MiB), threads. */
function readProc(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return {
    at: performance.now(),
    cpuS: (Number(f[11]) + Number(f[12])) / TICK, // utime, stime (fields 14 and 15)
    rssMiB: kb('VmRSS') / 1024,
    hwmMiB: kb('VmHWM') / 1024,
    threads: Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? NaN),
  };
}

/** Samples every second for `seconds`: RSS mean and max, CPU % of one core over the window. */
async function sample(pid, seconds) {
  const xs = [readProc(pid)];
  for (let i = 0; i < seconds; i++) {
    await sleep(1000);
    xs.push(readProc(pid));
  }
  return summarize(xs);
}

function summarize(xs) {
  const a = xs[0], b = xs[xs.length - 1];
  const rss = xs.map((x) => x.rssMiB);
  return {
    seconds: (b.at - a.at) / 1000,
    rssMean: rss.reduce((s, v) => s + v, 0) / rss.length,
    rssMax: Math.max(...rss),
    rssEnd: b.rssMiB,
    hwm: b.hwmMiB,
    cpuPct: (100 * (b.cpuS - a.cpuS)) / ((b.at - a.at) / 1000),
    cpuS: b.cpuS - a.cpuS,
    threads: b.threads,
  };
}

// For scale: a Node process of the same version doing nothing (what any Node agent starts from).
const bare = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
await sleep(1000);
const bareNode = await sample(bare.pid, 2);
bare.kill('SIGKILL');

const dir = mkdtempSync(join(tmpdir(), 'berth-bench-footprint-'));
const { server, client } = await startServerInProcess(dir);
const cluster = `bench-footprint-${process.pid}`;
await client.call('CreateCluster', { clusterName: cluster });
const agent = spawn(process.execPath, [`${ROOT}packages/agent/bin/berth-agent.js`], {
  // The agent joins as a real one does: a one-use token, then its own certificate.
  env: { PATH: process.env.PATH, BERTH_JOIN_TOKEN: (await client.callApi(FLEET_API, 'CreateJoinToken', { cluster, uses: 1 })).token, ECS_CLUSTER: cluster, BERTH_SERVER: server.addr, ECS_DATADIR: join(dir, 'agent'), ECS_IMAGE_PULL_BEHAVIOR: 'prefer-cached', ECS_CONTAINER_STOP_TIMEOUT: '2s', ECS_LOGLEVEL: 'warn', ECS_AGENT_CONFIG_FILE_PATH: join(dir, 'none.json') },
  stdio: 'inherit',
});
const agentExit = new Promise((r) => agent.on('exit', r));
try {
  const t0 = performance.now();
  for (;;) {
    if (agent.exitCode !== null || agent.signalCode !== null) throw new Error(`berth-agent exited (${agent.exitCode ?? agent.signalCode})`);
    const l = await client.call('ListContainerInstances', { cluster });
    if (l.containerInstanceArns?.length) {
      const d = await client.call('DescribeContainerInstances', { cluster, containerInstances: l.containerInstanceArns });
      if (d.containerInstances?.[0]?.agentConnected) break;
    }
    await sleep(100);
  }
  const startup = readProc(agent.pid);
  say(`agent pid ${agent.pid} connected after ${fmt(performance.now() - t0)} ms, RSS ${fmt(startup.rssMiB, 1)} MiB`);
  await sleep(2000); // let start-up work settle before calling it idle
  const idle = await sample(agent.pid, IDLE_S);
  say(`idle: RSS ${fmt(idle.rssMean, 1)} MiB, CPU ${fmt(idle.cpuPct, 2)}%`);

  await client.call('RegisterTaskDefinition', { family: cluster, containerDefinitions: [{ name: 'c', image: IMAGE, memory: 16, command: CMD }] });
  const before = readProc(agent.pid);
  const arns = [];
  for (let left = TASKS; left > 0; left -= 10) {
    const r = await client.call('RunTask', { cluster, taskDefinition: cluster, count: Math.min(10, left) });
    if (r.failures?.length) throw new Error(`RunTask failed: ${r.failures[0].reason}`);
    arns.push(...r.tasks.map((t) => t.taskArn));
  }
  for (let i = 0; ; i++) {
    const d = await describeAllTasks(client, cluster, arns);
    const stopped = d.tasks.filter((t) => t.lastStatus === 'STOPPED');
    if (stopped.length) throw new Error(`a task stopped: ${stopped[0].stoppedReason}`);
    if (d.tasks.every((t) => t.lastStatus === 'RUNNING')) break;
    if (i > 600) throw new Error('tasks not RUNNING after 60 s');
    await sleep(100);
  }
  const starting = summarize([before, readProc(agent.pid)]);
  say(`${TASKS} tasks RUNNING after ${fmt(starting.seconds, 1)} s; agent CPU ${fmt(starting.cpuS, 2)} s`);
  await sleep(2000);
  const busy = await sample(agent.pid, IDLE_S);
  say(`${TASKS} tasks: RSS ${fmt(busy.rssMean, 1)} MiB, CPU ${fmt(busy.cpuPct, 2)}%`);

  const row = (name, s) => [name, fmt(s.seconds, 1), `**${fmt(s.rssMean, 1)}**`, fmt(s.rssMax, 1), fmt(s.rssEnd, 1), fmt(s.hwm, 1), fmt(s.cpuPct, 2), fmt(s.cpuS, 2), s.threads];
  record('agent-footprint: a real berth-agent, idle and with running tasks', ['phase', 'seconds', 'RSS mean MiB', 'RSS max MiB', 'RSS at end MiB', 'peak RSS (VmHWM) MiB', 'CPU % of one core', 'CPU s', 'threads'], [
    row('idle, no tasks', idle),
    row(`starting ${TASKS} tasks (RunTask → all RUNNING)`, starting),
    row(`idle, ${TASKS} tasks running`, busy),
    row('for scale: a bare `node -e` process doing nothing', bareNode),
  ], [
    `A real berth-agent process (packages/agent/bin/berth-agent.js, Node ${process.version}) with the real dockerd (image ${IMAGE}, prefer-cached, busybox sh loops), connected to an in-process control plane on the file store (heartbeat every 10 s, the default). Sampled every second from /proc/PID/stat and /proc/PID/status after 2 s of settling; start-up RSS ${fmt(startup.rssMiB, 1)} MiB.`,
    'Target: an idle agent at most 60 MiB RSS (issue 25).',
  ]);
} finally {
  const tk = performance.now();
  agent.kill('SIGTERM');
  await Promise.race([agentExit, new Promise((r) => setTimeout(r, 15_000).unref())]);
  say(`agent stopped in ${fmt(performance.now() - tk)} ms`);
  if (agent.exitCode === null) agent.kill('SIGKILL');
  try {
    const left = docker('ps', '-aq', '--filter', `label=com.amazonaws.ecs.cluster=${cluster}`);
    if (left) docker('rm', '-f', ...left.split('\n'));
  } catch (e) {
    say(`container cleanup failed: ${e.message}`);
  }
  client.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
