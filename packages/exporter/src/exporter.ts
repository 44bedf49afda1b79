// berth-exporter as a library: join the cluster with a token of kind `exporter` (or use the certificate
// its data directory holds), refresh its view of the cluster through the API on a timer (its state, then
// the control plane's CloudWatch figures of it and, with --load-balancers, of every load balancer), and
// serve the last view as Prometheus metrics, capped in series. A scrape only renders what the last refresh read: it
// starts no collection, so any number of Prometheus servers cost the cluster nothing more.
import { X509Certificate } from 'node:crypto';
import { Gauge, Counter, type Registry } from 'prom-client';
import { BerthClient, checkScrapeExposure, listenForScrapes, processRegistry, scrapeHandler, type ChannelTls, type Logger } from '@berth/api';
import { CertificateRenewal, joinCluster, loadMachineCredentials, type MachineCredentials } from '@berth/agent';
import { containerInsightsOn, identityFromSubjectAltName } from '@berth/core';
import { capSeries, fleetSamples, renderSamples, servedInstances, servedServices } from './fleet-metrics.js';
import { readFleet } from './fleet-reader.js';
import { SeriesValues, balancerSeries, utilizationSeries } from './cloudwatch-series.js';
import { readBalancers, readDatapoints } from './cloudwatch-reader.js';

export const DEFAULT_EXPORTER_LISTEN = '127.0.0.1:9420';

/** A CloudWatch figure older than this is a gap (three of the control plane's default one-minute periods). */
const FIGURE_WINDOW_SECONDS = 180;
/** How far back a read goes to add the periods a counter missed while reads failed. */
const COUNTER_CATCH_UP_SECONDS = 3600;

export interface ExporterOptions {
  servers: string[];
  /** A join token of kind `exporter`; unused once the data directory holds a certificate. */
  joinToken?: string;
  /** Where the key, certificate and CA are kept (0700/0600). */
  dataDir: string;
  listen: { host: string; port: number };
  /** Scrapes must send it; required beyond loopback. */
  scrapeToken?: string;
  refreshMs: number;
  /** Most cluster series one scrape serves (the exporter's own are not counted). */
  maxSeries: number;
  /** Serve ELB's figures of every load balancer and target group too (--load-balancers). */
  loadBalancers?: boolean;
  log: Logger;
}

export interface RunningExporter {
  addr: string;
  cluster: string;
  registry: Registry;
  /** Refreshes now (tests), resolving when the view is replaced or the refresh failed. */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

/** The cluster an exporter's certificate names (its URI `urn:berth:exporter:CLUSTER/ID`). */
export function certificateCluster(certPem: string): string {
  const who = identityFromSubjectAltName(new X509Certificate(certPem).subjectAltName);
  if (who?.kind !== 'exporter') throw new Error('the certificate in the data directory is not an exporter\'s: join with a token of kind exporter and an empty --data-dir');
  return who.cluster;
}

async function credentials(o: ExporterOptions): Promise<MachineCredentials> {
  const have = loadMachineCredentials(o.dataDir);
  if (have) return have;
  if (!o.joinToken) throw new Error(`no certificate in ${o.dataDir} and no join token: create one with berth create join-token --kind exporter --cluster NAME, and give it in BERTH_JOIN_TOKEN`);
  return (await joinCluster(o.servers, o.joinToken, undefined, o.dataDir, o.log)).credentials;
}

export async function startExporter(o: ExporterOptions): Promise<RunningExporter> {
  checkScrapeExposure(o.listen.host, o.scrapeToken, '--metrics-token-file');
  const creds = await credentials(o);
  const cluster = certificateCluster(creds.certPem);
  let client = new BerthClient(o.servers, { tls: creds });
  const renewal = new CertificateRenewal({
    servers: o.servers, dataDir: o.dataDir, credentials: creds, log: o.log,
    onRenewed: (tls: ChannelTls) => {
      const old = client;
      client = new BerthClient(o.servers, { tls });
      old.close();
    },
  });
  renewal.start();

  const registry = processRegistry();
  // The cluster's families, rendered once per refresh and served after the registry's own metrics.
  let rendered = renderSamples([]);
  let series = 0;
  let dropped = 0;
  const refreshes = new Counter({ name: 'berth_exporter_refreshes_total', help: 'Reads of the cluster\'s state through the API, by result (ok, error).', labelNames: ['result'], registers: [registry] });
  const refreshSeconds = new Gauge({ name: 'berth_exporter_refresh_duration_seconds', help: 'How long the last successful read of the cluster\'s state took.', registers: [registry] });
  const refreshedAt = new Gauge({ name: 'berth_exporter_last_refresh_timestamp_seconds', help: 'When the served view was read (epoch seconds).', registers: [registry] });
  new Gauge({ name: 'berth_exporter_series', help: 'Cluster series served (after the cap).', registers: [registry], collect() {
    this.set(series);
  } });
  new Gauge({ name: 'berth_exporter_series_dropped', help: 'Cluster series left out by the cap (--max-series) at the last refresh.', registers: [registry], collect() {
    this.set(dropped);
  } });
  new Gauge({ name: 'berth_exporter_max_series', help: 'The cap on cluster series per scrape (--max-series).', registers: [registry] }).set(o.maxSeries);

  // What the CloudWatch series' counters have added so far.
  const figures = new SeriesValues();
  /** The fleet, then the CloudWatch figures of its cluster, services and instances, and the load balancers'. */
  const read = async () => {
    const fleet = await readFleet(client, cluster);
    const insights = containerInsightsOn(fleet.cluster.settings);
    const series = [
      ...utilizationSeries(cluster, servedServices(fleet).map((s) => s.serviceName!), insights ? servedInstances(fleet).map((i) => i.id) : []),
      ...(o.loadBalancers ? balancerSeries(await readBalancers(client)) : []),
    ];
    const now = Date.now() / 1000;
    const datapoints = await readDatapoints(client, series, Math.floor(figures.since(now, FIGURE_WINDOW_SECONDS, COUNTER_CATCH_UP_SECONDS)), Math.ceil(now) + 1);
    return [...fleetSamples(fleet), ...figures.samples(series, datapoints, now, FIGURE_WINDOW_SECONDS)];
  };

  let running: Promise<void> | undefined;
  const refresh = () => (running ??= (async () => {
    const started = performance.now();
    try {
      const capped = capSeries(await read(), o.maxSeries);
      if (capped.dropped > 0 && dropped === 0) o.log.warn('more series than --max-series: the last ones are left out', { max: o.maxSeries, dropped: capped.dropped });
      rendered = renderSamples(capped.kept);
      series = capped.kept.length;
      dropped = capped.dropped;
      refreshes.inc({ result: 'ok' });
      refreshSeconds.set((performance.now() - started) / 1000);
      refreshedAt.set(Date.now() / 1000);
    } catch (e) {
      // The last view stays served; its timestamp says how old it is.
      refreshes.inc({ result: 'error' });
      o.log.warn('cannot read the cluster\'s state', { cluster, error: String((e as Error)?.message ?? e) });
    } finally {
      running = undefined;
    }
  })());
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const loop = () => {
    if (closed) return;
    void refresh().then(() => {
      if (!closed) timer = setTimeout(loop, o.refreshMs);
    });
  };

  const scrapes = await listenForScrapes(o.listen.host, o.listen.port, scrapeHandler({ registry, rendered: () => rendered, ...(o.scrapeToken ? { token: o.scrapeToken } : {}) }))
    .catch((e: unknown) => {
      renewal.stop();
      client.close();
      throw e;
    });
  o.log.info('listening', { name: 'metrics', addr: scrapes.addr });
  loop();
  return {
    addr: scrapes.addr,
    cluster,
    registry,
    refresh,
    async close() {
      closed = true;
      clearTimeout(timer);
      renewal.stop();
      await running;
      await scrapes.close();
      client.close();
    },
  };
}
