// Binds an implementation of ECS actions to the gRPC service berth.v1.ECS. Every action of the model is
// served: the ones Berth implements convert wire <-> model and map errors; the others answer
// UNIMPLEMENTED with an UnsupportedFeatureException that names the action.
import * as grpc from '@grpc/grpc-js';
import { BerthError, OPERATIONS, type EcsAction, type EcsActions } from '@berth/core';
import { loadBerthProtos } from './load.js';
import { fromWire, toWire } from './wire.js';
import { toGrpcError } from './errors.js';

export interface CallContext {
  /** Peer address, for logs. */
  peer: string;
}

export type EcsHandler<A extends EcsAction> = (
  request: EcsActions[A]['request'],
  ctx: CallContext,
) => Promise<EcsActions[A]['response']>;

export type EcsImplementation = { [A in EcsAction]?: EcsHandler<A> };

export interface ServiceHooks {
  /** Called with every error that is not a BerthError (a bug or an outage): log it. */
  onUnexpectedError?(action: string, err: unknown): void;
  /** Called after every call (for logs and metrics). */
  onCall?(action: string, ms: number, errorName?: string): void;
}

export function unsupported(action: string): BerthError {
  return new BerthError('UnsupportedFeatureException', `Berth does not implement the ECS action ${action} yet.`);
}

export function ecsServiceDefinition(): grpc.ServiceDefinition {
  return loadBerthProtos().berth.v1.ECS.service;
}

export function ecsHandlers(impl: EcsImplementation, hooks: ServiceHooks = {}): grpc.UntypedServiceImplementation {
  const handlers: grpc.UntypedServiceImplementation = {};
  for (const [action, op] of Object.entries(OPERATIONS)) {
    const fn = impl[action as EcsAction] as EcsHandler<EcsAction> | undefined;
    handlers[action] = (call: grpc.ServerUnaryCall<unknown, unknown>, cb: grpc.sendUnaryData<unknown>) => {
      const started = performance.now();
      const done = (err: unknown, res?: unknown) => {
        if (err !== null) {
          if (!(err instanceof BerthError)) hooks.onUnexpectedError?.(action, err);
          const g = toGrpcError(err);
          hooks.onCall?.(action, performance.now() - started, err instanceof BerthError ? err.ecsName : 'ServerException');
          cb(g);
        } else {
          hooks.onCall?.(action, performance.now() - started);
          cb(null, res);
        }
      };
      if (!fn) return done(unsupported(action));
      let request: never;
      try {
        request = fromWire(op.input, call.request) as never;
      } catch (e) {
        return done(e);
      }
      fn(request, { peer: call.getPeer() }).then(
        (res) => done(null, toWire(op.output, res ?? {})),
        (e) => done(e),
      );
    };
  }
  return handlers;
}
