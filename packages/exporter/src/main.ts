// berth-exporter: one cluster's state as Prometheus metrics (docs/metrics.md), read through Berth's API with
// the certificate it got by joining with a token of kind exporter. Flags in USAGE; SIGTERM/SIGINT stop it.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { createLogger, parseFlags, parseLevel, readScrapeToken } from '@berth/api';
import { parseGoDuration } from '@berth/core';
import { DEFAULT_EXPORTER_LISTEN, startExporter } from './exporter.js';

const USAGE = `Usage: berth-exporter [flags]
  --server HOST:PORT[,...]   the control plane (default $BERTH_SERVER, else 127.0.0.1:7420)
  --data-dir DIR             where its key and certificate are kept (default ~/.berth/exporter)
  --listen HOST:PORT         Prometheus /metrics (default ${DEFAULT_EXPORTER_LISTEN}; port 0 picks one)
  --metrics-token-file FILE  scrapes must send this token (Authorization: Bearer); required beyond loopback
  --refresh DUR              how often it reads the cluster's state (default 15s); a scrape reads nothing
  --max-series N             most cluster series one scrape serves (default 10000)
  --load-balancers           also serve ELB's figures of every load balancer and target group (one
                             exporter of the fleet should: load balancers belong to no cluster)
  --log-level LEVEL          debug | info | warn | error (default info)
The first start joins with a token of kind exporter, in BERTH_JOIN_TOKEN or the file BERTH_JOIN_TOKEN_FILE
(berth create join-token --kind exporter --cluster NAME); later starts use the certificate in --data-dir.`;

const args = parseFlags({
  server: { type: 'string' },
  'data-dir': { type: 'string' },
  listen: { type: 'string' },
  'metrics-token-file': { type: 'string' },
  refresh: { type: 'string' },
  'max-series': { type: 'string' },
  'load-balancers': { type: 'boolean' },
  'log-level': { type: 'string' },
}, USAGE);
const log = createLogger(parseLevel(args['log-level']), { component: 'berth-exporter' });
try {
  const listen = /^(\[[^\]]+\]|[^:]*):(\d+)$/.exec(args.listen ?? DEFAULT_EXPORTER_LISTEN);
  if (!listen) throw new Error(`--listen must be HOST:PORT (got ${args.listen})`);
  const maxSeries = Number(args['max-series'] ?? 10_000);
  if (!Number.isSafeInteger(maxSeries) || maxSeries < 1) throw new Error(`--max-series must be a positive whole number (got ${args['max-series']})`);
  const tokenFile = process.env.BERTH_JOIN_TOKEN_FILE;
  const joinToken = (tokenFile ? readFileSync(tokenFile, 'utf8') : process.env.BERTH_JOIN_TOKEN ?? '').trim();
  const exporter = await startExporter({
    servers: (args.server ?? process.env.BERTH_SERVER ?? '127.0.0.1:7420').split(',').map((s) => s.trim()).filter(Boolean),
    ...(joinToken ? { joinToken } : {}),
    dataDir: args['data-dir'] ?? join(homedir(), '.berth', 'exporter'),
    listen: { host: listen[1]!.replace(/^\[|\]$/g, ''), port: Number(listen[2]) },
    ...(args['metrics-token-file'] ? { scrapeToken: readScrapeToken(args['metrics-token-file'], '--metrics-token-file') } : {}),
    refreshMs: parseGoDuration(args.refresh ?? '15s', '--refresh'),
    maxSeries,
    loadBalancers: args['load-balancers'] === true,
    log,
  });
  log.info('berth-exporter started', { cluster: exporter.cluster, addr: exporter.addr });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    await exporter.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
} catch (e) {
  log.error('berth-exporter failed to start', { error: (e as Error).message });
  process.exit(1);
}
