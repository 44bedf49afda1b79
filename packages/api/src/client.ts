// A typed client for the ECS actions over gRPC, with failover across the listed servers: a call that
// finds a server unavailable is retried on the next one (only UNAVAILABLE is retried, so a call is never
// sent twice to a server that answered).
import * as grpc from '@grpc/grpc-js';
import { OPERATIONS, type EcsAction, type EcsActions } from '@berth/core';
import { loadBerthProtos } from './load.js';
import { fromWire, toWire } from './wire.js';
import { fromGrpcError } from './errors.js';
import { openEventStream, type EventStream, type WatchEventsRequest } from './events-client.js';

export const DEFAULT_SERVER = '127.0.0.1:7420';

export interface ClientOptions {
  /** Per-call deadline (default 30 s). */
  deadlineMs?: number;
}

type UnaryFn = (req: unknown, md: grpc.Metadata, opts: grpc.CallOptions, cb: (e: grpc.ServiceError | null, r?: unknown) => void) => void;

export class BerthClient {
  readonly servers: string[];
  private readonly clients: (grpc.Client | undefined)[];
  private current = 0;

  constructor(servers: string | string[] = DEFAULT_SERVER, private readonly opts: ClientOptions = {}) {
    this.servers = (Array.isArray(servers) ? servers : servers.split(','))
      .map((s) => s.trim().replace(/^grpc:\/\//, ''))
      .filter(Boolean);
    if (this.servers.length === 0) this.servers.push(DEFAULT_SERVER);
    this.clients = this.servers.map(() => undefined);
  }

  private client(i: number): grpc.Client {
    const ECS = loadBerthProtos().berth.v1.ECS;
    this.clients[i] ??= new ECS(this.servers[i]!, grpc.credentials.createInsecure());
    return this.clients[i]!;
  }

  /** Calls an ECS action; rejects with a BerthError carrying the ECS error name. */
  async call<A extends EcsAction>(action: A, request: EcsActions[A]['request']): Promise<EcsActions[A]['response']> {
    const op = OPERATIONS[action];
    if (!op) throw new Error(`unknown action ${action}`);
    const res = await this.unary((i) => this.client(i), action, toWire(op.input, request));
    return fromWire(op.output, res, { listDefaults: true });
  }

  /** Calls a method of Berth's own IAM service (access keys); request and answer as the proto loads them. */
  async iam<T = Record<string, unknown>>(method: 'CreateAccessKey' | 'ListAccessKeys' | 'DeleteAccessKey', request: Record<string, unknown>): Promise<T> {
    return (await this.unary((i) => {
      const Iam = loadBerthProtos().berth.v1.BerthIam;
      this.iamClients[i] ??= new Iam(this.servers[i]!, grpc.credentials.createInsecure());
      return this.iamClients[i]!;
    }, method, request)) as T;
  }

  private readonly iamClients: (grpc.Client | undefined)[] = [];

  /** One unary call with failover: only UNAVAILABLE moves on to the next server. */
  private async unary(clientFor: (i: number) => grpc.Client, method: string, wire: unknown): Promise<unknown> {
    let lastErr: grpc.ServiceError | undefined;
    for (let attempt = 0; attempt < this.servers.length; attempt++) {
      const i = (this.current + attempt) % this.servers.length;
      const c = clientFor(i) as unknown as Record<string, UnaryFn>;
      try {
        const res = await new Promise<unknown>((resolve, reject) => {
          const deadline = Date.now() + (this.opts.deadlineMs ?? 30_000);
          c[method]!.call(c, wire, new grpc.Metadata(), { deadline }, (e, r) => (e ? reject(e) : resolve(r)));
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
    return openEventStream(this.servers, this.current, req);
  }

  close(): void {
    for (const c of this.clients) c?.close();
    for (const c of this.iamClients) c?.close();
  }
}
