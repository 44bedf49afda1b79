// Scenario api-latency: p50/p99 of RunTask, DescribeTasks and ListTasks at a fixed offered load, open
// loop (requests go out on a schedule whatever the answers do, and latency counts from the scheduled
// time, so a slow server cannot slow the load down and hide its own queueing), against a cluster of
// SIMULATED instances (test/sim) already holding a few thousand RUNNING tasks. The control plane runs
// in a child process (startServer, as berth-server); the fleet and the load generator in this one.
//   BENCH_API_RPS (default 50 per action), BENCH_API_SECONDS (default 30, QUICK 10),
//   BENCH_API_ACTIONS=RunTask,DescribeTasks,ListTasks (default all three)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthClient } from '@berth/api';
import { startServerProcess } from '../sim/server-process.mjs';
import { startSimulatedFleet } from '../sim/simulated-fleet.mjs';
import { QUICK, cpuPercent, fmt, percentile, pool, record, sleep } from './lib.mjs';

const INSTANCES = QUICK ? 20 : 200;
const PRELOAD = QUICK ? 300 : 3000;
const RPS = Number(process.env.BENCH_API_RPS ?? 50);
const SECONDS = Number(process.env.BENCH_API_SECONDS ?? (QUICK ? 10 : 30));
const DESCRIBE_N = 10;
const LIST_PAGE = 100;
const say = (m) => process.stderr.write(`  [api-latency] ${m}\n`);

const dir = mkdtempSync(join(tmpdir(), 'berth-bench-api-'));
const server = await startServerProcess({ store: `file:${join(dir, 'berth.db')}`, profileName: 'api-latency' });
const client = new BerthClient(server.addr, { deadlineMs: 60_000 });
const cluster = `bench-api-${process.pid}-${Date.now().toString(36)}`;
let fleet;
try {
  await client.call('CreateCluster', { clusterName: cluster });
  await client.call('RegisterTaskDefinition', { family: cluster, containerDefinitions: [{ name: 'c', image: 'berth-test/busybox:latest', cpu: 8, memory: 16 }] });
  fleet = await startSimulatedFleet({ addr: server.addr, cluster, size: INSTANCES, startLatencyMs: 100 });
  if ((await fleet.waitConnected(INSTANCES, 60_000)) < INSTANCES) throw new Error('simulated agents did not all connect');

  // The cluster's standing load: PRELOAD tasks, all RUNNING before the measurement starts.
  const known = [];
  await pool([...Array(PRELOAD / 10).keys()], 8, async () => {
    const r = await client.call('RunTask', { cluster, taskDefinition: cluster, count: 10 });
    known.push(...r.tasks.map((t) => t.taskArn));
  });
  for (let i = 0; i < 1200 && fleet.statusCounts().runningAcked < known.length; i++) await sleep(50);
  say(`${INSTANCES} simulated instances, ${known.length} tasks placed, ${fleet.statusCounts().runningAcked} RUNNING`);

  const pick = () => known[Math.floor(Math.random() * known.length)];
  const actions = {
    RunTask: () => client.call('RunTask', { cluster, taskDefinition: cluster, count: 1 }).then((r) => {
      for (const t of r.tasks) known.push(t.taskArn);
      if (r.failures.length) throw new Error(`placement failed: ${r.failures[0].reason}`);
    }),
    DescribeTasks: () => client.call('DescribeTasks', { cluster, tasks: Array.from({ length: DESCRIBE_N }, pick) }),
    ListTasks: () => client.call('ListTasks', { cluster, maxResults: LIST_PAGE }),
  };
  const names = Object.keys(actions).filter((n) => !process.env.BENCH_API_ACTIONS || process.env.BENCH_API_ACTIONS.split(',').includes(n));
  const lat = Object.fromEntries(names.map((n) => [n, []]));
  const errors = Object.fromEntries(names.map((n) => [n, []]));
  const lag = [];
  const interval = 1000 / RPS;
  const total = Math.round(SECONDS * RPS);
  const inflight = new Set();
  const s0 = await server.stats();
  const t0 = performance.now() + 20;
  const next = Object.fromEntries(names.map((n) => [n, 0]));
  // The schedule: request k of action j at t0 + k * interval + j * interval / 3 (the actions interleave).
  for (;;) {
    const now = performance.now();
    let pending = false;
    names.forEach((n, j) => {
      while (next[n] < total) {
        const due = t0 + next[n] * interval + (j * interval) / names.length;
        if (due > now) {
          pending = true;
          break;
        }
        next[n]++;
        lag.push(now - due);
        const p = actions[n]().then(
          () => lat[n].push(performance.now() - due),
          (e) => errors[n].push(e.message),
        );
        inflight.add(p);
        void p.finally(() => inflight.delete(p));
      }
    });
    if (!pending) break;
    await sleep(1);
  }
  const issuedMs = performance.now() - t0;
  await Promise.all([...inflight]);
  const wallMs = performance.now() - t0;
  const s1 = await server.stats();
  say(`${total * names.length} requests issued over ${fmt(issuedMs / 1000, 1)} s, all answered after ${fmt(wallMs / 1000, 1)} s; server CPU ${fmt(cpuPercent(s0.cpu, s1.cpu, wallMs))}%`);

  const rows = names.map((n) => [
    n === 'DescribeTasks' ? `DescribeTasks (${DESCRIBE_N} tasks)` : n === 'ListTasks' ? `ListTasks (first page, maxResults ${LIST_PAGE})` : 'RunTask (count=1)',
    RPS, lat[n].length + errors[n].length,
    fmt(percentile(lat[n], 50), 1), `**${fmt(percentile(lat[n], 99), 1)}**`, fmt(Math.max(...lat[n]), 1),
    errors[n].length ? `${errors[n].length} (${errors[n][0]})` : '0',
  ]);
  record('api-latency: open-loop p50/p99 against a SIMULATED fleet', ['action', 'offered req/s', 'requests', 'p50 ms', 'p99 ms', 'max ms', 'errors'], rows, [
    `Open loop: each action at a fixed ${RPS} req/s for ${SECONDS} s (${RPS * names.length} req/s in all), latency from the scheduled send time (no coordinated omission); the load generator's own scheduling lag p99 ${fmt(percentile(lag, 99), 1)} ms. Server CPU ${fmt(cpuPercent(s0.cpu, s1.cpu, wallMs))}% of one core.`,
    `Cluster: ${INSTANCES} SIMULATED instances (test/sim: the real agent session code, a simulated runtime starting tasks in 100 ms ± 50%) holding ${PRELOAD} RUNNING tasks before the run, about ${PRELOAD + RPS * SECONDS} at its end (RunTask adds one each call; the agents' PENDING/RUNNING reports are part of the load). File store; control plane in a child process.`,
    'Target: mutating API p99 ≤ 1 s (Kubernetes SLO at 5,000 nodes; RunTask is the mutating call here). Kubernetes reads: p99 ≤ 1 s for one object, ≤ 30 s for cluster-wide lists.',
  ]);
} finally {
  await fleet?.stop();
  client.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
