// The control plane in its own process for the simulations and benchmarks: the same startServer that
// berth-server (packages/server/src/main.ts) calls, plus an IPC channel so the parent can read the
// dispatcher's session count and this process's CPU and memory, and ask for a graceful close.
// Flags: --listen HOST:PORT --store URL [--log-level warn] [--agent-heartbeat-ms N] [--session-ttl-s N]
import { parseArgs } from 'node:util';
import { createLogger, parseLevel, startServer } from '@berth/server';

const { values: a } = parseArgs({
  options: {
    listen: { type: 'string', default: '127.0.0.1:0' },
    store: { type: 'string' },
    'log-level': { type: 'string', default: 'warn' },
    'agent-heartbeat-ms': { type: 'string' },
    'session-ttl-s': { type: 'string' },
  },
});
const log = createLogger(parseLevel(a['log-level'], 'warn'), { component: 'berth-server(bench child)' });
const server = await startServer({
  listen: a.listen,
  store: a.store,
  log,
  agents: {
    ...(a['agent-heartbeat-ms'] ? { heartbeatPeriodMs: Number(a['agent-heartbeat-ms']) } : {}),
    ...(a['session-ttl-s'] ? { sessionTtlSeconds: Number(a['session-ttl-s']) } : {}),
  },
});
let closing;
const close = () => (closing ??= server.close());
const send = (m) => process.send?.(m);
process.on('message', async (m) => {
  if (m.type === 'stats') {
    send({ type: 'stats', id: m.id, sessions: server.dispatcher.size, cpu: process.cpuUsage(), rss: process.memoryUsage().rss });
  } else if (m.type === 'close') {
    const t0 = performance.now();
    await close();
    send({ type: 'closed', ms: performance.now() - t0 });
    process.exit(0);
  }
});
process.on('SIGTERM', () => void close().then(() => process.exit(0)));
// Without a parent there is nothing to serve: exit rather than linger.
process.on('disconnect', () => void close().then(() => process.exit(0)));
send({ type: 'listening', addr: server.addr, port: server.port });
