// Scenario log-throughput (issue 18's benchmark): 100-byte lines from one real container to Berth's
// CloudWatch Logs API on the control plane (a process of its own), end to end, by both paths a task logs
// by, once with the embedded log store and once with ClickHouse:
//  - awslogs, the main path: Docker's own awslogs driver (mode blocking, so nothing is dropped by Docker)
//    batching PutLogEvents to the control plane's AWS listener, as the agent configures it. The container
//    prints its lines and exits (the driver sends its last batch at close). Docker's driver takes its
//    credentials from dockerd's environment here, so it runs under a second dockerd of this scenario's own
//    given the admin's key (the agent gives it awslogs-credentials-endpoint instead, which needs the host's
//    169.254.170.2 translation: the same driver and batches once it has its key).
//  - FireLens: Docker's fluentd driver (synchronous, acknowledged, one line per message: as the agent
//    configures FireLens) into berth-log-router (its bin, a process of its own) and on to the control plane.
//    The container stays until the router has taken in every line: Docker gives a stopped container's
//    logger ten seconds to drain (docs/logs.md) and drops the rest.
// Measured per path and backend: lines a second end to end (from `docker run` until the log store holds
// every line: for awslogs until the stream's stored bytes are all there, for FireLens until the router has
// shipped the last line), the control plane's CPU and lines per server CPU second (the "per core" figure; on
// ClickHouse also with its server's CPU added),
// for FireLens also the router's CPU and peak RSS, lines a second into the router and `docker logs` reading
// the same lines; then every line is read back: nothing lost, nothing doubled, in order.
// Targets: at least 100,000 lines a second per core, router RSS under 64 MiB.
// LOG_LINES=N sets the number of lines (default 100,000; QUICK=1 10,000); LOG_DEADLINE_MS how long a run
// may take (default 20 ms a line, at least 10 minutes); LOG_PATHS=awslogs or firelens runs one path only;
// LOG_AWSLOGS_MODE=non-blocking runs awslogs in ECS's default mode (Docker drops what overflows its buffer).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchLogsClient, DescribeLogStreamsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { freePort } from '@berth/store';
import { awslogsOptions } from '../../packages/agent/dist/src/engine/container-spec.js';
import { SecondDockerd } from '../../packages/agent/dist/test/second-dockerd.js';
import { startServerProcess } from '../sim/server-process.mjs';
import { cpuMicros, procCpu, procRss } from '../sim/process-stats.mjs';
import { QUICK, ROOT, fmt, record, sleep } from './lib.mjs';

const LINES = Number(process.env.LOG_LINES ?? (QUICK ? 10_000 : 100_000));
const PATHS = (process.env.LOG_PATHS ?? 'awslogs,firelens').split(',');
// blocking: nothing dropped by Docker; non-blocking (ECS's default) drops what overflows max-buffer-size.
const AWSLOGS_MODE = process.env.LOG_AWSLOGS_MODE ?? 'blocking';
const IMAGE = 'berth-test/busybox:latest';
const CLICKHOUSE = '127.0.0.1:8123';
const TARGET_PER_CORE = 100_000;
const TARGET_RSS_MIB = 64;
const DEADLINE_MS = Number(process.env.LOG_DEADLINE_MS ?? Math.max(600_000, LINES * 20));
const say = (m) => process.stderr.write(`  [log-throughput] ${m}\n`);
const dir = mkdtempSync(join(tmpdir(), 'berth-bench-logs-'));
const MiB = 2 ** 20;
// Each line 99 characters (its number, zero-padded) and a newline.
const PRINT = `awk 'BEGIN { for (i = 1; i <= ${LINES}; i++) printf "%099d\\n", i }'`;

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

/** Read back: how many, how many distinct, in order. */
async function check(logs, group, stream) {
  const messages = await readStream(logs, group, stream);
  const distinct = new Set(messages).size;
  return { lost: LINES - distinct, doubled: messages.length - distinct, inOrder: messages.every((m, i) => i === 0 || Number(m) > Number(messages[i - 1])) };
}

/** The router's counts of entries taken in and shipped, from its /metrics. */
async function routerCounts(metricsAddr) {
  const text = await (await fetch(`http://${metricsAddr}/metrics`)).text();
  const value = (re) => Number(re.exec(text)?.[1] ?? 0);
  return { taken: value(/^berth_log_router_input_records_total (\d+)/m), shipped: value(/^berth_log_router_output_records_total\{output="cloudwatch_logs\.0"\} (\d+)/m) };
}

/** The ClickHouse server's process (its CPU counts toward a line's cost on that backend; shared with anything else using it). */
function clickhousePid() {
  for (const d of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${d}/comm`, 'utf8').startsWith('clickhouse-serv')) return Number(d);
    } catch {}
  }
  return undefined;
}

/** CPU seconds of the control plane (and ClickHouse's server, on that backend) since `from`. */
function cpuSince(ctx, from) {
  const now = cpuNow(ctx);
  return { server: cpuMicros(from.server, now.server) / 1e6, clickhouse: from.clickhouse && now.clickhouse ? cpuMicros(from.clickhouse, now.clickhouse) / 1e6 : undefined };
}
const cpuNow = (ctx) => ({ server: ctx.server.cpu(), clickhouse: ctx.chPid ? procCpu(ctx.chPid) : undefined });

/** The per-CPU figures of a run: server CPU %, lines per server CPU s, and with ClickHouse's CPU added. */
function cpuFigures(cpu, endMs, lines = LINES) {
  return {
    serverCpu: (100 * cpu.server) / (endMs / 1000), perServerCore: lines / cpu.server,
    ...(cpu.clickhouse !== undefined ? { perServerAndClickhouseCore: lines / (cpu.server + cpu.clickhouse) } : {}),
  };
}

const children = new Set();
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

/** awslogs: the container prints its lines and exits; done once the stream's stored bytes are all there. */
async function awslogs(ctx) {
  const { ecsPort, logs, dockerd, backend } = ctx;
  const group = `/bench/awslogs-${process.pid}`;
  const stream = `app/${backend}`;
  const name = `berth-bench-awslogs-${process.pid}-${backend}`;
  const c0 = cpuNow(ctx);
  const t0 = performance.now();
  const wall0 = Date.now();
  // The options the agent gives dockerd, less the credentials endpoint (this dockerd has the key).
  const { 'awslogs-credentials-endpoint': _, ...options } = awslogsOptions(
    { 'awslogs-group': group, 'awslogs-stream': stream, 'awslogs-create-group': 'true', mode: AWSLOGS_MODE },
    { containerName: 'app', taskId: 'bench', region: 'us-east-1', awsEndpoint: `http://127.0.0.1:${ecsPort}`, credentialsPath: '' });
  const run = spawn('docker', ['run', '--name', name, '--network', 'none', '--log-driver', 'awslogs',
    ...Object.entries(options).flatMap(([k, v]) => ['--log-opt', `${k}=${v}`]), IMAGE, 'sh', '-c', PRINT], { stdio: 'ignore', env: { ...process.env, DOCKER_HOST: dockerd.host } });
  let exited = false;
  run.once('exit', () => { exited = true; });
  try {
    // Done when every line is stored; or, once the container is gone, when nothing more came for longer
    // than the driver's 5-s batch period (non-blocking mode: what Docker dropped never comes). The end is
    // the stream's lastIngestionTime (the server's clock when it took the last batch, this machine's), so
    // the poll can be slow: each DescribeLogStreams costs the server 0.5 ms (file) to 2.2 ms (ClickHouse)
    // of CPU, which a poll every 50 ms made more than the lines' own cost on a loaded machine.
    const want = LINES * 99;
    let stored = 0;
    let last;
    let grewAt = performance.now();
    while (stored < want && !(exited && performance.now() - grewAt > 6_000)) {
      if (performance.now() > t0 + DEADLINE_MS) throw new Error(`awslogs: only ${stored / 99} of ${LINES} lines stored in time`);
      await sleep(500);
      const page = await logs.send(new DescribeLogStreamsCommand({ logGroupName: group, logStreamNamePrefix: stream })).catch(() => undefined);
      const now = page?.logStreams?.[0]?.storedBytes ?? 0;
      if (now > stored) {
        grewAt = performance.now();
        last = page.logStreams[0].lastIngestionTime;
      }
      stored = now;
    }
    const cpu = cpuSince(ctx, c0);
    const endMs = last - wall0;
    const arrived = stored / 99;
    return { endToEnd: arrived / (endMs / 1000), ...cpuFigures(cpu, endMs, arrived), ...(await check(logs, group, stream)) };
  } finally {
    run.kill();
    dockerd.docker('rm', '-f', name);
  }
}

/** FireLens: the fluentd driver into berth-log-router; the container waits until the router took every line. */
async function firelens(ctx) {
  const { server, ecsPort, logs, backend, work } = ctx;
  const { accessKeyId, secretAccessKey } = server.admin;
  const group = `/bench/firelens-${process.pid}`;
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

    const c0 = cpuNow(ctx);
    const r0 = procCpu(router.pid);
    let peakRss = procRss(router.pid) ?? 0;
    const t0 = performance.now();
    mkdirSync(join(work, 'signal'));
    spawn('docker', ['run', '--name', name, '--network', 'none', '--log-driver', 'fluentd',
      '--log-opt', `fluentd-address=unix://${socket}`, '--log-opt', 'fluentd-async=false', '--log-opt', 'fluentd-request-ack=true',
      '--log-opt', 'fluentd-sub-second-precision=true', '--log-opt', 'tag=app-firelens-bench', '-v', `${join(work, 'signal')}:/signal`,
      IMAGE, 'sh', '-c', `${PRINT}; while [ ! -f /signal/done ]; do sleep 0.2; done`], { stdio: 'ignore' });
    let inMs;
    let done = 0;
    while (done < LINES) {
      if (performance.now() > t0 + DEADLINE_MS) throw new Error(`only ${done} of ${LINES} lines shipped in time; the router: ${routerLog.slice(-3000)}`);
      await sleep(200);
      peakRss = Math.max(peakRss, procRss(router.pid) ?? 0);
      const c = await routerCounts(metricsAddr);
      if (inMs === undefined && c.taken >= LINES) inMs = performance.now() - t0;
      done = c.shipped;
    }
    writeFileSync(join(work, 'signal', 'done'), '');
    const endMs = performance.now() - t0;
    const cpu = cpuSince(ctx, c0);
    const routerCpuS = cpuMicros(r0, procCpu(router.pid)) / 1e6;

    // docker logs reading the same lines (Docker's local cache beside the fluentd driver).
    const d0 = performance.now();
    const read = spawnSync('sh', ['-c', `docker logs ${name} 2>/dev/null | wc -l`], { encoding: 'utf8' });
    const dockerLogsMs = performance.now() - d0;
    const dockerLines = Number(read.stdout.trim());
    return {
      endToEnd: LINES / (endMs / 1000), into: LINES / (inMs / 1000), dockerLogs: dockerLines === LINES ? LINES / (dockerLogsMs / 1000) : NaN,
      ...cpuFigures(cpu, endMs), routerCpu: (100 * routerCpuS) / (endMs / 1000),
      perCore: LINES / (cpu.server + routerCpuS), peakRssMiB: peakRss / MiB, ...(await check(logs, group, stream)),
    };
  } finally {
    spawnSync('docker', ['rm', '-f', name], { stdio: 'ignore' });
    router?.kill('SIGKILL');
  }
}

const PATH_RUNS = { awslogs, firelens };
let failed = false;
const rows = [];
let dockerd;
// Interrupted: the second dockerd (its own process group, bridge and directory) is taken down first.
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => void (dockerd?.close() ?? Promise.resolve()).finally(() => process.exit(1)));
try {
  // One state store and one admin for both backends: the control plane restarts on it with the other log store.
  const store = `file:${join(dir, 'berth.db')}`;
  const serverDir = mkdtempSync(join(dir, 'server-'));
  for (const backend of ['file', 'clickhouse']) {
    const work = join(dir, backend);
    mkdirSync(work);
    const ecsPort = await freePort();
    const db = `berth_bench_logs_${process.pid}`;
    const server = await startServerProcess({
      store, dir: serverDir, profileName: `logs-${backend}`,
      options: { ecsJson: { listen: `127.0.0.1:${ecsPort}` }, ...(backend === 'clickhouse' ? { logs: { logStore: `clickhouse://${CLICKHOUSE}/${db}` } } : {}) },
    });
    const { accessKeyId, secretAccessKey } = server.admin;
    const logs = new CloudWatchLogsClient({ endpoint: `http://127.0.0.1:${ecsPort}`, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey } });
    try {
      if (PATHS.includes('awslogs')) dockerd ??= await SecondDockerd.start({ AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey });
      for (const path of PATHS) {
        const r = await PATH_RUNS[path]({ server, ecsPort, logs, dockerd, backend, work, chPid: backend === 'clickhouse' ? clickhousePid() : undefined });
        say(`${path} (${path === 'awslogs' ? AWSLOGS_MODE : 'sync'}) to ${backend}: ${fmt(r.endToEnd)} lines/s end to end, ${fmt(r.perServerCore)} lines per server CPU s; lost ${r.lost}, doubled ${r.doubled}, in order: ${r.inOrder}`);
        // Non-blocking awslogs drops by design what overflows Docker's buffer: counted, not a failure.
        if ((r.lost !== 0 && !(path === 'awslogs' && AWSLOGS_MODE === 'non-blocking')) || r.doubled !== 0 || !r.inOrder) failed = true;
        const na = '—';
        rows.push([path === 'awslogs' ? `awslogs (${AWSLOGS_MODE})` : path, backend, String(LINES), fmt(r.endToEnd), fmt(r.serverCpu), fmt(r.perServerCore), r.perServerAndClickhouseCore !== undefined ? fmt(r.perServerAndClickhouseCore) : na,
          r.routerCpu !== undefined ? fmt(r.routerCpu) : na, r.perCore !== undefined ? fmt(r.perCore) : na, r.into !== undefined ? fmt(r.into) : na,
          r.peakRssMiB !== undefined ? fmt(r.peakRssMiB, 1) : na, r.dockerLogs !== undefined ? fmt(r.dockerLogs) : na,
          `${r.lost} / ${r.doubled}${r.inOrder ? '' : ', out of order'}`]);
      }
    } finally {
      logs.destroy();
      await server.close();
      if (backend === 'clickhouse') await fetch(`http://${CLICKHOUSE}/`, { method: 'POST', body: `DROP DATABASE IF EXISTS ${db}` }).catch(() => undefined);
    }
  }
} finally {
  await dockerd?.close();
  rmSync(dir, { recursive: true, force: true });
}
record('log-throughput: 100-byte lines from one container to CloudWatch Logs on the control plane: awslogs (Docker\'s driver, blocking) and FireLens (fluentd driver, sync, acked -> berth-log-router)',
  ['path', 'log store', 'lines', 'lines/s end to end', 'server CPU %', 'lines per server CPU s', 'lines per CPU s (server + ClickHouse)', 'router CPU %', 'lines per CPU s (server + router)', 'lines/s into the router', 'router peak RSS MiB', 'docker logs lines/s', 'lost / doubled'],
  rows,
  [`Targets: at least ${TARGET_PER_CORE.toLocaleString('en')} lines a second per core with nothing lost; router RSS under ${TARGET_RSS_MIB} MiB. awslogs: Docker's driver batches up to 10,000 events or 1 MiB a PutLogEvents, one call at a time per stream. ClickHouse's CPU is its whole server's (anything else using it at the time counts too). FireLens: Docker's fluentd driver sends one line per message and waits for its acknowledgement, which bounds the rate into the router.`]);
if (failed) process.exit(1);
