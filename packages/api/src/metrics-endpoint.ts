// Every Berth process serves its own Prometheus /metrics (issue 19 §5) from a registry of its own (several
// servers and agents may share one test process). A metrics listener on loopback is open to the machine;
// anywhere else it takes a scrape token (a bearer token, as Prometheus's `authorization` sends it), or the
// process refuses to start: the metrics name clusters, services and addresses.
import { timingSafeEqual, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry, collectDefaultMetrics } from 'prom-client';

/**
 * prom-client's gauges named like counters (promtool check metrics: "non-counter metrics should not have
 * _total"); their per-type gauges (nodejs_active_handles{type}, ...) stay.
 */
const MISNAMED_DEFAULTS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

/** A process's registry, with Node's process metrics (CPU, memory, event loop, handles). */
export function processRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  for (const name of MISNAMED_DEFAULTS) registry.removeSingleMetric(name);
  return registry;
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\./.test(h);
}

/** Refuses a metrics listener beyond loopback without a scrape token, naming the setting that sets one. */
export function checkScrapeExposure(host: string, token: string | undefined, tokenSetting: string): void {
  if (!isLoopbackHost(host) && !token) {
    throw new Error(`the metrics listener on ${host} is beyond loopback: give it a scrape token (${tokenSetting}), or listen on 127.0.0.1`);
  }
}

/** A scrape token file's contents, trimmed; an empty file is refused (it would be no token at all). */
export function readScrapeToken(path: string, setting: string): string {
  const token = readFileSync(path, 'utf8').trim();
  if (!token) throw new Error(`${setting}: ${path} is empty`);
  return token;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Whether a request carries the token (compared in constant time, whatever its length). */
function tokenMatches(req: http.IncomingMessage, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  return m !== null && timingSafeEqual(digest(m[1]!.trim()), digest(token));
}

export interface ScrapeHandlerOptions {
  registry: Registry;
  /** Required of every request when set (Authorization: Bearer TOKEN). */
  token?: string;
  /** More GET paths served as JSON (the control plane's /prometheus/sd). */
  json?: Record<string, () => Promise<unknown>>;
  /** Text exposition served after the registry's (families rendered once elsewhere, such as berth-exporter's view). */
  rendered?: () => string;
}

/** The HTTP handler of a metrics listener: GET /metrics in Prometheus's text format, and `json` paths. */
export function scrapeHandler(o: ScrapeHandlerOptions): http.RequestListener {
  return (req, res) => {
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    };
    if (o.token !== undefined && !tokenMatches(req, o.token)) return send(401, 'text/plain', 'a scrape token is required (Authorization: Bearer TOKEN)\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain', 'GET only\n');
    const path = (req.url ?? '/').split('?')[0]!;
    const json = Object.hasOwn(o.json ?? {}, path) ? o.json![path] : undefined;
    const metrics = () => o.registry.metrics().then((text) => (o.rendered ? text + o.rendered() : text));
    const body = path === '/metrics' ? metrics() : json ? json().then((v) => JSON.stringify(v)) : undefined;
    if (!body) return send(404, 'text/plain', 'not found: try /metrics\n');
    body.then(
      (text) => send(200, path === '/metrics' ? o.registry.contentType : 'application/json', text),
      (e: unknown) => send(500, 'text/plain', `${String((e as Error)?.message ?? e)}\n`),
    );
  };
}

export interface ScrapeListener {
  /** HOST:PORT bound (the real port when 0 was asked). */
  addr: string;
  port: number;
  close(): Promise<void>;
}

/** Binds a metrics listener (a failure to bind is the caller's to report: the server and exporter do not start). */
export function listenForScrapes(host: string, port: number, handler: http.RequestListener): Promise<ScrapeListener> {
  const server = http.createServer(handler);
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => {
      server.removeListener('error', reject);
      const bound = (server.address() as AddressInfo).port;
      resolve({
        addr: `${host.includes(':') ? `[${host}]` : host}:${bound}`,
        port: bound,
        close: () => new Promise<void>((r) => {
          server.close(() => r());
          server.closeAllConnections();
        }),
      });
    });
  });
}
