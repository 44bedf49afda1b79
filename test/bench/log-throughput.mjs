// Scenario log-throughput (issue 18's benchmark): 100-byte lines from one container through Docker's
// fluentd driver (synchronous, acknowledged: as the agent configures FireLens) into berth-log-router (its
// bin, a process of its own) and on to Berth's CloudWatch Logs API on the control plane (a process of its
// own), end to end, once with the embedded log store and once with ClickHouse. Measured per backend: lines
// a second end to end (from `docker run` until the router has shipped the last line) and into the router
// (until it has taken in the last one), `docker logs` reading the same lines back (Docker's local cache of a
// container logging elsewhere), the control plane's and the router's CPU (and lines per CPU second of the
// two), the router's peak RSS; then every line is read back from the log store: nothing lost, nothing
// doubled. Targets: at least 100,000 lines a second per core, router RSS under 64 MiB. The container
// stays until the router has taken in every line: Docker drops what it still holds of a container's
// output some time after the container exits (a trial run lost most of 10,000 lines that way).
// LOG_LINES=N sets the number of lines (default 100,000; QUICK=1 10,000); LOG_DEADLINE_MS how long a
// backend's run may take (default 20 ms a line, at least 10 minutes).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { freePort } from '@berth/store';
import { startServerProcess } from '../sim/server-process.mjs';
import { cpuMicros, procCpu, procRss } from '../sim/process-stats.mjs';
import { QUICK, ROOT, fmt, record, sleep } from './lib.mjs';

const LINES = Number(process.env.LOG_LINES ?? (QUICK ? 10_000 : 100_000));
const IMAGE = 'berth-test/busybox:latest';
const CLICKHOUSE = '127.0.0.1:8123';
const TARGET_PER_CORE = 100_000;
const TARGET_RSS_MIB = 64;
const say = (m) => process.stderr.write(`  [log-throughput] ${m}\n`);
const dir = mkdtempSync(join(tmpdir(), 'berth-bench-logs-'));
const MiB = 2 ** 20;

/** Every message of a stream, read forward page by page. */
async function readStream(logs, logGroupName, logStreamName) {
  const out = [];
  let nextToken;
  for (;;) {
    const page = await logs.send(new GetLogEventsCommand({ logGroupName, logStreamName, startFromHead: true, ...(nextToken ? { nextToken } : {}) }));
    for (const e of page.events ?? []) out.push(e.message);
    if (page.nextForwardToken === nextToken) return out;
    nextToken = page.nextForwardToken;
  }
}

/** The router's counts of entries taken in and shipped, from its /metrics. */
async function routerCounts(metricsAddr) {
  const text = await (await fetch(`http://${metricsAddr}/metrics`)).text();
  const value = (re) => Number(re.exec(text)?.[1] ?? 0);
  return { taken: value(/^berth_log_router_input_records_total (\d+)/m), shipped: value(/^berth_log_router_output_records_total\{output="cloudwatch_logs\.0"\} (\d+)/m) };
}

const children = new Set();
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(1));

async function run(backend) {
  const work = join(dir, backend);
  const ecsPort = await freePort();
  const db = `berth_bench_logs_${process.pid}`;
  const server = await startServerProcess({
    store: `file:${join(work, 'berth.db')}`, dir: mkdtempSync(join(dir, 'server-')), profileName: `logs-${backend}`,
    options: { ecsJson: { listen: `127.0.0.1:${ecsPort}` }, ...(backend === 'clickhouse' ? { logs: { logStore: `clickhouse://${CLICKHOUSE}/${db}` } } : {}) },
  });
  const { accessKeyId, secretAccessKey } = server.admin;
  const group = `/bench/log-throughput-${process.pid}`;
  const stream = `${backend}`;
  const name = `berth-bench-logs-${process.pid}-${backend}`;
  let router;
  try {
    writeFileSync(join(work, 'router.json'), JSON.stringify({
      outputs: [{ Name: 'cloudwatch_logs', Match: '*', region: 'us-east-1', log_group_name: group, log_stream_name: stream, auto_create_group: 'true', endpoint: `http://127.0.0.1:${ecsPort}`, log_key: 'log' }],
    }));
    const socket = join(work, 'fluent.sock');
    router = spawn(process.execPath, [join(ROOT, 'packages/log-router/bin/berth-log-router.js'), '--config', join(work, 'router.json'),
      '--listen', `unix:${socket}`, '--buffer-dir', join(work, 'buffer'), '--metrics-listen', '127.0.0.1:0'], {
      env: { PATH: process.env.PATH, AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    children.add(router);
    let routerLog = '';
    const metricsAddr = await new Promise((resolve, reject) => {
      router.stderr.on('data', (d) => {
        routerLog += d.toString();
        const m = /"msg":"listening","name":"metrics","addr":"([^"]+)"/.exec(routerLog);
        if (m) resolve(m[1]);
      });
      router.once('exit', (code) => reject(new Error(`berth-log-router exited (${code}): ${routerLog.slice(-2000)}`)));
    });

    const s0 = server.cpu();
    const r0 = procCpu(router.pid);
    let peakRss = procRss(router.pid) ?? 0;
    const t0 = performance.now();
    // Each line 99 characters and a newline; then the container waits for the signal file.
    mkdirSync(join(work, 'signal'));
    spawn('docker', ['run', '--name', name, '--network', 'none', '--log-driver', 'fluentd',
      '--log-opt', `fluentd-address=unix://${socket}`, '--log-opt', 'fluentd-async=false', '--log-opt', 'fluentd-request-ack=true',
      '--log-opt', 'fluentd-sub-second-precision=true', '--log-opt', 'tag=app-firelens-bench', '-v', `${join(work, 'signal')}:/signal`,
      IMAGE, 'sh', '-c', `awk 'BEGIN { for (i = 1; i <= ${LINES}; i++) printf "%099d\\n", i }'; while [ ! -f /signal/done ]; do sleep 0.2; done`], { stdio: 'ignore' });
    let inMs;
    let done = 0;
    const deadline = t0 + Number(process.env.LOG_DEADLINE_MS ?? Math.max(600_000, LINES * 20));
    while (done < LINES) {
      if (performance.now() > deadline) throw new Error(`only ${done} of ${LINES} lines shipped in time; the router: ${routerLog.slice(-3000)}`);
      await sleep(200);
      peakRss = Math.max(peakRss, procRss(router.pid) ?? 0);
      const c = await routerCounts(metricsAddr);
      if (inMs === undefined && c.taken >= LINES) inMs = performance.now() - t0;
      done = c.shipped;
    }
    writeFileSync(join(work, 'signal', 'done'), '');
    const endMs = performance.now() - t0;
    const serverCpuS = cpuMicros(s0, server.cpu()) / 1e6;
    const routerCpuS = cpuMicros(r0, procCpu(router.pid)) / 1e6;

    // docker logs reading the same lines (Docker's local cache beside the fluentd driver).
    const d0 = performance.now();
    const read = spawnSync('sh', ['-c', `docker logs ${name} 2>/dev/null | wc -l`], { encoding: 'utf8' });
    const dockerLogsMs = performance.now() - d0;
    const dockerLines = Number(read.stdout.trim());

    const logs = new CloudWatchLogsClient({ endpoint: `http://127.0.0.1:${ecsPort}`, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey } });
    const messages = await readStream(logs, group, stream);
    logs.destroy();
    const distinct = new Set(messages).size;
    const inOrder = messages.every((m, i) => Number(m) === i + 1);
    say(`${backend}: ${LINES} lines in ${fmt(endMs / 1000, 1)} s; ${messages.length} in the store (${distinct} distinct), in order: ${inOrder}`);
    return {
      backend, endToEnd: LINES / (endMs / 1000), into: LINES / (inMs / 1000), dockerLogs: dockerLines === LINES ? LINES / (dockerLogsMs / 1000) : NaN,
      serverCpu: (100 * serverCpuS) / (endMs / 1000), routerCpu: (100 * routerCpuS) / (endMs / 1000), perCore: LINES / (serverCpuS + routerCpuS),
      peakRssMiB: peakRss / MiB, lost: LINES - distinct, doubled: messages.length - distinct, inOrder, dockerLines,
    };
  } finally {
    spawnSync('docker', ['rm', '-f', name], { stdio: 'ignore' });
    router?.kill('SIGKILL');
    await server.close();
    if (backend === 'clickhouse') await fetch(`http://${CLICKHOUSE}/`, { method: 'POST', body: `DROP DATABASE IF EXISTS ${db}` }).catch(() => undefined);
  }
}

let failed = false;
const rows = [];
try {
  for (const backend of ['file', 'clickhouse']) {
    const r = await run(backend);
    if (r.lost !== 0 || r.doubled !== 0 || !r.inOrder) failed = true;
    rows.push([r.backend, String(LINES), fmt(r.endToEnd), fmt(r.into), fmt(r.dockerLogs), fmt(r.serverCpu), fmt(r.routerCpu), fmt(r.perCore),
      fmt(r.peakRssMiB, 1), `${r.lost} / ${r.doubled}${r.inOrder ? '' : ', out of order'}`]);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
record('log-throughput: 100-byte lines, one container -> fluentd driver (sync, acked) -> berth-log-router -> CloudWatch Logs',
  ['log store', 'lines', 'lines/s end to end', 'lines/s into the router', 'docker logs lines/s', 'server CPU %', 'router CPU %', 'lines per CPU s (server + router)', 'router peak RSS MiB', 'lost / doubled'],
  rows,
  [`Targets: at least ${TARGET_PER_CORE.toLocaleString('en')} lines a second per core with nothing lost; router RSS under ${TARGET_RSS_MIB} MiB. Docker's driver sends one line per message and waits for its acknowledgement, which bounds the rate into the router.`]);
if (failed) process.exit(1);
