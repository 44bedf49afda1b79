// Scenario exporter-scrape (issue 19's benchmark): the real berth-exporter (its bin, a process of its own,
// joined with a token of kind exporter) over a SIMULATED fleet of 1,000 instances running 10,000 tasks
// (test/sim). Measured: how long one refresh takes to read the cluster through the API (the exporter's
// own berth_exporter_refresh_duration_seconds), a scrape's latency over 50 sequential GET /metrics and
// its size, the exporter's RSS, and the control plane's and the exporter's CPU per refresh. A scrape
// renders the last refresh's view and reads nothing, so it should stay small and flat (target <= 100 ms).
// The agents' statistics CPU (with 20 running containers) is agent-footprint's "20 tasks running" phase.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FLEET_API } from '@berth/core';
import { startServerProcess } from '../sim/server-process.mjs';
import { cpuMicros, procCpu, procRss } from '../sim/process-stats.mjs';
import { QUICK, ROOT, fmt, percentile, record, runTasks, simulatedCluster, sleep } from './lib.mjs';

const INSTANCES = QUICK ? 100 : 1000;
const TASKS = QUICK ? 1000 : 10_000;
const SCRAPES = 50;
const REFRESH_S = 15;
const TARGET_MS = 100;
const say = (m) => process.stderr.write(`  [exporter] ${m}\n`);

const dir = mkdtempSync(join(tmpdir(), 'berth-bench-exporter-'));
const cluster = `bench-exporter-${process.pid}-${Date.now().toString(36)}`;
const server = await startServerProcess({ store: `file:${join(dir, 'berth.db')}`, profileName: 'exporter' });
const client = server.client({ deadlineMs: 120_000 });
let fleet;
let exporter;
try {
  const set = await simulatedCluster({ addr: server.addr, client, cluster, size: INSTANCES, startLatencyMs: 100 });
  fleet = set.fleet;
  const arns = await runTasks(client, fleet, cluster, TASKS, 300_000);
  say(`${INSTANCES} simulated instances, ${arns.length} tasks RUNNING`);

  const { token } = await client.callApi(FLEET_API, 'CreateJoinToken', { cluster, kind: 'exporter' });
  exporter = spawn(process.execPath, [join(ROOT, 'packages/exporter/bin/berth-exporter.js'), '--server', server.addr,
    '--data-dir', join(dir, 'exporter'), '--listen', '127.0.0.1:0', '--refresh', `${REFRESH_S}s`, '--log-level', 'info'], {
    env: { ...process.env, BERTH_JOIN_TOKEN: token }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let logs = '';
  const addr = await new Promise((resolve, reject) => {
    const onData = (d) => {
      logs += d.toString();
      const m = /"msg":"berth-exporter started".*?"addr":"([^"]+)"/.exec(logs);
      if (m) resolve(m[1]);
    };
    exporter.stdout.on('data', onData);
    exporter.stderr.on('data', onData);
    exporter.once('exit', (code) => reject(new Error(`berth-exporter exited (${code}): ${logs.slice(-2000)}`)));
  });
  const scrape = async () => {
    const t = performance.now();
    const body = await (await fetch(`http://${addr}/metrics`)).text();
    return { ms: performance.now() - t, body };
  };
  // The first refresh done: every task counted.
  const t0 = performance.now();
  let first;
  for (;;) {
    const { body } = await scrape();
    const running = /^berth_cluster_tasks\{[^}]*last_status="RUNNING"[^}]*\} (\d+)/m.exec(body);
    if (running && Number(running[1]) >= arns.length) {
      first = body;
      break;
    }
    if (performance.now() - t0 > 300_000) throw new Error('the exporter never counted every task');
    await sleep(200);
  }
  say(`first full view after ${fmt((performance.now() - t0) / 1000, 1)} s`);

  // Two more refreshes, charged to the control plane and to the exporter.
  const s0 = server.cpu();
  const e0 = procCpu(exporter.pid);
  const refreshes = (text) => Number(/^berth_exporter_refreshes_total\{result="ok"\} (\d+)/m.exec(text)?.[1] ?? 0);
  const before = refreshes(first);
  const wall0 = performance.now();
  await sleep(2 * REFRESH_S * 1000 + 2000);
  const lat = [];
  let body = '';
  for (let i = 0; i < SCRAPES; i++) {
    const r = await scrape();
    lat.push(r.ms);
    body = r.body;
  }
  const s1 = server.cpu();
  const e1 = procCpu(exporter.pid);
  const done = refreshes(body) - before;
  const refreshS = Number(/^berth_exporter_refresh_duration_seconds (\S+)/m.exec(body)?.[1] ?? NaN);
  const series = body.split('\n').filter((l) => l && !l.startsWith('#')).length;
  const rss = procRss(exporter.pid);
  const p50 = percentile(lat, 50);
  const p99 = percentile(lat, 99);
  say(`refresh ${fmt(refreshS, 2)} s; scrape p50 ${fmt(p50, 1)} ms p99 ${fmt(p99, 1)} ms; ${series} series, ${fmt(body.length / 1024, 0)} KiB; RSS ${fmt(rss / 2 ** 20, 0)} MiB`);
  record(`exporter-scrape: ${INSTANCES} simulated instances, ${arns.length} tasks`,
    ['refresh (s)', 'scrape p50 (ms)', 'scrape p99 (ms)', 'series', 'body (KiB)', 'exporter RSS (MiB)', 'server CPU per refresh (s)', 'exporter CPU per refresh (s)', `scrape ≤ ${TARGET_MS} ms`],
    [[fmt(refreshS, 2), fmt(p50, 1), fmt(p99, 1), String(series), fmt(body.length / 1024, 0), fmt(rss / 2 ** 20, 0),
      done > 0 ? fmt(cpuMicros(s0, s1) / 1e6 / done, 2) : '-', done > 0 ? fmt(cpuMicros(e0, e1) / 1e6 / done, 2) : '-', p99 <= TARGET_MS ? 'met' : 'MISSED']],
    [`${done} refreshes in ${fmt((performance.now() - wall0) / 1000, 0)} s (--refresh ${REFRESH_S}s); a refresh reads the cluster through the API (ListTasks and DescribeTasks by 100, instances, services); server CPU per refresh is the whole control plane's over that window, the fleet's heartbeats included.`]);
  if (!QUICK && p99 > TARGET_MS) process.exitCode = 1;
} finally {
  exporter?.kill('SIGTERM');
  await fleet?.stop();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
