// Scenario startup-arch: berth-agent's start-up on each architecture it ships for (issue 25): natively on this
// x86_64 machine (the repository's Node, and Node 18 as Debian 12 ships it, when `deploy/deps.sh node18` has
// installed npm's build), and under QEMU user emulation in the Debian 12 arm64 and armhf root filesystems of
// the Raspberry Pi test (test/arm/rootfs.sh; used only when already built and cached: building one takes
// minutes, and this scenario never does), on the distribution's Node 18. The agent is `make dist`'s tree
// (deploy/packages/stage.mjs: built JavaScript and production dependencies), seen read-only in the machine
// (packages/agent/test/machine-root.ts: an overlay in a mount namespace, this machine's network and Docker).
// Measured from spawn: registered with a join token and connected (the control plane reports agentConnected,
// polled every 20 ms), a task RUNNING (RunTask sent the moment it connects; busybox, prefer-cached), and a
// restart on the kept ECS_DATADIR to connected. Then, the task running, V8's heap as the agent sees it
// (process.memoryUsage(), asked for by a preloaded script on SIGUSR2): information only under QEMU, whose
// user mode reads the RSS as 0, and a different Node from the native run's; RSS is agent-footprint's, native.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { FLEET_API } from '@berth/core';
import { startServerInProcess } from '../sim/server-process.mjs';
import { QUICK, ROOT, fmt, percentile, record, sleep } from './lib.mjs';

const RUNS = QUICK ? 1 : 3;
// An emulated start takes 20-30 s on a loaded 2-core machine: fewer of them.
const EMULATED_RUNS = QUICK ? 1 : 2;
const IMAGE = 'berth-test/busybox:latest';
const say = (m) => process.stderr.write(`  [startup-arch] ${m}\n`);
const ROOTS = process.env.BERTH_ROOTS_CACHE ?? '/var/cache/berth-test/roots';
const NODE18 = join(process.env.BERTH_DEPS_DIR ?? '/var/lib/berth-deps', 'node-v18.20.8', 'bin', 'node');

/** The cached, complete Debian 12 root of `arch` (rootfs.sh's layout), or undefined. */
function cachedRoot(arch) {
  if (!existsSync(ROOTS)) return undefined;
  const dirs = readdirSync(ROOTS).filter((d) => d.startsWith(`bookworm-${arch}-`) && !d.endsWith('.tmp') && existsSync(join(ROOTS, d, '.complete')));
  return dirs.length ? join(ROOTS, dirs[0]) : undefined;
}

const work = mkdtempSync(join(tmpdir(), 'berth-bench-startup-arch-'));
// The packaged agent, and the script that prints its memory on SIGUSR2, both seen by the machines at /mnt/host.
const stage = join(work, 'stage');
execFileSync(process.execPath, [`${ROOT}deploy/packages/stage.mjs`, '@berth/agent', stage], { stdio: ['ignore', 'ignore', 'inherit'] });
writeFileSync(join(stage, 'memory-on-usr2.cjs'), `process.on('SIGUSR2', () => process.stderr.write(JSON.stringify({ msg: 'memory', arch: process.arch, node: process.version, ...process.memoryUsage() }) + '\\n'));\n`);

const targets = [{ name: 'x86_64, native', node: process.execPath, host: true }];
if (existsSync(NODE18)) targets.push({ name: 'x86_64, native, Node 18', node: NODE18, host: true });
else say(`${NODE18} missing (bash deploy/deps.sh node18): no native Node 18 row`);
for (const arch of ['arm64', 'armhf']) {
  const lower = cachedRoot(arch);
  if (lower) targets.push({ name: `${arch}, QEMU user emulation`, node: '/usr/bin/node', lower, arch });
  else say(`no cached ${arch} root in ${ROOTS} (bash test/arm/rootfs.sh ${arch} builds it, minutes): skipped`);
}

const { server, client } = await startServerInProcess(join(work, 'server'));
const cluster = `bench-arch-${process.pid}`;
await client.call('CreateCluster', { clusterName: cluster });
await client.call('RegisterTaskDefinition', { family: cluster, containerDefinitions: [{ name: 'c', image: IMAGE, memory: 16, command: ['/bin/sh', '-c', "trap 'exit 0' TERM; while true; do sleep 1; done"] }] });
const { machineRoot } = await import(`${ROOT}packages/agent/dist/test/machine-root.js`);
const rows = [];
try {
  for (const target of targets) {
    const m = target.host ? undefined : await machineRoot(target.lower, stage);
    const at = (p) => (m ? `/mnt/host/${p}` : join(stage, p));
    const dataRoot = m ? '/tmp' : join(work, 'data');
    const times = { connected: [], running: [], restart: [] };
    let memory, nodeVersion;
    try {
      for (let i = 0; i < (m ? EMULATED_RUNS : RUNS); i++) {
        const env = {
          ECS_CLUSTER: cluster, BERTH_SERVER: server.addr, ECS_DATADIR: `${dataRoot}/agent-${targets.indexOf(target)}-${i}`, ECS_LOGLEVEL: 'warn',
          ECS_AGENT_CONFIG_FILE_PATH: '/nonexistent/ecs.config.json', ECS_IMAGE_PULL_BEHAVIOR: 'prefer-cached', ECS_CONTAINER_STOP_TIMEOUT: '2s', ECS_RESERVED_MEMORY: '0',
          BERTH_INTROSPECTION_ADDR: '127.0.0.1:0', BERTH_METRICS_ADDR: '127.0.0.1:0', BERTH_CREDENTIALS_ADDR: '127.0.0.1:0', BERTH_HOST_PORT_BIND_IP: '127.0.0.1',
        };
        const argv = [target.node, '-r', at('memory-on-usr2.cjs'), at('node_modules/@berth/agent/bin/berth-agent.js')];
        const start = (extra) => {
          const t0 = performance.now();
          const child = m ? m.spawn(argv, { ...env, ...extra }) : spawn(argv[0], argv.slice(1), { env: { PATH: process.env.PATH, ...env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
          const lines = [];
          for (const s of [child.stdout, child.stderr]) createInterface({ input: s }).on('line', (l) => lines.push(l));
          const exited = new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)));
          return { t0, child, lines, exited };
        };
        const stop = async (a) => {
          a.child.kill('SIGTERM');
          await Promise.race([a.exited, sleep(30_000)]);
          if (a.child.exitCode === null && a.child.signalCode === null) a.child.kill('SIGKILL');
        };
        const until = async (a, what, check) => {
          for (;;) {
            const v = await check();
            if (v) return { v, ms: performance.now() - a.t0 };
            if (a.child.exitCode !== null) throw new Error(`${target.name}: the agent exited (${a.child.exitCode}) before ${what}: ${a.lines.slice(-5).join('\n')}`);
            if (performance.now() - a.t0 > 300_000) throw new Error(`${target.name}: no ${what} after 300 s: ${a.lines.slice(-5).join('\n')}`);
            await sleep(20);
          }
        };
        const connectedArn = (except) => async () => {
          const l = await client.call('ListContainerInstances', { cluster, status: 'ACTIVE' });
          if (!l.containerInstanceArns?.length) return undefined;
          const d = await client.call('DescribeContainerInstances', { cluster, containerInstances: l.containerInstanceArns });
          return d.containerInstances.find((c) => c.agentConnected && (except ? c.containerInstanceArn === except : true))?.containerInstanceArn;
        };
        // First start: a one-use join token, a new key and certificate; a task the moment it is connected.
        const token = (await client.callApi(FLEET_API, 'CreateJoinToken', { cluster, uses: 1 })).token;
        const first = start({ BERTH_JOIN_TOKEN: token });
        let arn;
        try {
          const c = await until(first, 'connected', connectedArn());
          arn = c.v;
          times.connected.push(c.ms);
          const r = await client.call('StartTask', { cluster, taskDefinition: cluster, containerInstances: [arn] });
          if (r.failures?.length) throw new Error(`StartTask: ${r.failures[0].reason}`);
          const taskArn = r.tasks[0].taskArn;
          times.running.push((await until(first, 'a task RUNNING', async () => {
            const d = await client.call('DescribeTasks', { cluster, tasks: [taskArn] });
            if (d.tasks[0]?.lastStatus === 'STOPPED') throw new Error(`${target.name}: the task stopped: ${d.tasks[0].stoppedReason}`);
            return d.tasks[0]?.lastStatus === 'RUNNING';
          })).ms);
          await sleep(2000);
          first.child.kill('SIGUSR2');
          const line = await until(first, 'its memory line', async () => first.lines.find((l) => l.includes('"msg":"memory"')));
          memory = JSON.parse(line.v);
          nodeVersion = `${memory.node} ${memory.arch}`;
          await client.call('StopTask', { cluster, task: taskArn, reason: 'bench' });
        } finally {
          await stop(first);
        }
        // Restart on the kept ECS_DATADIR, once the control plane has seen the session go.
        for (let w = 0; w < 1500 && (await client.call('DescribeContainerInstances', { cluster, containerInstances: [arn] })).containerInstances[0].agentConnected; w++) await sleep(20);
        const again = start({});
        try {
          times.restart.push((await until(again, 'connected again', connectedArn(arn))).ms);
        } finally {
          await stop(again);
        }
        await client.call('DeregisterContainerInstance', { cluster, containerInstance: arn, force: true });
      }
    } finally {
      try {
        const left = execFileSync('docker', ['ps', '-aq', '--filter', `label=com.amazonaws.ecs.cluster=${cluster}`], { encoding: 'utf8' }).trim();
        if (left) execFileSync('docker', ['rm', '-f', ...left.split('\n')], { stdio: 'ignore' });
      } catch (e) {
        say(`container cleanup failed: ${e.message}`);
      }
      await m?.close();
    }
    const mib = (b) => fmt(b / 2 ** 20, 1);
    say(`${target.name} (${nodeVersion}): connected ${times.connected.map((x) => fmt(x)).join(', ')} ms; task RUNNING ${times.running.map((x) => fmt(x)).join(', ')} ms; restart ${times.restart.map((x) => fmt(x)).join(', ')} ms; heap ${mib(memory.heapUsed)} MiB`);
    const med = (xs) => `**${fmt(percentile(xs, 50))}**${xs.length > 1 ? ` (${fmt(Math.min(...xs))}-${fmt(Math.max(...xs))})` : ''}`;
    rows.push([target.name, nodeVersion, times.connected.length, med(times.connected), med(times.running), med(times.restart), mib(memory.heapUsed), mib(memory.heapTotal), mib(memory.external), memory.rss ? mib(memory.rss) : '0 (QEMU)']);
  }
} finally {
  client.close();
  await server.close();
  rmSync(work, { recursive: true, force: true });
}

record('startup-arch: berth-agent from spawn, natively and under QEMU (arm64, armhf)', ['machine', 'Node', 'runs', 'to connected ms (first start, join token)', 'to a task RUNNING ms', 'restart to connected ms', 'heapUsed MiB', 'heapTotal MiB', 'external MiB', 'rss MiB (as Node reads it)'], rows, [
  `The packaged agent (deploy/packages/stage.mjs @berth/agent: make dist's tree) started by its bin with the launcher's V8 flags, ECS_LOGLEVEL=warn, against a control plane in the bench's process (file store, TLS, loopback); the emulated ones in the cached Debian 12 roots of the Raspberry Pi test (test/arm/rootfs.sh) on Debian's nodejs, through qemu-user-static, with this machine's network and dockerd. From spawn: connected (a join token, a new key and certificate; agentConnected polled every 20 ms), a task RUNNING (StartTask on it the moment it connects; busybox, prefer-cached), and a restart on the kept ECS_DATADIR. Memory: process.memoryUsage() 2 s after the task ran; under QEMU information only (user mode reads rss as 0; the heap is V8's own count, the same code on another Node than the native row's). Emulation says how much slower the same agent starts where every instruction is translated, not how fast a Pi is.`,
  `${RUNS} run(s) natively, ${EMULATED_RUNS} emulated; a root that is not cached is skipped (bash test/arm/rootfs.sh ARCH builds one, about 2-3 minutes).`,
]);
