// Starts berth-server's startServer in a child process (server-child.mjs), so on a small machine the
// control plane and the simulated fleet each get their own core instead of sharing one event loop. It runs
// as a real one does: TLS from the cluster CA, every API call signed with the admin's access key (from the
// CLI config its first start writes), machines joining with a token. On etcd it keeps its keys under a
// namespace of its own, so every run is a first start (its own CA and admin) whatever the etcd holds.
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clientForContext, readCliConfig } from '@berth/api';
import { silentLogger, startServer } from '@berth/server';
import { procCpu, threadCpu } from './process-stats.mjs';

const CHILD = fileURLToPath(new URL('./server-child.mjs', import.meta.url));
/**
 * The Node options berth-server runs with: its launcher's first line (`#!/usr/bin/env -S node OPTIONS`,
 * packages/server/bin/berth-server.js), so the child measured is the control plane as it ships.
 */
export const SERVER_NODE_OPTIONS = readFileSync(fileURLToPath(new URL('../../packages/server/bin/berth-server.js', import.meta.url)), 'utf8')
  .split('\n')[0].replace(/^#!\/usr\/bin\/env( -S)? node ?/, '').split(' ').filter(Boolean);
/**
 * Joins a second (--join-rate and --join-rate-per-source 1000, bursts of 5,000): a simulated fleet joins
 * from one address, faster than the defaults (10 a second overall, 1 per address) let machines in.
 */
export const FLEET_JOIN_RATE = { perSecond: 1000, burst: 5000 };
const live = new Set();
process.on('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

/**
 * The control plane in this process, on a file store in `dir`, as a real one runs (TLS, the admin's signed
 * calls from the CLI config its first start writes to DIR/config.yaml), for scenarios that measure
 * something else (a real agent's footprint, task start) or check the simulator.
 * @returns {Promise<{ server: object, client: object }>} the RunningServer and the admin's client
 */
export async function startServerInProcess(dir, options = {}) {
  const bootstrapConfig = join(dir, 'config.yaml');
  const server = await startServer({
    listen: '127.0.0.1:0', store: `file:${join(dir, 'berth.db')}`, log: silentLogger, bootstrapConfig,
    fleet: { joinRateLimit: { perSource: FLEET_JOIN_RATE, overall: FLEET_JOIN_RATE } }, ...options,
  });
  return { server, client: clientForContext({ ...readCliConfig(bootstrapConfig).contexts[0], server: server.addr }) };
}

/**
 * @param {object} o
 * @param {string} o.store          file:PATH or etcd://HOST:PORT
 * @param {string} [o.dir]          the secrets key and the admin's CLI config (config.yaml) live here: a new
 *                                  temporary directory, or the one of an earlier start to restart it
 * @param {string} [o.namespace]    etcd only: the prefix the server's keys live under (default a new one;
 *                                  an earlier start's to restart it); clearNamespace() removes it
 * @param {number} [o.port=0]       0 picks a free port
 * @param {string[]} [o.nodeArgs]   e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/x'], ['--expose-gc']
 * @param {string} [o.logLevel='warn']
 * @param {number} [o.heartbeatPeriodMs]
 * @param {number} [o.sessionTtlSeconds]
 * @param {object} [o.options]      more startServer options (JSON-serialisable: retention, services, compaction...)
 * @param {string} [o.profileName]  part of the .cpuprofile name when BENCH_CPU_PROF is set
 */
export async function startServerProcess({ store, dir = mkdtempSync(join(tmpdir(), 'berth-bench-server-')), namespace, port = 0, nodeArgs = [], logLevel = process.env.BENCH_LOG_LEVEL ?? 'warn', heartbeatPeriodMs, sessionTtlSeconds, options = {}, profileName }) {
  // BENCH_CPU_PROF=DIR: every server child runs under node --cpu-prof, its profile written to DIR on exit.
  if (process.env.BENCH_CPU_PROF && !nodeArgs.some((a) => a.startsWith('--cpu-prof'))) {
    const name = `server-${profileName ?? 'bench'}-${process.pid}-${Date.now().toString(36)}.cpuprofile`;
    nodeArgs = [...nodeArgs, '--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`, `--cpu-prof-name=${name}`];
  }
  if (store.startsWith('etcd://')) namespace ??= `/berth-bench/${profileName ?? 'bench'}-${process.pid}-${Date.now().toString(36)}`;
  const agents = {
    ...options.agents,
    ...(heartbeatPeriodMs ? { heartbeatPeriodMs } : {}),
    ...(sessionTtlSeconds ? { sessionTtlSeconds } : {}),
  };
  const contextFile = join(dir, 'config.yaml');
  const fleet = { ...options.fleet, joinRateLimit: { perSource: FLEET_JOIN_RATE, overall: FLEET_JOIN_RATE } };
  const serverOptions = { bootstrapConfig: contextFile, secretsKeyPath: join(dir, 'secrets.key'), ...options, agents, fleet };
  const args = ['--listen', `127.0.0.1:${port}`, '--store', store, ...(namespace ? ['--store-namespace', namespace] : []), '--log-level', logLevel, '--options', JSON.stringify(serverOptions)];
  nodeArgs = [...SERVER_NODE_OPTIONS, ...nodeArgs];
  // BENCH_SERVER_NODE_ARGS: Node options for the server child only (space-separated, after the launcher's,
  // so the same option given again wins), e.g. --v8-pool-size=1.
  if (process.env.BENCH_SERVER_NODE_ARGS) nodeArgs = [...nodeArgs, ...process.env.BENCH_SERVER_NODE_ARGS.split(' ').filter(Boolean)];
  const child = fork(CHILD, args, { execArgv: nodeArgs, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  live.add(child);
  const exited = new Promise((r) => child.once('exit', (code, signal) => {
    live.delete(child);
    r({ code, signal });
  }));
  const waiters = new Map();
  let nextId = 0;
  child.on('message', (m) => {
    const w = waiters.get(m.id ?? m.type);
    if (w) {
      waiters.delete(m.id ?? m.type);
      w(m);
    }
  });
  const waitFor = (key, timeoutMs = 30_000) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => { waiters.delete(key); reject(new Error(`server child: no ${key} message`)); }, timeoutMs);
    waiters.set(key, (m) => { clearTimeout(timer); resolve(m); });
  });
  const ask = (type, extra = {}) => {
    const id = ++nextId;
    const p = waitFor(id, 120_000);
    child.send({ type, id, ...extra });
    return p;
  };
  const listening = await Promise.race([
    waitFor('listening', 60_000),
    exited.then(({ code, signal }) => { throw new Error(`server child exited before listening (code ${code}, signal ${signal})`); }),
  ]);
  // The admin of the first start (a restart on the same store and dir finds it there still).
  const admin = { ...readCliConfig(contextFile).contexts[0], server: listening.addr };
  return {
    addr: listening.addr,
    port: listening.port,
    pid: child.pid,
    dir,
    namespace,
    /** The admin's CLI context (server, CA, access key): what a worker thread builds its client from. */
    admin,
    /** The cluster CA (PEM). */
    caPem: admin.certificateAuthority,
    /** A client of the admin: TLS trusting the CA, every call signed. */
    client(opts = {}) {
      return clientForContext(admin, opts);
    },
    child,
    exited,
    /** { sessions: dispatcher.size, rss, heapUsed }; gc: true collects first (needs nodeArgs ['--expose-gc']). */
    stats({ gc = false } = {}) {
      return ask('stats', { gc });
    },
    /** The server's CPU time so far (its process, from /proc), in process.cpuUsage()'s shape (µs). */
    cpu() {
      return procCpu(child.pid);
    },
    /** The CPU time of the server's main thread (its event loop) alone, in the same shape. */
    mainThreadCpu() {
      return threadCpu(child.pid);
    },
    /**
     * A V8 profile of the server's main thread over a phase: profile('start'), then profile('stop', FILE)
     * writes it as a .cpuprofile (an inspector session in the child, so start-up does not drown the phase).
     */
    async profile(action, file) {
      const m = await ask('profile', { action, file });
      if (m.error) throw new Error(`server child: profile ${action} failed: ${m.error}`);
    },
    /** Where API calls' time went in the server, by `ACTION OUTCOME STAGE` (server/src/call-stages.ts); reset: start afresh. */
    async stages({ reset = false } = {}) {
      return (await ask('stages', { reset })).stages;
    },
    /** BENCH_WRITE_BYTES=1: writeBytes('start'), then writeBytes('stop') answers { writes, watched } by key kind. */
    async writeBytes(action) {
      const m = await ask('write-bytes', { action });
      if (m.error) throw new Error(`server child: write-bytes ${action} failed: ${m.error}`);
      return m.counts;
    },
    /** Live keys in the server's store by kind ({ tasks: n, events: n, ... }), counted by the server process. */
    async keys() {
      const m = await ask('keys');
      if (m.error) throw new Error(`server child: counting keys failed: ${m.error}`);
      return m.keys;
    },
    /** How many of the cluster's instance records say agentConnected (the connectivity controller has recorded their sessions). */
    async agentConnectedRecords(cluster) {
      return (await ask('agent-connected-records', { cluster })).n;
    },
    /** Graceful: startServer's close() (agents are told to reconnect), then the process exits. */
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      const closed = waitFor('closed', 60_000).catch(() => undefined);
      child.send({ type: 'close' });
      await closed;
      return exited;
    },
    kill(signal = 'SIGKILL') {
      child.kill(signal);
      return exited;
    },
  };
}
