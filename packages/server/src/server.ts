// berth-server as a library: open the store, settle the identity, serve gRPC. main.ts parses flags and
// calls this; tests call it in-process with port 0.
import * as grpc from '@grpc/grpc-js';
import { ecsHandlers, ecsServiceDefinition } from '@berth/api';
import { openStore, type Store } from '@berth/store';
import type { Identity } from '@berth/core';
import { initStore } from './identity.js';
import { ecsImplementation } from './api.js';
import type { ServerContext } from './context.js';
import { createLogger, type Logger } from '@berth/api';
import { Dispatcher, type DispatcherOptions } from './agent/dispatcher.js';
import { startRetention } from './controllers/retention.js';
import { InstanceCache } from './cache/instances.js';
import { startCompaction } from './controllers/compaction.js';
import { startEcsJsonEndpoint, type EcsJsonEndpoint } from './ecs-json/endpoint.js';
import { startServiceController, type ServiceControllerOptions } from './controllers/services.js';

export interface ServerOptions {
  /** host:port for gRPC; port 0 picks a free port. Default 127.0.0.1:7420. */
  listen?: string;
  /** `file:PATH` or `etcd://HOST:PORT[,HOST:PORT]`, or an open Store (tests). */
  store: string | Store;
  region?: string;
  accountId?: string;
  log?: Logger;
  /** Agent sessions: heartbeat period, session lease TTL. */
  agents?: DispatcherOptions;
  /** STOPPED tasks leave the store this long after they stopped (default 3600 s, as ECS). */
  taskRetentionSeconds?: number;
  /**
   * The ECS JSON API (AWS JSON 1.1, for `aws ecs --endpoint-url` and the AWS SDKs) on its own listener.
   * `auth: 'none'` is the only mode until SigV4 with access keys lands: requests are NOT authenticated,
   * so this is for local development. Absent: not served.
   */
  ecsJson?: { listen: string; auth: 'none' };
  /** The services controller's timers (settle time, start throttling, resync), with ECS's defaults. */
  services?: ServiceControllerOptions;
}

export interface RunningServer {
  /** The address actually bound (with the real port when 0 was asked). */
  addr: string;
  port: number;
  /** The ECS JSON endpoint's bound address, when it is served. */
  ecsAddr?: string;
  ctx: ServerContext;
  dispatcher: Dispatcher;
  /** Stop serving, then close the store (if the server opened it). */
  close(): Promise<void>;
}

export const DEFAULT_LISTEN = '127.0.0.1:7420';

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\./.test(h);
}

export function splitHostPort(addr: string): { host: string; port: number } {
  const m = /^(\[[^\]]+\]|[^:]*):(\d+)$/.exec(addr);
  if (!m) throw new Error(`listen address must be HOST:PORT (got ${addr})`);
  return { host: m[1] || '0.0.0.0', port: Number(m[2]) };
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const log = opts.log ?? createLogger();
  const listen = opts.listen ?? DEFAULT_LISTEN;
  const { host } = splitHostPort(listen);
  const ownsStore = typeof opts.store === 'string';
  const store = typeof opts.store === 'string' ? await openStore(opts.store) : opts.store;
  let identity: Identity;
  try {
    identity = await initStore(store, { ...(opts.region ? { region: opts.region } : {}), ...(opts.accountId ? { accountId: opts.accountId } : {}) }, log);
  } catch (e) {
    if (ownsStore) await store.close();
    throw e;
  }
  const ctx: ServerContext = { store, identity, log, now: () => Date.now() / 1000, instances: new InstanceCache(store, log) };

  const server = new grpc.Server();
  server.addService(ecsServiceDefinition(), ecsHandlers(ecsImplementation(ctx), {
    onUnexpectedError: (action, err) => log.error('action failed', { action, error: String((err as Error)?.stack ?? err) }),
    onCall: (action, ms, errorName) => log.debug('call', { action, ms: Math.round(ms * 10) / 10, ...(errorName ? { error: errorName } : {}) }),
  }));
  const dispatcher = new Dispatcher(ctx, opts.agents);
  server.addService(dispatcher.definition(), dispatcher.handlers());
  const retentionSeconds = opts.taskRetentionSeconds ?? 3600;
  const retention = startRetention(ctx, { retentionSeconds, intervalMs: Math.min(60_000, Math.max(200, retentionSeconds * 250)) });
  const compaction = startCompaction(ctx);
  const services = startServiceController(ctx, opts.services);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(listen, grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
  const addr = `${host}:${port}`;
  // Until authentication covers this listener, anything but loopback is exposed to the network.
  if (!isLoopback(host)) {
    log.warn('LISTENING BEYOND LOOPBACK WITHOUT AUTHENTICATION: anyone who can reach this address controls Berth', { addr });
  }
  log.info('listening', { name: 'grpc', addr });

  const stopAll = async () => {
    retention.stop();
    compaction.stop();
    await services.stop();
    // Agents are told to reconnect (to another replica) and their session leases are released.
    await dispatcher.shutdown();
    await new Promise<void>((r) => server.tryShutdown(() => r()));
    await ctx.instances?.stop();
    if (ownsStore) await store.close();
  };

  // The ECS JSON endpoint: only with auth 'none' until SigV4 lands, and then it says so loudly.
  let ecsJson: EcsJsonEndpoint | undefined;
  if (opts.ecsJson) {
    try {
      if (opts.ecsJson.auth !== 'none') throw new Error(`ecsJson.auth must be 'none' (SigV4 is not implemented yet)`);
      const { host: ecsHost, port: ecsPort } = splitHostPort(opts.ecsJson.listen);
      ecsJson = await startEcsJsonEndpoint(ecsImplementation(ctx), { host: ecsHost, port: ecsPort, log });
      log.warn('ECS JSON ENDPOINT WITHOUT AUTHENTICATION (--ecs-auth none): requests are not authenticated; for local development only', { addr: ecsJson.addr });
      if (!isLoopback(ecsHost)) {
        log.warn('ECS JSON ENDPOINT LISTENING BEYOND LOOPBACK WITHOUT AUTHENTICATION: anyone who can reach this address controls Berth', { addr: ecsJson.addr });
      }
      log.info('listening', { name: 'ecs-json', addr: ecsJson.addr });
    } catch (e) {
      await stopAll();
      throw e;
    }
  }

  return {
    addr, port, ctx, dispatcher,
    ...(ecsJson ? { ecsAddr: ecsJson.addr } : {}),
    async close() {
      await ecsJson?.close();
      await stopAll();
    },
  };
}
