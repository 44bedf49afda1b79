// The control plane in its own process for the simulations and benchmarks: the same startServer that
// berth-server (packages/server/src/main.ts) calls, plus an IPC channel so the parent can read the
// dispatcher's session count, this process's memory and the store's keys by kind, and ask for a graceful
// close. Flags: --listen HOST:PORT --store URL [--store-namespace /NAME: the server's keys under this prefix
// of an etcd shared with others] [--log-level warn] [--options JSON: more startServer options, e.g.
// {"agents":{"heartbeatPeriodMs":1000},"taskRetentionSeconds":60}]
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { ROOT, createLogger, parseLevel, startServer } from '@berth/server';
import { PrefixedStore, openStore } from '@berth/store';
import { keysByKind } from './store-stats.mjs';
import { countingWrites } from './write-bytes.mjs';

const { values: a } = parseArgs({
  options: {
    listen: { type: 'string', default: '127.0.0.1:0' },
    store: { type: 'string' },
    'store-namespace': { type: 'string' },
    'log-level': { type: 'string', default: 'warn' },
    options: { type: 'string', default: '{}' },
  },
});
const log = createLogger(parseLevel(a['log-level'], 'warn'), { component: 'berth-server(bench child)' });
// A namespace is a store the server is given, not one it opens: it is closed here, after the server.
const given = a['store-namespace'] ? new PrefixedStore(await openStore(a.store), a['store-namespace']) : a.store;
// BENCH_WRITE_BYTES=1: the store wrapped to count what is written and watched (write-bytes.mjs).
const counting = process.env.BENCH_WRITE_BYTES === '1' ? countingWrites(typeof given === 'string' ? await openStore(given) : given, ROOT) : undefined;
const store = counting?.store ?? given;
const server = await startServer({ ...JSON.parse(a.options), listen: a.listen, store, log });
let closing;
const close = () => (closing ??= server.close().then(() => (typeof store === 'string' ? undefined : store.close())));
const send = (m) => process.send?.(m);
/** An inspector session profiling a phase of this thread (the parent's profile('start'/'stop')). */
let profiler;
process.on('message', async (m) => {
  if (m.type === 'stats') {
    // With --expose-gc and {gc: true}: a full collection first, so heapUsed is the live heap, not garbage.
    if (m.gc && globalThis.gc) globalThis.gc();
    const mem = process.memoryUsage();
    send({ type: 'stats', id: m.id, sessions: server.dispatcher.size, rss: mem.rss, heapUsed: mem.heapUsed });
  } else if (m.type === 'keys') {
    await keysByKind(server.ctx.store, ROOT).then(
      (keys) => send({ type: 'keys', id: m.id, keys }),
      (e) => send({ type: 'keys', id: m.id, error: String(e?.message ?? e) }),
    );
  } else if (m.type === 'profile') {
    try {
      if (m.action === 'start') {
        profiler ??= new Session();
        profiler.connect();
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.start');
      } else {
        const { profile } = await profiler.post('Profiler.stop');
        writeFileSync(m.file, JSON.stringify(profile));
        profiler.disconnect();
      }
      send({ type: 'profile', id: m.id });
    } catch (e) {
      send({ type: 'profile', id: m.id, error: String(e?.message ?? e) });
    }
  } else if (m.type === 'write-bytes') {
    if (!counting) send({ type: 'write-bytes', id: m.id, error: 'not counting: start the child with BENCH_WRITE_BYTES=1' });
    else if (m.action === 'start') send({ type: 'write-bytes', id: m.id, ...(counting.start(), {}) });
    else send({ type: 'write-bytes', id: m.id, counts: counting.stop() });
  } else if (m.type === 'agent-connected-records') {
    // Instance records of the cluster whose agentConnected the connectivity controller has recorded.
    let n = 0;
    let after;
    for (;;) {
      const page = await server.ctx.store.range(`${ROOT}instances/${m.cluster}/`, { limit: 500, ...(after ? { after } : {}) });
      for (const kv of page.kvs) if (JSON.parse(kv.value.toString()).instance?.agentConnected === true) n++;
      if (!page.more || page.kvs.length === 0) break;
      after = page.kvs[page.kvs.length - 1].key;
    }
    send({ type: 'agent-connected-records', id: m.id, n });
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
