// Binds an action table to its API's gRPC service (berth.v1.ECS, berth.aws.sts.v1.STS, ...). Every action
// of the model is served, through the one hook chain (call.ts): the wire form is converted to the model's
// (presence of lists included), and errors leave as gRPC statuses with the model's error name, field and
// members in trailing metadata.
import * as grpc from '@grpc/grpc-js';
import { identityFromSubjectAltName, type ApiModel, type EcsAction, type EcsActions } from '@berth/core';
import { loadApiService } from './load.js';
import { fromWire, toWire } from './wire.js';
import { toGrpcStatus } from './errors.js';
import { runCall, type ActionTable, type CallContext, type CallHooks, type Caller } from './call.js';

export type { CallContext } from './call.js';

export type EcsHandler<A extends EcsAction> = (
  request: EcsActions[A]['request'],
  call: CallContext,
) => Promise<EcsActions[A]['response']>;

/** A gRPC caller without a client certificate: a user (access keys on gRPC: issue 16 §4), or a machine joining. */
export const GRPC_CALLER: Caller = { kind: 'anonymous', reason: 'no client certificate' };

/**
 * Who makes a gRPC call or opens a gRPC stream: the one place the gRPC listener authenticates (every unary
 * action and every stream asks here). A client certificate that chains to the cluster CA (grpc-js reports
 * one only when the TLS handshake verified it) names a container instance or another component; whether it
 * is still good (its instance not deregistered) is the server's authorization to decide.
 */
export async function authenticateGrpc(call: Pick<grpc.ServerUnaryCall<unknown, unknown>, 'getPeer' | 'getAuthContext' | 'metadata'>): Promise<Caller> {
  const who = identityFromSubjectAltName(call.getAuthContext()?.sslPeerCertificate?.subjectaltname);
  if (!who) return GRPC_CALLER;
  if (who.kind === 'agent') return { kind: 'container-instance', containerInstanceArn: who.containerInstanceArn, byCertificate: true };
  return { kind: 'component', component: who.kind, cluster: who.cluster, id: who.id };
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
