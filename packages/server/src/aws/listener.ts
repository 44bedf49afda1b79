// The AWS listener (`--ecs-listen`): one HTTP server for every AWS API Berth generates, whatever its
// protocol. The SigV4 credential scope's service picks the API (query Action names collide across APIs);
// the API and the request pick the protocol (json/, query/, rest-json/); each call then runs through the
// one hook chain (api's runCall) on that API's action table, as gRPC calls do, and the protocol shapes the
// answer or the error.
//
// Limits before work: the headers are checked (signature scope and service, date, signed headers,
// Content-Length against the API's body cap, the access key) before a byte of body is read; a request
// refused then is answered and its connection closed unread. Open connections are capped, slow clients
// time out (headers, then the whole request), an aborted request frees what it held and is one log line.
// Bodies must be valid UTF-8 (SerializationException otherwise), never stored altered.
import { createServer, type IncomingMessage, type ServerOptions as HttpServerOptions, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import {
  AWS_APIS, BerthError, ECS_API, checkSigV4Headers, parseAuthorization, unrecognizedClient, verifySignature,
  type ApiModel, type ParsedAuthorization,
} from '@berth/core';
import { CallAges, SESSION_TOKEN_HEADER, describeError, keyCaller, laneOf, parseAmzDate, runCall, type AccessKeyLookup, type ActionTable, type CallHooks, type Caller, type Lane, type KnownKey, type Logger } from '@berth/api';
import type { Protocol, HttpAnswer } from './protocol.js';
import { jsonRpc } from './json/json-rpc.js';
import { query } from './query/query.js';
import { matchesRoute, restJson } from './rest-json/rest-json.js';

export const DEFAULT_ECS_LISTEN = '127.0.0.1:7421';
const MiB = 1024 * 1024;

export interface AwsLimits {
  /** Open connections at most; more are dropped at once. */
  maxConnections: number;
  /** A client must have sent its headers within this. */
  headersTimeoutMs: number;
  /** A client must have sent its whole request within this. */
  requestTimeoutMs: number;
  /** Idle keep-alive connections close after this. */
  keepAliveTimeoutMs: number;
  /** Largest request body per API (by folder name), and for the others. */
  bodyBytes: Record<string, number>;
  defaultBodyBytes: number;
}

export const DEFAULT_AWS_LIMITS: AwsLimits = {
  maxConnections: 256,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  // ECS's own limit is 1 MiB; an STS request is a few KiB at most. CloudWatch Logs' 1 MiB counts a
  // PutLogEvents batch's messages (UTF-8 bytes + 26 each), not its JSON: Docker's awslogs driver fills a
  // batch to that count, and its body is larger (each event's JSON wrapping is ~45 bytes, an escaped
  // control character six), so the body may be up to 7 MiB and the batch's own limits (core) decide.
  bodyBytes: { ecs: MiB, sts: 64 * 1024, logs: 7 * MiB },
  defaultBodyBytes: MiB,
};

export interface AwsListenerOptions {
  /** Host to bind (no brackets needed for IPv6) and port; 0 picks a free port. */
  host: string;
  port: number;
  log: Logger;
  /** The action tables of the APIs Berth implements; every other generated API answers "unsupported". */
  tables: ActionTable[];
  hooks: CallHooks;
  /** SigV4's key lookup. Absent: no authentication (--insecure, local development only). */
  keys?: AccessKeyLookup;
  limits?: Partial<AwsLimits>;
  /** Serve HTTPS with this certificate (PEM, its chain ending with the cluster CA) and key. Absent: HTTP. */
  tls?: { certPem: string; keyPem: string };
  /** Unsigned files for new machines (install/install-files.ts): true when it answered the request. */
  installFiles?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** Webhooks in (invoking/webhook-receiver.ts), authenticated by their own tokens: true when it answered the request. */
  webhooks?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

export interface AwsListener {
  /** host:port actually bound. */
  addr: string;
  port: number;
  /** Open connections and the request bytes held in memory now (what the limits bound). */
  stats(): { connections: number; bufferedBytes: number };
  close(): Promise<void>;
}

/** A request that ended before its body did: nothing to answer, one log line. */
class Aborted extends Error {}

/** Reads the body up to `limit` bytes, counting what it holds in `held`. */
function readBody(req: IncomingMessage, limit: number, held: { bytes: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      held.bytes -= size;
      if (err) {
        chunks.length = 0;
        reject(err);
      } else {
        resolve(Buffer.concat(chunks, size));
      }
    };
    req.on('data', (c: Buffer) => {
      if (settled) return;
      if (size + c.length > limit) return finish(tooLarge(limit));
      size += c.length;
      held.bytes += c.length;
      chunks.push(c);
    });
    req.on('end', () => finish());
    req.on('close', () => finish(new Aborted('the client closed the connection before the end of its request')));
    req.on('error', (e) => finish(new Aborted(e.message)));
  });
}

function tooLarge(limit: number): BerthError {
  return new BerthError('RequestEntityTooLargeException', `Request body is larger than the limit of ${limit} bytes.`);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export async function startAwsListener(opts: AwsListenerOptions): Promise<AwsListener> {
  const { log, hooks } = opts;
  const limits: AwsLimits = { ...DEFAULT_AWS_LIMITS, ...opts.limits, bodyBytes: { ...DEFAULT_AWS_LIMITS.bodyBytes, ...opts.limits?.bodyBytes } };
  const apis = Object.values(AWS_APIS) as ApiModel[];
  const bySigningName = new Map(apis.map((a) => [a.signingName, a]));
  const signingNames = [...bySigningName.keys()];
  const tables = new Map<ApiModel, ActionTable>(apis.map((a) => [a, { api: a, handlers: {} }]));
  for (const t of opts.tables) tables.set(t.api, t);
  const held = { bytes: 0 };

  /** The API of an unsigned request (--insecure): the scope it was signed for anyway, its target, its path. */
  function unsignedApi(req: IncomingMessage, path: string): ApiModel {
    try {
      return bySigningName.get(parseAuthorization(headerValue(req, 'authorization'), signingNames).service)!;
    } catch {
      const target = headerValue(req, 'x-amz-target');
      const byTarget = target && apis.find((a) => a.targetPrefix && target.startsWith(`${a.targetPrefix}.`));
      if (byTarget) return byTarget;
      return apis.find((a) => a.protocols.includes('rest-json') && matchesRoute(a, req.method ?? '', path)) ?? ECS_API;
    }
  }

  function protocolOf(api: ApiModel, req: IncomingMessage): Protocol {
    if (api.protocols.includes('rest-json')) return restJson;
    if (api.protocols.includes('json') && (req.headers['x-amz-target'] !== undefined || !api.protocols.includes('query'))) return jsonRpc;
    return query;
  }

  const send = (req: IncomingMessage, res: ServerResponse, requestId: string, a: HttpAnswer, closeAfter: boolean) => {
    if (res.destroyed) return;
    const headers: Record<string, string | number> = { ...a.headers, 'Content-Length': Buffer.byteLength(a.body), 'x-amzn-RequestId': requestId, Date: new Date().toUTCString() };
    if (closeAfter) {
      // The body was not read: the connection cannot carry another request.
      headers.Connection = 'close';
      res.once('finish', () => req.destroy());
    }
    res.writeHead(a.status, headers);
    res.end(a.body);
  };

  /**
   * A request's lane at the gate, from what is known before its body (admission.ts's laneOf): the JSON
   * protocols' X-Amz-Target names the action, a query request sent as GET its Action, and a REST request
   * that only reads is a GET; otherwise (a query POST names its action in the body) it is taken as mutating.
   */
  function laneOfRequest(req: IncomingMessage, url: URL, method: string): Lane {
    const target = headerValue(req, 'x-amz-target');
    if (target) return laneOf(target.slice(target.lastIndexOf('.') + 1));
    const action = url.searchParams.get('Action');
    if (action) return laneOf(action);
    return method === 'GET' || method === 'HEAD' ? 'read-only' : 'mutating';
  }

  // How long ago each request was signed, against the freshest of its connection (api/call-age.ts).
  const ages = new CallAges();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const arrived = performance.now();
    const requestId = randomUUID();
    const peer = `${req.socket.remoteAddress}:${req.socket.remotePort}`;
    const url = new URL(req.url ?? '/', 'http://berth');
    const method = req.method ?? 'GET';
    let api: ApiModel = ECS_API;
    let protocol: Protocol = jsonRpc;
    let refused: unknown;
    let auth: ParsedAuthorization | undefined;
    let key: KnownKey | undefined;
    let body: Buffer = Buffer.alloc(0);
    // Admission first, before the key lookup and the body: under overload a refusal must cost little. A
    // refused request's body is still read, so its connection carries the next one.
    let throttled: unknown;
    // A signed request says when it was made (its signature is checked after admission, so a forged time
    // can only get its own connection's requests refused).
    const signedAt = parseAmzDate(headerValue(req, 'x-amz-date'));
    const ageMs = signedAt !== undefined ? ages.age(peer, signedAt) : undefined;
    const lane = laneOfRequest(req, url, method);
    const turn = await hooks.admit?.({ class: 'api', lane, ...(ageMs !== undefined ? { ageMs } : {}) }).catch((e: unknown) => {
      throttled = e;
      return () => {};
    });
    // Before any body: the headers.
    try {
      // Refusals of the signature are shaped as the API the request meant would shape them.
      api = unsignedApi(req, url.pathname);
      protocol = protocolOf(api, req);
      if (throttled !== undefined) {
        body = await readBody(req, limits.bodyBytes[api.name] ?? limits.defaultBodyBytes, held);
        throw throttled;
      }
      if (opts.keys) {
        auth = checkSigV4Headers(req.headers, Date.now(), signingNames);
        api = bySigningName.get(auth.service)!;
        protocol = protocolOf(api, req);
      }
      const limit = limits.bodyBytes[api.name] ?? limits.defaultBodyBytes;
      const declared = Number(req.headers['content-length']);
      if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
      if (auth) {
        key = await opts.keys!(auth.accessKeyId);
        if (!key) throw unrecognizedClient();
      }
      body = await readBody(req, limit, held);
    } catch (e) {
      if (e instanceof Aborted) {
        turn?.();
        log.info('request aborted', { requestId, peer: req.socket.remoteAddress, reason: e.message });
        return;
      }
      refused = e;
    }
    refused = throttled ?? refused;
    const outcome = await runCall(tables.get(api)!, hooks, {
      transport: protocol.name,
      peer,
      requestId,
      lane,
      // Its age as the chain gets it: reading its body took time too.
      ...(ageMs !== undefined ? { ageMs: ageMs + performance.now() - arrived } : {}),
      ...(turn ? { turn } : {}),
      authenticate: async (): Promise<Caller> => {
        if (refused !== undefined) throw refused;
        if (!auth || !key) return { kind: 'anonymous', reason: 'the AWS listener serves without authentication (--insecure)' };
        verifySignature({ method, path: req.url ?? '/', headers: req.headers, body }, auth, key.secret);
        const token = req.headers[SESSION_TOKEN_HEADER];
        return keyCaller(auth.accessKeyId, key, Array.isArray(token) ? token.join(',') : token);
      },
      decode: () => {
        let text: string;
        try {
          text = utf8.decode(body);
        } catch {
          throw new BerthError('SerializationException', 'The request body is not valid UTF-8.');
        }
        return protocol.decode(api, { method, path: url.pathname, query: url.searchParams, headers: req.headers, text });
      },
    });
    const answer = 'error' in outcome
      ? protocol.error(api, outcome.error, requestId)
      : protocol.success(api, outcome.call.action, outcome.response, requestId);
    send(req, res, requestId, answer, refused !== undefined && !req.complete);
  };

  const httpOptions: HttpServerOptions = {
    // Node requires the headers' deadline to be within the request's.
    headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // How often Node looks for connections past those timeouts (its default, 30 s, would let them linger).
    connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4))),
  };
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    if (opts.installFiles?.(req, res) || opts.webhooks?.(req, res)) return;
    handle(req, res).catch((e) => {
      // Only a bug gets here (every call's errors are answered): answer a ServerException, log the stack.
      log.error('AWS listener failed', { error: String((e as Error)?.stack ?? e) });
      if (!res.headersSent && !res.destroyed) send(req, res, randomUUID(), jsonRpc.error(ECS_API, describeError(e), ''), true);
      else res.destroy();
    });
  };
  // The same limits over TLS: the handshake counts toward the headers' deadline.
  const server = opts.tls
    ? createHttpsServer({ ...httpOptions, cert: opts.tls.certPem, key: opts.tls.keyPem, minVersion: 'TLSv1.2' }, onRequest)
    : createServer(httpOptions, onRequest);
  server.maxConnections = limits.maxConnections;
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  server.on('drop', (d) => log.debug('connection dropped: too many open connections', { peer: d?.remoteAddress, max: limits.maxConnections }));
  // Headers too slow, a malformed request line, a reset: one debug line, never a stack trace.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    log.debug('client error', { code: err.code, peer: socket.remoteAddress });
    if (!socket.writable || err.code === 'ECONNRESET') return void socket.destroy();
    const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host.replace(/^\[|\]$/g, ''), () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const host = opts.host.includes(':') && !opts.host.startsWith('[') ? `[${opts.host}]` : opts.host;
  return {
    addr: `${host}:${port}`,
    port,
    stats: () => ({ connections: sockets.size, bufferedBytes: held.bytes }),
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
