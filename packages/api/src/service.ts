// Binds an action table to its API's gRPC service (berth.v1.ECS, berth.aws.sts.v1.STS, ...). Every action
// of the model is served, through the one hook chain (call.ts): the wire form is converted to the model's
// (presence of lists included), and errors leave as gRPC statuses with the model's error name, field and
// members in trailing metadata.
import * as grpc from '@grpc/grpc-js';
import type { ApiModel, EcsAction, EcsActions } from '@berth/core';
import { loadApiService } from './load.js';
import { fromWire, toWire } from './wire.js';
import { toGrpcStatus } from './errors.js';
import { runCall, type ActionTable, type CallContext, type CallHooks, type Caller } from './call.js';

export type { CallContext } from './call.js';

export type EcsHandler<A extends EcsAction> = (
  request: EcsActions[A]['request'],
  call: CallContext,
) => Promise<EcsActions[A]['response']>;

/** A gRPC caller has no identity until mutual TLS (issue 16). */
export const GRPC_CALLER: Caller = { kind: 'anonymous', reason: 'gRPC calls carry no identity until mutual TLS' };

/**
 * Who makes a gRPC call or opens a gRPC stream: the one place the gRPC listener authenticates (every unary
 * action and every stream asks here). Issue 16 reads the peer's certificate here (getAuthContext: a
 * container instance or a user); until then every caller is anonymous.
 */
export async function authenticateGrpc(_call: Pick<grpc.ServerUnaryCall<unknown, unknown>, 'getPeer' | 'getAuthContext' | 'metadata'>): Promise<Caller> {
  return GRPC_CALLER;
}

export function grpcServiceDefinition(api: ApiModel): grpc.ServiceDefinition {
  return loadApiService(api).service;
}

export function grpcHandlers(table: ActionTable, hooks: CallHooks): grpc.UntypedServiceImplementation {
  const api = table.api;
  const handlers: grpc.UntypedServiceImplementation = {};
  for (const [action, op] of Object.entries(api.operations)) {
    handlers[action] = (call: grpc.ServerUnaryCall<unknown, unknown>, cb: grpc.sendUnaryData<unknown>) => {
      void runCall(table, hooks, {
        transport: 'grpc',
        peer: call.getPeer(),
        authenticate: () => authenticateGrpc(call),
        decode: () => ({ action, request: fromWire(op.input, call.request, { api }) }),
      }).then((outcome) => {
        if ('error' in outcome) cb(toGrpcStatus(outcome.error));
        else cb(null, toWire(op.output, outcome.response, api));
      });
    };
  }
  return handlers;
}
