// Starts berth-server's startServer in a child process (server-child.mjs), so on a small machine the
// control plane and the simulated fleet each get their own core instead of sharing one event loop.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { procCpu } from './process-stats.mjs';

const CHILD = fileURLToPath(new URL('./server-child.mjs', import.meta.url));
const live = new Set();
process.on('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

/**
 * @param {object} o
 * @param {string} o.store          file:PATH or etcd://HOST:PORT
 * @param {number} [o.port=0]       0 picks a free port
 * @param {string[]} [o.nodeArgs]   e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/x'], ['--expose-gc']
 * @param {string} [o.logLevel='warn']
 * @param {number} [o.heartbeatPeriodMs]
 * @param {number} [o.sessionTtlSeconds]
 * @param {object} [o.options]      more startServer options (JSON-serialisable: retention, services, compaction...)
 * @param {string} [o.profileName]  part of the .cpuprofile name when BENCH_CPU_PROF is set
 */
export async function startServerProcess({ store, port = 0, nodeArgs = [], logLevel = process.env.BENCH_LOG_LEVEL ?? 'warn', heartbeatPeriodMs, sessionTtlSeconds, options = {}, profileName }) {
  // BENCH_CPU_PROF=DIR: every server child runs under node --cpu-prof, its profile written to DIR on exit.
  if (process.env.BENCH_CPU_PROF && !nodeArgs.some((a) => a.startsWith('--cpu-prof'))) {
    const name = `server-${profileName ?? 'bench'}-${process.pid}-${Date.now().toString(36)}.cpuprofile`;
    nodeArgs = [...nodeArgs, '--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`, `--cpu-prof-name=${name}`];
  }
  const agents = {
    ...options.agents,
    ...(heartbeatPeriodMs ? { heartbeatPeriodMs } : {}),
    ...(sessionTtlSeconds ? { sessionTtlSeconds } : {}),
  };
  const args = ['--listen', `127.0.0.1:${port}`, '--store', store, '--log-level', logLevel, '--options', JSON.stringify({ insecure: true, ...options, agents })];
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
  return {
    addr: listening.addr,
    port: listening.port,
    pid: child.pid,
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
    /** Live keys in the server's store by kind ({ tasks: n, events: n, ... }), counted by the server process. */
    async keys() {
      const m = await ask('keys');
      if (m.error) throw new Error(`server child: counting keys failed: ${m.error}`);
      return m.keys;
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
