// berth-log-router: the FireLens sidecar's process.
//   berth-log-router [--config FILE] [--listen unix:PATH | HOST:PORT] [--buffer-dir DIR] [--buffer-max-bytes N]
//                    [--metrics-listen HOST:PORT [--metrics-token-file FILE]]
// The configuration is Fluent Bit's [OUTPUT] sections as JSON (see config.ts); its default path and the
// default socket are where the agent mounts them in a FireLens task (ECS puts the socket in /var/run too).
// SIGTERM stops taking lines and ships what is buffered, then exits (the task's containers stopped first);
// SIGINT stops after the batches in hand. What was not shipped stays in the buffer for the next start.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { FIRELENS_CONFIG_DIR, FIRELENS_CONFIG_FILE, FIRELENS_SOCKET, FIRELENS_SOCKET_DIR } from '@berth/core/firelens.js';
import { ConfigError, parseConfig } from './config.js';
import { startRouter } from './router.js';
import { boundHeapGrowth } from './heap-bound.js';

const log = (msg: string, f?: object) => process.stderr.write(JSON.stringify({ time: new Date().toISOString(), msg, ...f }) + '\n');

const USAGE = 'usage: berth-log-router [--config FILE] [--listen unix:PATH|HOST:PORT] [--buffer-dir DIR] [--buffer-max-bytes N] [--metrics-listen HOST:PORT [--metrics-token-file FILE]]';


async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      config: { type: 'string', default: `${FIRELENS_CONFIG_DIR}/${FIRELENS_CONFIG_FILE}` },
      listen: { type: 'string', default: `unix:${FIRELENS_SOCKET_DIR}/${FIRELENS_SOCKET}` },
      'buffer-dir': { type: 'string', default: '/var/lib/berth-log-router' },
      'buffer-max-bytes': { type: 'string' },
      'metrics-listen': { type: 'string' },
      'metrics-token-file': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return;
  }
  const config = parseConfig(readFileSync(values.config, 'utf8'));
  const router = await startRouter({
    ...config,
    listen: values.listen,
    bufferDir: values['buffer-dir'],
    ...(values['buffer-max-bytes'] ? { buffer: { maxBytes: Number(values['buffer-max-bytes']) } } : {}),
    log,
  });
  log('berth-log-router listening', { address: router.address, outputs: router.shippers.map((s) => s.output.name) });
  // Its peak RSS is mostly garbage V8 has not collected yet (heap-bound.ts).
  const heap = boundHeapGrowth();
  // prom-client and Node's process metrics are loaded only for a metrics listener (a FireLens task's router
  // has none): they cost the router ~3 MiB of its RSS (issue 18: under 64 MiB).
  let metrics: { server: import('node:http').Server; address: string } | undefined;
  const metricsListen = values['metrics-listen'];
  if (metricsListen) {
    const [{ readScrapeToken }, { routerRegistry, serveMetrics }] = await Promise.all([import('@berth/api/metrics-endpoint.js'), import('./metrics.js')]);
    const token = values['metrics-token-file'] ? readScrapeToken(values['metrics-token-file'], '--metrics-token-file') : undefined;
    metrics = await serveMetrics(routerRegistry(router), metricsListen, token);
  }
  if (metrics) log('listening', { name: 'metrics', addr: metrics.address });
  const stop = async (drain: boolean) => {
    heap.stop();
    if (drain) await router.drain();
    metrics?.server.close();
    await router.close();
    log('berth-log-router stopped', {
      received: router.input.counts.received,
      outputs: Object.fromEntries(router.shippers.map((s) => [s.output.name, s.counts])),
    });
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop(true));
  process.once('SIGINT', () => void stop(false));
}

main().catch((err) => {
  log(err instanceof ConfigError ? `configuration: ${err.message}` : `berth-log-router failed: ${(err as Error).stack}`);
  process.exit(err instanceof ConfigError ? 2 : 1);
});
