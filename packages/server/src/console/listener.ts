// The web console's listener (`--console-listen`, default 127.0.0.1:7422): the browser app's assets, and a
// small JSON API the app calls, every call of which runs through the one hook chain (api's runCall) on the
// same action tables as gRPC and the AWS listener, as the signed-in session's caller. Plain HTTP on
// loopback; HTTPS with this replica's certificate from the cluster CA anywhere else.
//
//   GET  /, /assets/NAME          the app (index.html, app.js, app.css, the chunks app.js loads), built by `make build`
//   GET  /api/session             who is signed in, and the session's CSRF token (401 when no one)
//   POST /api/session             sign in: {accessKeyId, secretAccessKey} (rate limited per source)
//   POST /api/sign-out            end the session
//   POST /api/call/API/ACTION     one action of an API's table (`ecs`, `logs`...), the model's JSON in and out
//   POST /api/permissions         {cluster}: which of the console's mutating actions the caller may make
//   GET  /api/logs?cluster=C&task=T&container=N&tail=K
//                                 a task's container's log, its last K lines then live, as server-sent events
//                                 (BerthTasks' GetTaskLogs, authorized as berth:GetTaskLogs)
//   GET  /api/events?cluster=C    the cluster's ECS events as server-sent events (WatchEvents, follow), with a
//                                 comment every keepAliveMs so that proxies and browsers keep a quiet stream open
//
// Defences: every request must name the console by one of its own host names (the Host header), so a page
// whose name an attacker's DNS points at 127.0.0.1 (DNS rebinding) is refused although the browser thinks it
// same-origin; the session cookie is HttpOnly, SameSite=Strict and Secure over HTTPS; every POST must come
// from the console's own origin (its Origin header: SameSite does not separate two ports of one host) and,
// once signed in, carry the session's CSRF token; a strict Content-Security-Policy (scripts and styles
// from the console only, no framing); the app renders every value from the cluster as text.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { describeError, laneOf, runCall, type ActionTable, type CallHooks, type Logger } from '@berth/api';
import { awsJson, jsonErrorBody, parseJsonObject } from '../aws/protocol.js';
import type { EventStreams } from '../events/stream.js';
import { peerHost } from '../fleet/rate-limit.js';
import type { ConsoleSession, ConsoleSessions } from './sessions.js';
import { ServerSentEvents } from './event-source.js';
import { TaskOutputEvents } from './task-output.js';
import type { LogsOpener, LogsOutput } from '../task-io/task-io-service.js';
import { permissions } from './permissions.js';

export const DEFAULT_CONSOLE_LISTEN = '127.0.0.1:7422';
const COOKIE = 'berth_console';
const MAX_BODY = 1024 * 1024;
const BODY_TIMEOUT_MS = 30_000;
/** A comment on a quiet event stream this often: well inside the idle timeouts of common proxies (60 s). */
export const DEFAULT_KEEP_ALIVE_MS = 15_000;

/** Where `make build` puts the app (packages/console's bundle), beside this package's compiled code. */
export const CONSOLE_ASSETS_DIR = fileURLToPath(new URL('../../console-assets/', import.meta.url));

const CSP = [
  "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
  "font-src 'self'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const ASSETS: Record<string, string> = { 'index.html': 'text/html; charset=utf-8', 'app.js': 'text/javascript; charset=utf-8', 'app.css': 'text/css; charset=utf-8' };

export interface ConsoleListenerOptions {
  host: string;
  port: number;
  log: Logger;
  tables: ActionTable[];
  hooks: CallHooks;
  sessions: ConsoleSessions;
  events: EventStreams;
  /** HTTPS with this certificate (its chain ending with the cluster CA) and key; absent: HTTP (loopback only). */
  tls?: { certPem: string; keyPem: string };
  /** The app's files (default CONSOLE_ASSETS_DIR). */
  assetsDir?: string;
  /** The names a browser may reach the console by (the Host header's, without its port), beside `host`. */
  hosts?: string[];
  /** Serves a task's log (TaskIoService.logs); absent: /api/logs is not served. */
  taskLogs?: (out: LogsOutput, opener: LogsOpener) => Promise<void>;
  /** How often a quiet event stream carries a comment (default DEFAULT_KEEP_ALIVE_MS). */
  keepAliveMs?: number;
}

export interface ConsoleListener {
  addr: string;
  port: number;
  /** `http://HOST:PORT` or `https://...`: what a browser opens. */
  url: string;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(readonly status: number, readonly name: string, message: string) {
    super(message);
  }
}

/** The name a Host header holds, lower case, without its port or a final dot (`[::1]:7422` is ::1; not a host: ''). */
export function hostHeaderName(host: string): string {
  const m = /^(?:\[([^\]]*)\]|([^:]*))(?::\d+)?$/.exec(host);
  return m ? (m[1] ?? m[2] ?? '').toLowerCase().replace(/\.$/, '') : '';
}

function cookieOf(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return v.join('=');
  }
  return undefined;
}

/** A POST's body, at most MAX_BODY bytes, within BODY_TIMEOUT_MS (event streams stay open; bodies may not dawdle). */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    // The timeout is the socket's, and a keep-alive connection may carry an event stream next: it is
    // taken off again once the body is in.
    const onTimeout = () => {
      reject(new HttpError(408, 'RequestTimeout', `The request body did not arrive within ${BODY_TIMEOUT_MS / 1000} s.`));
      req.destroy();
    };
    req.socket.setTimeout(BODY_TIMEOUT_MS);
    req.socket.once('timeout', onTimeout);
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, 'RequestEntityTooLargeException', `Request body is larger than the limit of ${MAX_BODY} bytes.`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      req.socket.setTimeout(0);
      req.socket.off('timeout', onTimeout);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

export async function startConsoleListener(opts: ConsoleListenerOptions): Promise<ConsoleListener> {
  const { log, hooks, sessions, events } = opts;
  const scheme = opts.tls ? 'https' : 'http';
  const assetsDir = opts.assetsDir ?? CONSOLE_ASSETS_DIR;
  const tables = new Map(opts.tables.map((t) => [t.api.name, t]));
  const keepAliveMs = opts.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS;
  const secure = opts.tls ? '; Secure' : '';

  const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string | string[]> = {}) => {
    res.writeHead(status, { ...SECURITY_HEADERS, 'Cache-Control': 'no-store', 'Content-Type': 'application/json; charset=utf-8', ...headers });
    res.end(body);
  };
  const fail = (res: ServerResponse, e: unknown) => {
    if (e instanceof HttpError) return send(res, e.status, JSON.stringify({ __type: e.name, message: e.message }));
    const d = describeError(e);
    if (d.unexpected !== undefined) log.error('console request failed', { error: String((d.unexpected as Error)?.stack ?? d.unexpected) });
    send(res, d.status, JSON.stringify({ __type: d.name, message: d.message }));
  };

  /** A POST must come from the console's own page: same scheme, host and port (an attacker's page on another port of this host is another origin). */
  const checkOrigin = (req: IncomingMessage) => {
    const origin = req.headers.origin;
    if (origin === undefined || origin !== `${scheme}://${req.headers.host ?? ''}` || (req.headers['sec-fetch-site'] !== undefined && req.headers['sec-fetch-site'] !== 'same-origin')) {
      throw new HttpError(403, 'AccessDeniedException', 'The request did not come from the console\'s own page (its Origin is not this console\'s).');
    }
  };
  const session = async (req: IncomingMessage, csrf: boolean): Promise<ConsoleSession> => {
    const s = await sessions.resolve(cookieOf(req));
    if (!s) throw new HttpError(401, 'UnrecognizedClientException', 'Not signed in, or the session has expired.');
    const token = req.headers['x-csrf-token'];
    if (csrf && !sessions.csrfMatches(s, typeof token === 'string' ? token : undefined)) throw new HttpError(403, 'AccessDeniedException', 'The request carries no valid CSRF token.');
    return s;
  };
  const sessionInfo = (s: ConsoleSession) => JSON.stringify({ userName: s.record.userName, accessKeyId: s.record.accessKeyId, csrfToken: s.record.csrfToken, expiresAt: s.record.expiresAt });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    checkHost(req);
    const url = new URL(req.url ?? '/', 'http://console');
    const path = url.pathname;
    const peer = `${req.socket.remoteAddress ?? ''}:${req.socket.remotePort ?? ''}`;
    if (req.method === 'GET' && !path.startsWith('/api/')) return serveAsset(res, path);
    // A page of another origin may not even open the API's streams as the signed-in user (browsers that
    // say where a request comes from; POSTs are checked below whatever the browser).
    const site = req.headers['sec-fetch-site'];
    if (req.method === 'GET' && site !== undefined && site !== 'same-origin' && site !== 'none') throw new HttpError(403, 'AccessDeniedException', 'The request did not come from the console\'s own page.');
    if (req.method === 'GET' && path === '/api/session') return send(res, 200, sessionInfo(await session(req, false)));
    if (req.method === 'GET' && path === '/api/events') {
      const s = await session(req, false);
      const cursor = url.searchParams.get('cursor') ?? (typeof req.headers['last-event-id'] === 'string' ? req.headers['last-event-id'] : undefined);
      const cluster = url.searchParams.get('cluster') ?? undefined;
      const sse = new ServerSentEvents({ follow: true, ...(cluster ? { cluster } : {}), ...(cursor ? { cursor } : {}) }, res, keepAliveMs);
      return events.watch(sse, { transport: 'console', peer, authenticate: async () => s.caller });
    }
    if (req.method === 'GET' && path === '/api/logs' && opts.taskLogs) {
      const s = await session(req, false);
      const q = (k: string) => url.searchParams.get(k) ?? undefined;
      const tail = q('tail');
      if (tail !== undefined && !/^\d{1,6}$/.test(tail)) throw new HttpError(400, 'InvalidParameterException', 'tail must be a whole number of lines (at most 999999).');
      const out = new TaskOutputEvents({ cluster: q('cluster'), task: q('task'), container: q('container'), follow: true, ...(tail !== undefined ? { tail: Number(tail) } : {}) }, res, keepAliveMs);
      return opts.taskLogs(out, { transport: 'console', peer, authenticate: async () => s.caller });
    }
    if (req.method !== 'POST') throw new HttpError(405, 'UnknownOperationException', `${req.method} ${path} is not served.`);
    checkOrigin(req);
    const body = await readBody(req);
    if (path === '/api/session') {
      const { accessKeyId, secretAccessKey } = parseJsonObject(body);
      const s = await sessions.signIn(accessKeyId, secretAccessKey, peerHost(peer));
      return send(res, 200, sessionInfo(s), { 'Set-Cookie': `${COOKIE}=${s.id}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${sessions.ttlSeconds}${secure}` });
    }
    const s = await session(req, true);
    if (path === '/api/sign-out') {
      await sessions.signOut(s);
      return send(res, 200, '{}', { 'Set-Cookie': `${COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure}` });
    }
    if (path === '/api/permissions') {
      const { cluster } = parseJsonObject(body);
      const may = await permissions(hooks, s.caller, { requestId: randomUUID(), transport: 'console', peer }, typeof cluster === 'string' ? cluster : undefined);
      return send(res, 200, JSON.stringify(may));
    }
    const m = /^\/api\/call\/([a-z0-9-]+)\/([A-Za-z0-9]+)$/.exec(path);
    const table = m ? tables.get(m[1]!) : undefined;
    if (!m || !table) throw new HttpError(404, 'UnknownOperationException', `${path} is not served.`);
    const outcome = await runCall(table, hooks, { transport: 'console', peer, lane: laneOf(m[2]), authenticate: async () => s.caller, decode: () => ({ action: m[2]!, request: parseJsonObject(body) }) });
    if ('error' in outcome) return send(res, outcome.error.status, jsonErrorBody(table.api, outcome.error, true));
    return send(res, 200, awsJson(outcome.response));
  }

  function serveAsset(res: ServerResponse, path: string): void {
    const name = path === '/' || path === '/index.html' ? 'index.html' : path.startsWith('/assets/') ? path.slice('/assets/'.length) : '';
    const type = Object.hasOwn(ASSETS, name) ? ASSETS[name] : /^chunk-[A-Z0-9]+\.js$/.test(name) ? ASSETS['app.js'] : undefined;
    if (!type) return send(res, 404, JSON.stringify({ __type: 'NotFound', message: `${path} is not served.` }));
    let body: Buffer;
    try {
      body = readFileSync(assetsDir + name);
    } catch {
      return send(res, 503, 'The console\'s assets are not built: run `make build`.', { 'Content-Type': 'text/plain; charset=utf-8' });
    }
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': name === 'index.html' ? 'no-cache' : 'max-age=300' });
    res.end(body);
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) fail(res, e);
      else res.end();
    });
  };
  const server = opts.tls ? createHttpsServer({ cert: opts.tls.certPem, key: opts.tls.keyPem }, onRequest) : createServer(onRequest);
  server.headersTimeout = 10_000;
  server.maxConnections = 256;
  server.requestTimeout = 0; // event streams stay open; a POST's body has its own timeout (readBody)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const names = new Set([opts.host, ...(opts.hosts ?? [])].map((h) => h.replace(/^\[|\]$/g, '').toLowerCase()));
  /**
   * The Host header must name this console by one of its own names. Its port is not checked: a rebinding
   * page's name is what gives it away, and a port mapping or proxy in front may show another port.
   */
  function checkHost(req: IncomingMessage): void {
    if (!names.has(hostHeaderName(req.headers.host ?? ''))) {
      throw new HttpError(421, 'MisdirectedRequest', `This console does not answer to the host ${JSON.stringify((req.headers.host ?? '').slice(0, 100))}: open it by one of its own names (a page's name pointed at this address is refused, against DNS rebinding).`);
    }
  }
  const addr = `${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`;
  return {
    addr, port, url: `${scheme}://${addr}`,
    close: () => new Promise<void>((r) => {
      server.close(() => r());
      server.closeAllConnections();
    }),
  };
}

