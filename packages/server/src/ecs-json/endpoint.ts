// The ECS JSON API (AWS JSON 1.1) over node:http, so `aws ecs --endpoint-url` and @aws-sdk/client-ecs talk
// to Berth. A thin adapter over the same action table as gRPC (api.ts's ecsImplementation): model objects
// already are ECS JSON (ECS's member names, epoch-second timestamps), so nothing is mapped here.
//
// Wire protocol: POST / with `X-Amz-Target: AmazonEC2ContainerServiceV20141113.<Action>` and a JSON object
// body; 200 with the output object, or 400 (500 for ServerException) with `{"__type", "message"}` and the
// `x-amzn-ErrorType` header. Every response carries `x-amzn-RequestId` and `Date`.
//
// Authentication: SigV4 against Berth's access keys (core's verifySigV4 over the raw body), checked
// before anything else; `--ecs-auth none` turns it off for local development only.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { BerthError, OPERATIONS, SigV4Error, type EcsAction, type SignedRequest } from '@berth/core';
import { unsupported, type EcsHandler, type EcsImplementation, type Logger } from '@berth/api';
import { ConflictError } from '../handlers/tasks/launch.js';

export const ECS_TARGET_PREFIX = 'AmazonEC2ContainerServiceV20141113';
export const ECS_JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';
export const DEFAULT_ECS_LISTEN = '127.0.0.1:7421';
/** Largest request body accepted (a big task definition is a few tens of KiB). */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface EcsJsonOptions {
  /** Host to bind (no brackets needed for IPv6) and port; 0 picks a free port. */
  host: string;
  port: number;
  log: Logger;
  maxBodyBytes?: number;
  /** Checks a request's signature before it is served; throws SigV4Error. Absent: no authentication. */
  authenticate?: (req: SignedRequest) => Promise<void>;
}

export interface EcsJsonEndpoint {
  /** host:port actually bound. */
  addr: string;
  port: number;
  close(): Promise<void>;
}

/** An error of the protocol layer itself (not an ECS shape): SerializationException, UnknownOperationException, ... */
class WireError extends Error {
  constructor(readonly type: string, message: string, readonly status = 400) {
    super(message);
  }
}

/** JSON with null/undefined object members omitted (list elements are kept as they are). */
export function ecsJson(value: unknown): string {
  return JSON.stringify(value, function (this: unknown, _k: string, v: unknown) {
    return v === null && !Array.isArray(this) ? undefined : v;
  });
}

function send(res: ServerResponse, requestId: string, status: number, body: unknown, errorType?: string): void {
  const text = ecsJson(body);
  const headers: Record<string, string | number> = {
    'Content-Type': ECS_JSON_CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': requestId,
    Date: new Date().toUTCString(),
  };
  if (errorType) headers['x-amzn-ErrorType'] = errorType;
  res.writeHead(status, headers);
  res.end(text);
}

/** Reads the whole body, or throws a 413 WireError past `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const tooLarge = () => new WireError('RequestEntityTooLargeException', `Request body is larger than the limit of ${limit} bytes.`, 413);
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) return reject(tooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (c: Buffer) => {
      if (failed) return;
      size += c.length;
      if (size > limit) {
        failed = true;
        chunks.length = 0;
        reject(tooLarge());
      } else {
        chunks.push(c);
      }
    });
    req.on('end', () => { if (!failed) resolve(Buffer.concat(chunks)); });
    req.on('error', (e) => { if (!failed) { failed = true; reject(e); } });
  });
}

function parseTarget(header: string | string[] | undefined): EcsAction {
  const target = Array.isArray(header) ? header[0] : header;
  if (!target) throw new WireError('UnknownOperationException', 'Missing X-Amz-Target header.');
  const dot = target.lastIndexOf('.');
  const prefix = target.slice(0, dot);
  const action = target.slice(dot + 1);
  if (dot < 0 || prefix !== ECS_TARGET_PREFIX || !Object.hasOwn(OPERATIONS, action)) {
    throw new WireError('UnknownOperationException', `Unknown operation ${target.slice(0, 200)}.`);
  }
  return action as EcsAction;
}

function parseRequest(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8');
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new WireError('SerializationException', `The request body is not valid JSON: ${(e as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new WireError('SerializationException', 'The request body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}

export async function startEcsJsonEndpoint(impl: EcsImplementation, opts: EcsJsonOptions): Promise<EcsJsonEndpoint> {
  const { log } = opts;
  const limit = opts.maxBodyBytes ?? MAX_BODY_BYTES;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const requestId = randomUUID();
    const started = performance.now();
    let action = '-';
    try {
      if (req.method !== 'POST') throw new WireError('UnknownOperationException', `Only POST / is served (got ${req.method}).`, 405);
      const body = await readBody(req, limit);
      await opts.authenticate?.({ method: req.method, path: req.url ?? '/', headers: req.headers, body });
      action = parseTarget(req.headers['x-amz-target']);
      const fn = impl[action as EcsAction] as EcsHandler<EcsAction> | undefined;
      if (!fn) throw unsupported(action);
      const request = parseRequest(body);
      const result = await fn(request as never, { peer: `${req.socket.remoteAddress}:${req.socket.remotePort}` });
      send(res, requestId, 200, result ?? {});
      log.debug('call', { api: 'ecs-json', action, requestId, ms: Math.round((performance.now() - started) * 10) / 10 });
    } catch (err) {
      let type: string;
      let status: number;
      const body: Record<string, unknown> = {};
      if (err instanceof SigV4Error) {
        type = err.type;
        status = err.status;
        body.message = err.message;
      } else if (err instanceof WireError) {
        type = err.type;
        status = err.status;
        body.message = err.message;
      } else if (err instanceof BerthError) {
        type = err.ecsName;
        status = err.ecsName === 'ServerException' ? 500 : 400;
        body.message = err.message;
        if (err instanceof ConflictError) body.resourceIds = err.resourceIds;
      } else {
        type = 'ServerException';
        status = 500;
        body.message = `Internal server error (request ${requestId}).`;
        log.error('action failed', { api: 'ecs-json', action, requestId, error: String((err as Error)?.stack ?? err) });
      }
      if (status === 413) {
        res.setHeader('Connection', 'close');
        res.once('finish', () => req.destroy());
      }
      send(res, requestId, status, { __type: type, ...body }, type);
      log.debug('call', { api: 'ecs-json', action, requestId, ms: Math.round((performance.now() - started) * 10) / 10, error: type });
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      log.error('ecs-json response failed', { error: String((e as Error)?.stack ?? e) });
      res.destroy();
    });
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
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
