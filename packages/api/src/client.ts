// A typed client for the generated APIs over gRPC (ECS, STS, ...), with failover across the listed servers:
// a call that finds a server unavailable is retried on the next one (only UNAVAILABLE is retried, so a call
// is never sent twice to a server that answered). UNAVAILABLE can also follow a request the server
// executed (it died before answering), so every member the model marks `idempotencyToken` (RunTask's
// clientToken, ...) is filled once per logical call when the caller gave none: the retry carries the same
// token, and the next server answers the first one's result instead of doing it again.
import type { TaskIoEndpoint } from './task-io-client.js';
import * as grpc from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import type { ApiModel, BerthError, EcsAction, EcsActions, Sts } from '@berth/core';
// ECS's and STS's models alone (not every model the barrel loads): the agent is a client (docs/agent.md, "Memory").
import { ECS_API } from '@berth/core/model/ecs-api.js';
import { STS_API } from '@berth/core/model/sts/api.js';
import { loadApiService, loadBerthProtos } from './load.js';
import { ecsClientService } from './ecs-client-protos.js';
import { fromWire, toWire } from './wire.js';
import { fromGrpcError } from './error-metadata.js';
import { channelCredentials, channelOptions, type ChannelTls } from './credentials.js';
import { callMetadata, type AccessKeyCredentials } from './grpc-signing.js';
import type { CliContext } from './cli-config.js';
import { openEventStream, type EventStream, type WatchEventsRequest } from './events-client.js';

export const DEFAULT_SERVER = '127.0.0.1:7420';

export interface ClientOptions {
  /** Per-call deadline (default 30 s). */
  deadlineMs?: number;
  /** TLS: the cluster CA to trust, and the certificate a machine that joined presents (default: plaintext). */
  tls?: ChannelTls;
  /** The access key every call is signed with (grpc-signing.ts); absent: unsigned (a server run --insecure). */
  credentials?: AccessKeyCredentials;
  /**
   * How many times a call refused for load (ThrottlingException, refused before any work: admission.ts)
   * is sent again, after a jittered back-off from 100 ms doubling, as the AWS SDKs do (default 2).
   */
  throttledRetries?: number;
  /**
   * Where a generated API's gRPC service comes from (default: ECS's from its build-time descriptor, each
   * method's codecs made at its first call (ecs-client-protos.ts); any other's from its .proto file through
   * proto-loader, load.ts). The agent passes agent-protos.ts's agentApiService: its descriptor of the calls it makes.
   */
  protos?: (api: ApiModel) => grpc.ServiceClientConstructor;
}

/** The default of ClientOptions.protos. */
export function clientApiService(api: ApiModel): grpc.ServiceClientConstructor {
  return api.grpcService === 'berth.v1.ECS' ? ecsClientService() : loadApiService(api);
}


/** The request with every idempotency token the model names filled in (a copy; the caller's stays as given). */
export function withIdempotencyTokens<T>(api: ApiModel, action: string, request: T): T {
  const tokens = api.operations[action]?.idempotencyTokens;
  if (!tokens) return request;
  const req = { ...(request as Record<string, unknown>) };
  for (const m of tokens) if (req[m] === undefined || req[m] === null) req[m] = randomUUID();
  return req as T;
}

export class BerthClient {
  readonly servers: string[];
  /** One channel-backed client per gRPC service and server. */
  private readonly clients = new Map<string, grpc.Client>();
  private current = 0;

  constructor(servers: string | string[] = DEFAULT_SERVER, private readonly opts: ClientOptions = {}) {
    this.servers = (Array.isArray(servers) ? servers : servers.split(','))
      .map((s) => s.trim().replace(/^grpc:\/\//, ''))
      .filter(Boolean);
    if (this.servers.length === 0) this.servers.push(DEFAULT_SERVER);
  }

  private client(service: string, make: () => grpc.ServiceClientConstructor, i: number): grpc.Client {
    const key = `${service}@${i}`;
    let c = this.clients.get(key);
    if (!c) {
      const Ctor = make();
      c = new Ctor(this.servers[i]!, channelCredentials(this.opts.tls, this.servers[i]!), channelOptions(this.servers[i]!, this.opts.tls));
      this.clients.set(key, c);
    }
    return c;
  }

  /** The method's definition (path and serializers) on a service's client constructor. */
  private static method(make: () => grpc.ServiceClientConstructor, name: string): grpc.MethodDefinition<unknown, unknown> {
    const def = make().service[name];
    if (!def) throw new Error(`no gRPC method ${name}`);
    return def as grpc.MethodDefinition<unknown, unknown>;
  }

  /** Calls an ECS action; rejects with a BerthError carrying the ECS error name. */
  async call<A extends EcsAction>(action: A, request: EcsActions[A]['request']): Promise<EcsActions[A]['response']> {
    return this.callApi(ECS_API, action, request) as Promise<EcsActions[A]['response']>;
  }

  /** Calls an STS action. */
  async sts<A extends keyof Sts.StsActions>(action: A, request: Sts.StsActions[A]['request']): Promise<Sts.StsActions[A]['response']> {
    return this.callApi(STS_API, action, request) as Promise<Sts.StsActions[A]['response']>;
  }

  /** Calls an action of any generated API, in the model's form. */
  async callApi(api: ApiModel, action: string, request: unknown): Promise<unknown> {
    const op = api.operations[action];
    if (!op) throw new Error(`unknown ${api.serviceId} action ${action}`);
    const wire = toWire(op.input, withIdempotencyTokens(api, action, request ?? {}), api);
    const res = await this.unary(api.grpcService, () => (this.opts.protos ?? clientApiService)(api), action, wire);
    return fromWire(op.output, res, { listDefaults: true, api });
  }

  /** Calls a method of Berth's own IAM service (access keys); request and answer as the proto loads them. */
  async iam<T = Record<string, unknown>>(method: 'CreateAccessKey' | 'ListAccessKeys' | 'DeleteAccessKey', request: Record<string, unknown>): Promise<T> {
    return (await this.unary('berth.v1.BerthIam', () => loadBerthProtos().berth.v1.BerthIam as unknown as grpc.ServiceClientConstructor, method, request)) as T;
  }

  /**
   * One unary call with failover: only UNAVAILABLE moves on to the next server; a call refused for load
   * is sent again after a back-off (throttledRetries). The request is serialized once, and those bytes
   * are what the signature covers and what is sent.
   */
  private async unary(service: string, make: () => grpc.ServiceClientConstructor, method: string, wire: unknown): Promise<unknown> {
    const def = BerthClient.method(make, method);
    const body = def.requestSerialize(wire);
    for (let retry = 0; ; retry++) {
      try {
        return await this.unaryOnce(service, make, def, body);
      } catch (e) {
        if (retry >= (this.opts.throttledRetries ?? 2) || (e as BerthError).ecsName !== 'ThrottlingException') throw e;
        await new Promise((r) => setTimeout(r, 100 * 2 ** retry * (0.5 + Math.random())));
      }
    }
  }

  private async unaryOnce(service: string, make: () => grpc.ServiceClientConstructor, def: grpc.MethodDefinition<unknown, unknown>, body: Buffer): Promise<unknown> {
    let lastErr: grpc.ServiceError | undefined;
    for (let attempt = 0; attempt < this.servers.length; attempt++) {
      const i = (this.current + attempt) % this.servers.length;
      const c = this.client(service, make, i);
      try {
        const res = await new Promise<unknown>((resolve, reject) => {
          const deadline = Date.now() + (this.opts.deadlineMs ?? 30_000);
          // Signed at each attempt: a failover long after the first try still has a current signature.
          const md = callMetadata(def.path, body, this.opts.credentials);
          c.makeUnaryRequest(def.path, (b: Buffer) => b, def.responseDeserialize, body, md, { deadline }, (e, r) => (e ? reject(e) : resolve(r)));
        });
        this.current = i;
        return res;
      } catch (e) {
        const ge = e as grpc.ServiceError;
        if (ge.code !== grpc.status.UNAVAILABLE) throw fromGrpcError(ge);
        lastErr = ge;
      }
    }
    const err = fromGrpcError(lastErr!);
    err.message = `no Berth server answered (${this.servers.join(', ')}): ${lastErr!.details}`;
    throw err;
  }

  /** BerthEvents.WatchEvents: the ECS event stream (events-client.ts). */
  watchEvents(req: WatchEventsRequest): EventStream {
    return openEventStream(this.servers, this.current, req, this.opts.tls, this.opts.credentials);
  }

  /** Where BerthTasks calls go (task-io-client.ts: `berth logs TASK`, `berth exec`). */
  taskIo(): TaskIoEndpoint {
    return { servers: this.servers, first: this.current, ...(this.opts.tls ? { tls: this.opts.tls } : {}), ...(this.opts.credentials ? { credentials: this.opts.credentials } : {}) };
  }

  close(): void {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }
}

/** A client for a CLI context: its servers, TLS trusting its CA (when it has one), calls signed with its key. */
export function clientForContext(c: CliContext, opts: Omit<ClientOptions, 'tls' | 'credentials'> = {}): BerthClient {
  return new BerthClient(c.server, {
    ...opts,
    ...(c.certificateAuthority ? { tls: { caPem: c.certificateAuthority } } : {}),
    ...(c.accessKeyId && c.secretAccessKey ? { credentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey } } : {}),
  });
}
