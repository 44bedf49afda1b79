// Scenario placement-throughput: a SIMULATED fleet (test/sim: the real agent session code, a simulated
// container runtime) of 1,000 instances; 10,000 tasks by RunTask count=10 from a few concurrent callers.
// Placements per second over the RunTask phase, then the time until every task is RUNNING as the
// control plane records it (createdAt -> startedAt). On the file store and on etcd. The control plane
// runs in a child process (test/sim/server-child.mjs: startServer, as berth-server), the fleet and the
// callers in this one.
//   BENCH_ETCD=etcd://HOST:PORT (default etcd://127.0.0.1:2379; "off" skips etcd)
//   BENCH_PLACEMENT_LIMIT_S: cap of each RunTask phase (default 150 s, QUICK 60 s), so `make bench`
//     stays within its 15 minutes however slow the server is; a capped run says so in its table
//   BENCH_CPU_PROF=DIR: run the server child under node --cpu-prof, profiles written to DIR (and
//     summarised in the notes)
//   BENCH_STORES=file,etcd: which stores to run; BENCH_PLACEMENT_IN_FLIGHT: concurrent RunTask calls (12)
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthClient } from '@berth/api';
import { startServerProcess } from '../sim/server-process.mjs';
import { startSimulatedFleet } from '../sim/simulated-fleet.mjs';
import { deleteClusterKeys, storeReachable } from '../sim/store-cleanup.mjs';
import { summarizeProfile } from '../sim/cpu-profile.mjs';
import { QUICK, cpuPercent, describeAllTasks, fmt, percentile, record, sleep } from './lib.mjs';

const INSTANCES = QUICK ? 100 : 1000;
const TASKS = QUICK ? 1000 : 10_000;
const BATCH = 10;
const IN_FLIGHT = Number(process.env.BENCH_PLACEMENT_IN_FLIGHT ?? 12);
const START_LATENCY_MS = 100;
const LIMIT_S = Number(process.env.BENCH_PLACEMENT_LIMIT_S ?? (QUICK ? 60 : 150));
const RUNNING_WAIT_S = QUICK ? 60 : 90;
const ETCD = process.env.BENCH_ETCD ?? 'etcd://127.0.0.1:2379';
const PROF_DIR = process.env.BENCH_CPU_PROF;
const STORES = (process.env.BENCH_STORES ?? 'file,etcd').split(',');
const TARGET = { file: 3000, etcd: 1500 };
/** The etcd process serving ETCD on this machine (its CPU is part of the etcd run's cost), if found. */
function etcdPid() {
  const port = /:(\d+)/.exec(ETCD)?.[1] ?? '2379';
  for (const d of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() !== 'etcd') continue;
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
      const urls = cmd.find((a, i) => cmd[i - 1] === '--listen-client-urls' || a.startsWith('--listen-client-urls='));
      if (!urls ? port === '2379' : urls.includes(`:${port}`)) return Number(d);
    } catch {}
  }
  return undefined;
}
const TICK = 100; // USER_HZ on Linux
const procCpu = (pid) => {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return { user: (Number(f[11]) * 1e6) / TICK, system: (Number(f[12]) * 1e6) / TICK };
  } catch {
    return undefined;
  }
};
/** etcd's backend size (bytes), via its JSON gateway; undefined when not available. */
async function etcdDbSize() {
  try {
    const host = ETCD.replace('etcd://', '').split(',')[0];
    const r = await fetch(`http://${host}/v3/maintenance/status`, { method: 'POST', body: '{}', signal: AbortSignal.timeout(3000) });
    return Number((await r.json()).dbSize) || undefined;
  } catch {
    return undefined;
  }
}
const say = (m) => process.stderr.write(`  [placement] ${m}\n`);

let etcdGrowth;

async function runOn(kind) {
  const dir = mkdtempSync(join(tmpdir(), 'berth-bench-placement-'));
  const storeUrl = kind === 'file' ? `file:${join(dir, 'berth.db')}` : ETCD;
  const cluster = `bench-placement-${kind}-${process.pid}-${Date.now().toString(36)}`;
  const dbBefore = kind === 'etcd' ? await etcdDbSize() : undefined;
  const server = await startServerProcess({ store: storeUrl, profileName: `placement-${kind}` });
  const client = new BerthClient(server.addr, { deadlineMs: 120_000 });
  let fleet;
  try {
    await client.call('CreateCluster', { clusterName: cluster });
    // 10 tasks per instance: 80 CPU units and 160 MiB of a simulated 4096-unit, 8192-MiB machine.
    await client.call('RegisterTaskDefinition', { family: cluster, containerDefinitions: [{ name: 'c', image: 'berth-test/busybox:latest', cpu: 8, memory: 16 }] });
    let t = performance.now();
    fleet = await startSimulatedFleet({ addr: server.addr, cluster, size: INSTANCES, startLatencyMs: START_LATENCY_MS });
    const registerMs = performance.now() - t;
    t = performance.now();
    const connected = await fleet.waitConnected(INSTANCES, 120_000);
    const connectMs = performance.now() - t;
    say(`${kind}: ${INSTANCES} simulated instances registered in ${fmt(registerMs / 1000, 1)} s, ${connected} connected in ${fmt(connectMs / 1000, 1)} s`);
    if (connected < INSTANCES) throw new Error(`only ${connected} of ${INSTANCES} simulated agents connected`);

    // RunTask phase: IN_FLIGHT callers, each issuing RunTask count=10 until TASKS are asked for.
    const placed = []; // { arn, createdAt }
    const failures = new Map();
    const latencies = [];
    const errors = [];
    let issued = 0;
    let capped = false;
    const calls = TASKS / BATCH;
    const ePid = kind === 'etcd' ? etcdPid() : undefined;
    const e0 = ePid && procCpu(ePid);
    const s0 = await server.stats();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const deadline = t0 + LIMIT_S * 1000;
    await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
      while (issued < calls) {
        if (performance.now() > deadline) {
          capped = true;
          return;
        }
        issued++;
        const a = performance.now();
        try {
          const r = await client.call('RunTask', { cluster, taskDefinition: cluster, count: BATCH });
          latencies.push(performance.now() - a);
          for (const task of r.tasks) placed.push({ arn: task.taskArn, createdAt: task.createdAt });
          for (const f of r.failures) failures.set(f.reason, (failures.get(f.reason) ?? 0) + 1);
        } catch (e) {
          errors.push(e.message);
        }
      }
    }));
    const phaseMs = performance.now() - t0;
    const s1 = await server.stats();
    const c1 = process.cpuUsage();
    const e1 = ePid && procCpu(ePid);
    const etcdCpu = e0 && e1 ? `${fmt(cpuPercent(e0, e1, phaseMs))}%` : kind === 'etcd' ? '?' : '-';
    const rate = (placed.length / phaseMs) * 1000;
    say(`${kind}: ${placed.length} tasks placed in ${fmt(phaseMs / 1000, 1)} s = ${fmt(rate)} /s${capped ? ' (CAPPED)' : ''}; server CPU ${fmt(cpuPercent(s0.cpu, s1.cpu, phaseMs))}%, fleet+callers CPU ${fmt(cpuPercent(c0, c1, phaseMs))}%, etcd CPU ${etcdCpu}`);

    // Until every placed task is RUNNING in the simulated engines (and the report acknowledged).
    const runEnd = performance.now() + RUNNING_WAIT_S * 1000;
    while (performance.now() < runEnd) {
      const c = fleet.statusCounts();
      if (c.runningAcked + fleet.ledger.counts.failed >= placed.length) break;
      await sleep(50);
    }
    // ...and as the control plane recorded it.
    const d = await describeAllTasks(client, cluster, placed.map((p) => p.arn));
    const running = d.tasks.filter((x) => x.lastStatus === 'RUNNING' && x.startedAt !== undefined);
    const startLat = running.map((x) => (x.startedAt - x.createdAt) * 1000);
    const firstCreated = Math.min(...d.tasks.map((x) => x.createdAt));
    const allRunningS = running.length ? Math.max(...running.map((x) => x.startedAt)) - firstCreated : NaN;
    const doubles = fleet.ledger.doubleStarts();
    const notRunning = d.tasks.length - running.length;
    say(`${kind}: ${running.length}/${placed.length} RUNNING; all RUNNING ${fmt(allRunningS, 1)} s after the first createdAt; p99 ${fmt(percentile(startLat, 99))} ms`);
    const problems = [
      ...(errors.length ? [`${errors.length} RunTask errors (first: ${errors[0]})`] : []),
      ...[...failures].map(([r, n]) => `${n} placement failures ${r}`),
      ...(doubles.length ? [`${doubles.length} tasks STARTED TWICE`] : []),
      ...(notRunning ? [`${notRunning} tasks not RUNNING`] : []),
      ...(d.failures.length ? [`${d.failures.length} tasks MISSING`] : []),
      ...(fleet.ledger.anomalies.length ? [`${fleet.ledger.anomalies.length} anomalies (${[...new Set(fleet.ledger.anomalies.map((a) => a.kind))].join(', ')})`] : []),
    ];
    return {
      kind,
      row: [
        kind === 'file' ? 'file (SQLite)' : `etcd (${ETCD.replace('etcd://', '')})`,
        INSTANCES, `${placed.length}${capped ? ` of ${TASKS} (capped at ${LIMIT_S} s)` : ''}`, fmt(phaseMs / 1000, 1),
        `**${fmt(rate)}** (target ${TARGET[kind]})`,
        `${fmt(percentile(latencies, 50))} / ${fmt(percentile(latencies, 99))}`,
        fmt(allRunningS, 1),
        `${fmt(percentile(startLat, 50))} / **${fmt(percentile(startLat, 99))}**`,
        `${fmt(cpuPercent(s0.cpu, s1.cpu, phaseMs))}% / ${etcdCpu} / ${fmt(cpuPercent(c0, c1, phaseMs))}%`,
        problems.length ? problems.join('; ') : 'none',
      ],
      capped,
      doubles,
      anomalies: fleet.ledger.anomalies,
      instanceIds: fleet.instances.map((x) => x.id),
    };
  } finally {
    await fleet?.stop();
    client.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
    if (kind === 'etcd') {
      const n = await deleteClusterKeys(ETCD, cluster, fleet?.instances.map((x) => x.id) ?? [], [cluster]).catch((e) => say(`etcd cleanup failed: ${e.message}`));
      const dbAfter = await etcdDbSize();
      etcdGrowth = dbBefore && dbAfter ? (dbAfter - dbBefore) / 2 ** 20 : undefined;
      say(`etcd: removed the run's keys (${n ?? '?'} under its prefixes); etcd db ${fmt(dbBefore / 2 ** 20)} -> ${fmt(dbAfter / 2 ** 20)} MiB`);
    }
  }
}

const results = [];
for (const kind of STORES) {
  if (kind === 'etcd' && (ETCD === 'off' || !(await storeReachable(ETCD)))) {
    say(`etcd at ${ETCD} not reachable: skipped`);
    continue;
  }
  try {
    results.push(await runOn(kind));
  } catch (e) {
    say(`${kind}: FAILED: ${e.stack ?? e}`);
    process.exitCode = 1;
    results.push({ kind, row: [kind, INSTANCES, '-', '-', '-', '-', '-', '-', '-', `**run failed: ${String(e.message ?? e).slice(0, 200)}**`], capped: false, doubles: [], anomalies: [] });
  }
}
const notes = [
  `SIMULATED fleet (test/sim): ${INSTANCES} instances of 4 vCPU / 8 GiB made up, each with a real AgentSession (the agent's protocol code) over gRPC to the control plane, a simulated runtime starting a task in ${START_LATENCY_MS} ms ± 50%, no failures injected. The sessions share one HTTP/2 connection (grpc-js pools subchannels by target).`,
  `RunTask count=${BATCH}, ${IN_FLIGHT} calls in flight, task 8 CPU units / 16 MiB, placement random. Placements/s = tasks placed / wall time of the RunTask phase. "All RUNNING" = max(startedAt) − first createdAt; createdAt → startedAt per task, both stamped by the control plane.`,
  'Control plane in a child process (startServer, as berth-server) on the same 2-core machine as the fleet and the callers (and etcd, for the etcd run); CPU = % of one core during the RunTask phase (etcd: its process, read from /proc).',
  'Targets: ≥ 3,000 placements/s on the file store and ≥ 1,500/s on etcd on one 2-core machine; RunTask → RUNNING p99 ≤ 2 s during the 10,000-task run. Anchors: Nomad C1M ≈ 3,750 placements/s with 5 servers, C2M ≈ 1,500/s with 3; Kubernetes pod startup p99 ≤ 5 s at 5,000 nodes.',
];
if (etcdGrowth !== undefined) notes.push(`The etcd run grew etcd's database by ${fmt(etcdGrowth)} MiB: its keys are deleted afterwards, but their history stays until something compacts etcd (nothing here does), against etcd's 2 GiB default quota.`);
if (results.some((r) => r.capped)) notes.push(`CAPPED: a RunTask phase hit the ${LIMIT_S} s limit; the figures are for the tasks placed by then.`);
if (PROF_DIR) {
  for (const f of readdirSync(PROF_DIR).filter((f) => f.endsWith('.cpuprofile') && f.startsWith(`server-placement-`) && f.includes(`-${process.pid}-`))) {
    const s = summarizeProfile(join(PROF_DIR, f), 8);
    notes.push(`Server CPU profile ${f} (busy ${s.busyMs} ms of ${s.wallMs} ms): self time ${s.self.map((r) => `${r.fn} ${r.share}`).join('; ')}. By area: ${s.areas.map((r) => `${r.area} ${r.share}`).join('; ')}.`);
  }
}
record('placement-throughput: SIMULATED fleet, RunTask placements/s and time to RUNNING',
  ['store', 'instances', 'tasks placed', 'RunTask phase s', 'placements/s', 'RunTask p50 / p99 ms', 'all RUNNING after s', 'createdAt→startedAt p50 / p99 ms', 'CPU server / etcd / fleet+callers', 'lost, doubled, failed'],
  results.map((r) => r.row), notes);
for (const r of results) {
  if (r.doubles.length || r.anomalies.length) process.exitCode = 1;
  if (r.doubles.length) console.error(`TASKS STARTED TWICE (${r.kind}):`, JSON.stringify(r.doubles.slice(0, 20)));
  if (r.anomalies.length) console.error(`ANOMALIES (${r.kind}):`, JSON.stringify(r.anomalies.slice(0, 20)));
}
