// The agent's metrics listener (BERTH_METRICS_ADDR): Prometheus /metrics, with the scrape token when one is
// set. Optional like introspection: an address that cannot be bound is logged and retried, never fatal.
import { hostname } from 'node:os';
import type { Logger } from '@berth/api';
import { scrapeHandler } from '@berth/api/metrics-endpoint.js';
import type { Registry } from 'prom-client';
import { Listener, formatAddr, type ListenAddr } from './listener.js';

export interface MetricsListener {
  addr(): string | undefined;
  /** The HOST:PORT to advertise: the bound address (the host name for a wildcard), else the configured fixed one. */
  advertised(): string | undefined;
  close(): Promise<void>;
}

export async function startMetricsListener(o: ListenAddr & { log: Logger; registry: Registry; token?: string; retryMs?: number }): Promise<MetricsListener> {
  const listener = new Listener({
    name: 'metrics', host: o.host, port: o.port, log: o.log,
    handler: scrapeHandler({ registry: o.registry, ...(o.token ? { token: o.token } : {}) }),
    ...(o.retryMs !== undefined ? { retryMs: o.retryMs } : {}),
  });
  await listener.start();
  const wildcard = ['0.0.0.0', '::', ''].includes(o.host);
  return {
    addr: () => listener.addr(),
    advertised: () => {
      const port = listener.port();
      return port === undefined ? undefined : formatAddr(wildcard ? hostname() : o.host, port);
    },
    close: () => listener.close(),
  };
}
