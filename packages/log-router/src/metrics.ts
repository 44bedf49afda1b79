// The router's Prometheus metrics (`--metrics-listen HOST:PORT`, GET /metrics): what came in, what the
// disk buffer holds, and per output what was shipped, refused and retried, beside Node's process metrics,
// on the same kind of listener as every Berth process (a scrape token beyond loopback; @berth/api's
// metrics-endpoint, imported alone so the router loads none of the gRPC API). Read from the router's
// counters at scrape time, so the line path does no metric work.
import { createServer, type Server } from 'node:http';
import { checkScrapeExposure, processRegistry, scrapeHandler } from '@berth/api/metrics-endpoint.js';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Router } from './router.js';

const PREFIX = 'berth_log_router_';

export function routerRegistry(router: Router): Registry {
  const registry = processRegistry();
  const counter = (name: string, help: string, read: () => number) => new Counter({
    name: PREFIX + name, help, registers: [registry],
    collect() {
      this.reset();
      this.inc(read());
    },
  });
  const perOutput = (name: string, help: string, read: (s: Router['shippers'][number]) => number) => new Counter({
    name: PREFIX + name, help, labelNames: ['output'], registers: [registry],
    collect() {
      this.reset();
      for (const s of router.shippers) this.inc({ output: s.output.name }, read(s));
    },
  });
  counter('input_records_total', 'Entries taken in from Docker\'s fluentd driver and written to the buffer.', () => router.input.counts.received);
  counter('input_resent_records_total', 'Entries of chunks resent after a lost acknowledgement, recognised and not buffered again.', () => router.input.counts.resent);
  counter('input_connections_total', 'Connections accepted on the Forward input.', () => router.input.counts.connections);
  counter('input_protocol_errors_total', 'Connections closed because what came was not the Forward protocol.', () => router.input.counts.protocolErrors);
  new Gauge({
    name: `${PREFIX}buffer_bytes`, help: 'Bytes held in the disk buffer\'s segment files.', registers: [registry],
    collect() {
      this.set(router.buffer.bytes);
    },
  });
  perOutput('output_records_total', 'Entries the output delivered.', (s) => s.counts.sent);
  perOutput('output_rejected_records_total', 'Entries the destination refused for good (counted, never retried).', (s) => s.counts.rejected);
  perOutput('output_retries_total', 'Failed sends, each retried with backoff.', (s) => s.counts.retries);
  return registry;
}

/** Serves /metrics on HOST:PORT (port 0: any), with `token` required beyond loopback; resolves to the server and the address bound. */
export async function serveMetrics(registry: Registry, listen: string, token?: string): Promise<{ server: Server; address: string }> {
  const i = listen.lastIndexOf(':');
  const host = listen.slice(0, i).replace(/^\[|\]$/g, '');
  checkScrapeExposure(host, token, '--metrics-token-file');
  const server = createServer(scrapeHandler({ registry, ...(token ? { token } : {}) }));
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(Number(listen.slice(i + 1)), host, resolve));
  const a = server.address() as { address: string; port: number };
  return { server, address: `${a.address.includes(':') ? `[${a.address}]` : a.address}:${a.port}` };
}
