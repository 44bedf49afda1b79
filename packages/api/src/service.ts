// Binds an action table to its API's gRPC service (berth.v1.ECS, berth.aws.sts.v1.STS, ...). Every action
// of the model is served, through the one hook chain (call.ts): the wire form is converted to the model's
// (presence of lists included), and errors leave as gRPC statuses with the model's error name, field and
// members in trailing metadata.
import * as grpc from '@grpc/grpc-js';
import { SigV4Error, certificateSerial, identityFromSubjectAltName, type ApiModel, type EcsAction, type EcsActions } from '@berth/core';
import { loadApiService } from './load.js';
import { fromWire, toWire } from './wire.js';
import { toGrpcStatus } from './errors.js';
import { CallAges, parseAmzDate } from './call-age.js';
import { laneOf } from './admission.js';
import { runCall, type ActionTable, type CallContext, type CallHooks, type Caller } from './call.js';
import { isSigned, receivedBytes, verifyGrpcCall, type GrpcAuthentication } from './grpc-signing.js';

export type { CallContext } from './call.js';

export type EcsHandler<A extends EcsAction> = (
  request: EcsActions[A]['request'],
  call: CallContext,
) => Promise<EcsActions[A]['response']>;

/** A gRPC caller with neither a client certificate nor a signature, where that is allowed (--insecure). */
export const GRPC_CALLER: Caller = { kind: 'anonymous', reason: 'no client certificate, no signature' };

/** What authenticateGrpc reads of a unary call or a stream. */
export type GrpcCallIdentity = Pick<grpc.ServerUnaryCall<unknown, unknown>, 'getPeer' | 'getAuthContext' | 'metadata' | 'getPath'> & { request?: unknown };

/**
 * Who makes a gRPC call or opens a gRPC stream: the one place the gRPC listener authenticates (every unary
 * action and every stream asks here). A client certificate that chains to the cluster CA (grpc-js reports
 * one only when the TLS handshake verified it) names a container instance or another component; whether it
 * is still good (its instance not deregistered) is the server's authorization to decide. Anyone else signs
 * the call with an access key (grpc-signing.ts) and is that key's user. An unsigned call is refused
 * (MissingAuthenticationTokenException), unless the server runs --insecure or the call carries its own
 * credential (`unsigned`: the fleet's Join, whose token is its authentication).
 */
export async function authenticateGrpc(call: GrpcCallIdentity, auth: GrpcAuthentication | undefined, opts: { unsigned?: boolean } = {}): Promise<Caller> {
  const cert = call.getAuthContext()?.sslPeerCertificate;
  const who = identityFromSubjectAltName(cert?.subjectaltname);
  if (who?.kind === 'agent') return { kind: 'container-instance', containerInstanceArn: who.containerInstanceArn, byCertificate: true };
  if (who) return { kind: 'component', component: who.kind, cluster: who.cluster, id: who.id, serial: certificateSerial(cert!.serialNumber) };
  if (auth && isSigned(call.metadata)) {
    const bytes = receivedBytes(call.request);
    // A bug, not a caller's fault: the service was added without keeping its request bytes.
    if (!bytes) throw new Error(`cannot verify the signature of ${call.getPath()}: its request bytes were not kept (withRequestBytes)`);
    return verifyGrpcCall(call.getPath(), call.metadata, bytes, auth.keys);
  }
  if (!auth || auth.allowUnsigned) return GRPC_CALLER;
  if (opts.unsigned) return { kind: 'anonymous', reason: 'authenticated by what the call carries' };
  throw new SigV4Error('MissingAuthenticationTokenException', 'Missing Authentication Token: sign the call with an access key (berth config view shows the credentials in use)');
}

/** A call made with a client certificate the TLS handshake verified: a machine's (admission never sheds it). */
function machineCall(call: Pick<grpc.ServerUnaryCall<unknown, unknown>, 'getAuthContext'>): boolean {
  return call.getAuthContext()?.sslPeerCertificate?.subjectaltname !== undefined;
}

export function grpcServiceDefinition(api: ApiModel): grpc.ServiceDefinition {
  return loadApiService(api).service;
}

export function grpcHandlers(table: ActionTable, hooks: CallHooks): grpc.UntypedServiceImplementation {
  const api = table.api;
  const handlers: grpc.UntypedServiceImplementation = {};
  const ages = new CallAges();
  for (const [action, op] of Object.entries(api.operations)) {
    const lane = laneOf(action);
    handlers[action] = (call: grpc.ServerUnaryCall<unknown, unknown>, cb: grpc.sendUnaryData<unknown>) => {
      const peer = call.getPeer();
      const cls = machineCall(call) || table.unsignedActions?.includes(action) === true ? 'machine' : 'api';
      // A signed API call says when it was made (its signature is checked after admission, so a forged
      // time can only get calls of its own connection refused).
      const signedAt = cls === 'api' ? parseAmzDate(call.metadata.get('x-amz-date')[0]?.toString()) : undefined;
      // gRPC's deadline, as grpc-js read it from the call's grpc-timeout when its headers arrived.
      const deadline = Number(call.getDeadline());
      void runCall(table, hooks, {
        transport: 'grpc',
        peer,
        class: cls,
        lane,
        ...(signedAt !== undefined ? { ageMs: ages.age(peer, signedAt) } : {}),
        ...(Number.isFinite(deadline) ? { deadline } : {}),
        authenticate: () => authenticateGrpc(call, hooks.grpcAuthentication, { unsigned: table.unsignedActions?.includes(action) === true }),
        decode: () => ({ action, request: fromWire(op.input, call.request, { api }) }),
      }).then((outcome) => {
        if ('error' in outcome) cb(toGrpcStatus(outcome.error));
        else cb(null, toWire(op.output, outcome.response, api));
      });
    };
  }
  return handlers;
}
