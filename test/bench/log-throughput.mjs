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
//    The container stays until the log store holds every line: Docker gives a stopped container's logger
//    ten seconds to drain (docs/logs.md) and drops the rest.
// Measured per path and backend: lines a second end to end (from `docker run` until the log store holds
// every line: the stream's stored bytes all there, its lastIngestionTime the end), the control plane's CPU
// and lines per server CPU second (the "per core" figure; on ClickHouse also with its server's CPU added),
// for FireLens also the router's CPU and peak RSS, lines a second written by the container and `docker
// logs` reading the same lines; then every line is read back: nothing lost, nothing doubled, in order.
// The router is measured as a FireLens task runs it: the agent's configuration and driver options, no
// metrics listener; its counts are read from outside it (the sending container, the log store).
// Targets: at least 100,000 lines a second per core, router RSS under 64 MiB; the table's last note says,
// per path and backend, which is met and on what figure.
// LOG_LINES=N sets the number of lines (default 100,000; QUICK=1 10,000); LOG_DEADLINE_MS how long a run
// may take (default 20 ms a line, at least 10 minutes); LOG_PATHS=awslogs or firelens runs one path only;
// LOG_AWSLOGS_MODE=non-blocking runs awslogs in ECS's default mode (Docker drops what overflows its buffer);
// LOG_ROUTER_SMAPS=PREFIX writes the router's /proc/PID/smaps at its peak RSS to PREFIX-BACKEND.smaps.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchLogsClient, DescribeLogStreamsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { freePort } from '@berth/store';
import { awslogsOptions } from '../../packages/agent/dist/src/engine/container-spec.js';
import { firelensLogConfig, firelensPaths, routerListening, writeRouterConfig } from '../../packages/agent/dist/src/engine/firelens.js';
import { SecondDockerd } from '../../packages/agent/dist/test/second-dockerd.js';
import { startServerProcess } from '../sim/server-process.mjs';
import { cpuMicros, procCpu, procRss } from '../sim/process-stats.mjs';
import { QUICK, ROOT, fmt, record, sleep } from './lib.mjs';

const LINES = Number(process.env.LOG_LINES ?? (QUICK ? 10_000 : 100_000));
const PATHS = (process.env.LOG_PATHS ?? 'awslogs,firelens').split(',');
// blocking: nothing dropped by Docker; non-blocking (ECS's default) drops what overflows max-buffer-size.
const AWSLOGS_MODE = process.env.LOG_AWSLOGS_MODE ?? 'blocking';
const SMAPS = process.env.LOG_ROUTER_SMAPS;
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

/**
 * FireLens: the fluentd driver into berth-log-router, both set up as the agent sets them up for a FireLens
 * task, and measured from outside the router: lines into it from the sending side (the container marks
 * when it has printed its last line), what it shipped from the log store's side (the stream's stored
 * bytes, polled once a second; the end is the stream's lastIngestionTime). The container waits until every
 * line is stored: a stopped container's logger gets only ten seconds to drain (docs/logs.md).
 */
async function firelens(ctx) {
  const { server, ecsPort, logs, backend, work } = ctx;
  const { accessKeyId, secretAccessKey } = server.admin;
  const group = `/bench/firelens-${process.pid}`;
  const stream = `${backend}`;
  const name = `berth-bench-logs-${process.pid}-${backend}`;
  // A FireLens task as ECS users write it: the router's container and an app logging with awsfirelens.
  // The router's configuration and the app's driver options are the agent's own (writeRouterConfig,
  // firelensLogConfig), so the router does per line what a task's router does (ECS's metadata fields
  // added to every record, as enable-ecs-log-metadata defaults to true).
  const taskArn = `arn:aws:ecs:us-east-1:000000000000:task/bench/${process.pid}${backend}`;
  const app = {
    name: 'app', image: IMAGE, essential: true,
    logConfiguration: { logDriver: 'awsfirelens', options: { Name: 'cloudwatch_logs', region: 'us-east-1', log_group_name: group, log_stream_name: stream, auto_create_group: 'true', endpoint: `http://127.0.0.1:${ecsPort}`, log_key: 'log' } },
  };
  const td = { family: 'bench-firelens', revision: 1, containerDefinitions: [{ name: 'log_router', image: 'berth/log-router', essential: true, firelensConfiguration: { type: 'fluentbit' } }, app] };
  const paths = firelensPaths(work, taskArn);
  await writeRouterConfig(paths, td, { cluster: 'bench', taskArn });
  const driver = firelensLogConfig(app, paths.socket, taskArn);
  let router;
  try {
    // As the agent runs it: the image's entrypoint (this bin) with no arguments, so the defaults, which
    // are the paths where the agent mounts the task's directory (core's FIRELENS_*); here the same files
    // on the host, named by the three options that stand for those mounts. No metrics listener: a
    // FireLens task's router has none (and it would cost ~3 MiB of the RSS measured, session 10).
    // Credentials: the admin's key in the environment (a task's router gets its role's from the agent's
    // credentials endpoint).
    router = spawn(process.execPath, [join(ROOT, 'packages/log-router/bin/berth-log-router.js'), '--config', join(paths.configDir, 'config.json'),
      '--listen', `unix:${paths.socket}`, '--buffer-dir', join(work, 'buffer')], {
      env: { PATH: process.env.PATH, AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    children.add(router);
    let routerLog = '';
    router.stderr.on('data', (d) => { routerLog = (routerLog + d.toString()).slice(-20_000); });
    let exited;
    router.once('exit', (code) => { exited = code; });
    // The agent counts the router started once its socket accepts connections.
    while (!(await routerListening(paths.socket))) {
      if (exited !== undefined) throw new Error(`berth-log-router exited (${exited}): ${routerLog.slice(-2000)}`);
      await sleep(100);
    }

    const c0 = cpuNow(ctx);
    const r0 = procCpu(router.pid);
    let peakRss = procRss(router.pid) ?? 0;
    let peakSmaps;
    const t0 = performance.now();
    const wall0 = Date.now();
    const signal = join(work, 'signal');
    mkdirSync(signal);
    spawn('docker', ['run', '--name', name, '--network', 'none', '--log-driver', driver.Type,
      ...Object.entries(driver.Config).flatMap(([k, v]) => ['--log-opt', `${k}=${v}`]), '-v', `${signal}:/signal`,
      IMAGE, 'sh', '-c', `${PRINT}; touch /signal/printed; while [ ! -f /signal/done ]; do sleep 0.2; done`], { stdio: 'ignore' });
    // The sending side: when the container's last write returned (the marker's mtime, this clock). The
    // synchronous driver lets it write on only as the router acknowledges, less what Docker holds between
    // them: ~11,600 lines (1.1 MB) in pipes, the driver and the socket, measured here (Docker 20.10) with a
    // listener that stopped reading; so this is the container's rate, a little above the router's intake.
    const printedAt = () => {
      try {
        return statSync(join(signal, 'printed')).mtimeMs;
      } catch {
        return undefined;
      }
    };
    const want = LINES * 99;
    let stored = 0;
    let last;
    let grewAt = performance.now();
    let nextPoll = performance.now() + 1_000;
    // Done when every line is stored; or, once the container has printed everything, when nothing more
    // arrived for 30 s (a line lost never comes; the read-back below counts it).
    while (stored < want && !(printedAt() !== undefined && performance.now() - grewAt > 30_000)) {
      if (performance.now() > t0 + DEADLINE_MS) throw new Error(`only ${stored / 99} of ${LINES} lines stored in time; the router: ${routerLog.slice(-3000)}`);
      if (exited !== undefined) throw new Error(`berth-log-router exited (${exited}): ${routerLog.slice(-2000)}`);
      await sleep(200);
      const rss = procRss(router.pid) ?? 0;
      if (rss > peakRss) {
        peakRss = rss;
        if (SMAPS) peakSmaps = readFileSync(`/proc/${router.pid}/smaps`, 'utf8');
      }
      if (performance.now() < nextPoll) continue;
      nextPoll = performance.now() + 1_000;
      const page = await logs.send(new DescribeLogStreamsCommand({ logGroupName: group, logStreamNamePrefix: stream })).catch(() => undefined);
      const now = page?.logStreams?.[0]?.storedBytes ?? 0;
      if (now > stored) {
        grewAt = performance.now();
        last = page.logStreams[0].lastIngestionTime;
      }
      stored = now;
    }
    const cpu = cpuSince(ctx, c0);
    const routerCpuS = cpuMicros(r0, procCpu(router.pid)) / 1e6;
    writeFileSync(join(signal, 'done'), '');
    if (peakSmaps) writeFileSync(`${SMAPS}-${backend}.smaps`, peakSmaps);
    const endMs = last - wall0;
    const inMs = printedAt() - wall0;
    const arrived = stored / 99;

    // docker logs reading the same lines (Docker's local cache beside the fluentd driver).
    const d0 = performance.now();
    const read = spawnSync('sh', ['-c', `docker logs ${name} 2>/dev/null | wc -l`], { encoding: 'utf8' });
    const dockerLogsMs = performance.now() - d0;
    const dockerLines = Number(read.stdout.trim());
    return {
      endToEnd: arrived / (endMs / 1000), into: LINES / (inMs / 1000), dockerLogs: dockerLines === LINES ? LINES / (dockerLogsMs / 1000) : NaN,
      ...cpuFigures(cpu, endMs, arrived), routerCpu: (100 * routerCpuS) / (endMs / 1000),
      perCore: arrived / (cpu.server + routerCpuS), peakRssMiB: peakRss / MiB, ...(await check(logs, group, stream)),
    };
  } finally {
    spawnSync('docker', ['rm', '-f', name], { stdio: 'ignore' });
    router?.kill('SIGKILL');
  }
}

/**
 * Issue 18's targets for one path and backend, said plainly: the per-core figure judged (awslogs: lines per
 * server CPU second, and with ClickHouse's CPU too on that backend; FireLens: lines per CPU second of the
 * server and the router together, the router being part of that path), nothing lost, and the router's RSS.
 */
function verdict(path, backend, r) {
  const met = (ok) => (ok ? 'met' : 'NOT met');
  const perCore = (v, on) => `${met(v >= TARGET_PER_CORE)} on ${on} (${fmt(v)})`;
  const parts = [];
  if (path === 'awslogs') {
    parts.push(`per core ${perCore(r.perServerCore, 'lines per server CPU s')}`);
    if (r.perServerAndClickhouseCore !== undefined) parts.push(perCore(r.perServerAndClickhouseCore, 'lines per CPU s of the server and ClickHouse'));
  } else {
    parts.push(`per core ${perCore(r.perCore, 'lines per CPU s of the server and the router')}`);
    parts.push(`router RSS ${met(r.peakRssMiB < TARGET_RSS_MIB)} (peak ${fmt(r.peakRssMiB, 1)} MiB)`);
  }
  parts.push(`nothing lost ${met(r.lost === 0 && r.doubled === 0 && r.inOrder)} (${r.lost} lost, ${r.doubled} doubled${r.inOrder ? '' : ', out of order'})`);
  return `${path}${path === 'awslogs' ? ` (${AWSLOGS_MODE})` : ''} to ${backend}: ${parts.join('; ')}`;
}

const PATH_RUNS = { awslogs, firelens };
let failed = false;
const rows = [];
const verdicts = [];
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
        verdicts.push(verdict(path, backend, r));
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
  ['path', 'log store', 'lines', 'lines/s end to end', 'server CPU %', 'lines per server CPU s', 'lines per CPU s (server + ClickHouse)', 'router CPU %', 'lines per CPU s (server + router)', 'lines/s written by the container', 'router peak RSS MiB', 'docker logs lines/s', 'lost / doubled'],
  rows,
  [`Targets: at least ${TARGET_PER_CORE.toLocaleString('en')} lines a second per core with nothing lost; router RSS under ${TARGET_RSS_MIB} MiB. awslogs: Docker's driver batches up to 10,000 events or 1 MiB a PutLogEvents, one call at a time per stream. ClickHouse's CPU is its whole server's (anything else using it at the time counts too). FireLens: Docker's fluentd driver sends one line per message and waits for its acknowledgement, which bounds the rate into the router. The router runs as a FireLens task's (the agent's configuration and driver options, no metrics listener); what reached the log store is counted there (the stream's stored bytes; the end its lastIngestionTime), and lines/s written by the container runs from \`docker run\` until the container's last write returned (Docker holds ~11,600 lines between the container and the router, so it runs a little ahead of the router's intake). Since 2026-12-03; before, the router had a metrics listener scraped every 200 ms for its counts in and out (a column "lines/s into the router"), which cost it ~3 MiB of RSS.`,
   `Issue 18's targets, per path and backend: ${verdicts.join('. ')}.`]);
if (failed) process.exit(1);
