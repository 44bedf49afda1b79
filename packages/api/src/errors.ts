// One error mapping for every transport. describeError turns anything a call threw into what every
// transport needs: the error name of the API's model, the service's message alone, the field and the
// error's other members beside it, the HTTP status and fault side (from the model), the query protocol's
// code, and the gRPC code. gRPC sends name, field and members in trailing metadata; each AWS protocol
// shapes the same description as its clients expect (server/src/aws/). A client reads the metadata back
// with error-metadata.ts.
import * as grpc from '@grpc/grpc-js';
import { AWS_APIS, BerthError, SigV4Error, type ApiModel, type ErrorName } from '@berth/core';
import { ERROR_FIELD_KEY, ERROR_MEMBERS_KEY, ERROR_TYPE_KEY } from './error-metadata.js';


export interface ErrorDescription {
  name: string;
  /** The service's text alone. */
  message: string;
  field?: string;
  members?: Record<string, unknown>;
  /** HTTP status for the AWS protocols. */
  status: number;
  /** The server's fault (5xx, query `Receiver`). */
  fault: boolean;
  /** The query protocol's code (`NoSuchEntity` for IAM's NoSuchEntityException). */
  code: string;
  grpcCode: grpc.status;
  /** Not a BerthError: a bug or an outage, whose details are logged and never sent. */
  unexpected?: unknown;
}

/**
 * A refusal whose gRPC code is part of a protocol of Berth's own: on the agent stream FAILED_PRECONDITION
 * and NOT_FOUND tell an agent to stop rather than retry. The observers see a ClientException; the wire
 * carries that code.
 */
export class ProtocolRefusal extends BerthError {
  constructor(readonly grpcCode: grpc.status, message: string) {
    super('ClientException', message);
  }
}

/** gRPC codes by error name, where the HTTP status alone does not say it. */
const CODES: Partial<Record<ErrorName, grpc.status>> = {
  ClusterNotFoundException: grpc.status.NOT_FOUND,
  ServiceNotFoundException: grpc.status.NOT_FOUND,
  TargetNotFoundException: grpc.status.NOT_FOUND,
  ResourceNotFoundException: grpc.status.NOT_FOUND,
  NoSuchEntityException: grpc.status.NOT_FOUND,
  ClusterContainsContainerInstancesException: grpc.status.FAILED_PRECONDITION,
  ClusterContainsServicesException: grpc.status.FAILED_PRECONDITION,
  ClusterContainsTasksException: grpc.status.FAILED_PRECONDITION,
  ClusterContainsCapacityProviderException: grpc.status.FAILED_PRECONDITION,
  ServiceNotActiveException: grpc.status.FAILED_PRECONDITION,
  ResourceInUseException: grpc.status.FAILED_PRECONDITION,
  UpdateInProgressException: grpc.status.FAILED_PRECONDITION,
  LimitExceededException: grpc.status.RESOURCE_EXHAUSTED,
  AttributeLimitExceededException: grpc.status.RESOURCE_EXHAUSTED,
  AccessDeniedException: grpc.status.PERMISSION_DENIED,
  AccessDenied: grpc.status.PERMISSION_DENIED,
  ConflictException: grpc.status.ALREADY_EXISTS,
  UnsupportedFeatureException: grpc.status.UNIMPLEMENTED,
  InvalidAction: grpc.status.UNIMPLEMENTED,
  UnknownOperationException: grpc.status.UNIMPLEMENTED,
  MissingAuthenticationTokenException: grpc.status.UNAUTHENTICATED,
  IncompleteSignatureException: grpc.status.UNAUTHENTICATED,
  InvalidSignatureException: grpc.status.UNAUTHENTICATED,
  UnrecognizedClientException: grpc.status.UNAUTHENTICATED,
  RequestEntityTooLargeException: grpc.status.RESOURCE_EXHAUSTED,
  ThrottlingException: grpc.status.RESOURCE_EXHAUSTED,
};

function grpcCodeOf(name: string, status: number): grpc.status {
  const named = CODES[name as ErrorName];
  if (named !== undefined) return named;
  if (status >= 500) return grpc.status.INTERNAL;
  if (status === 404) return grpc.status.NOT_FOUND;
  if (status === 403) return grpc.status.PERMISSION_DENIED;
  if (status === 409) return grpc.status.ALREADY_EXISTS;
  if (status === 429) return grpc.status.RESOURCE_EXHAUSTED;
  return grpc.status.INVALID_ARGUMENT;
}

/** Status and code of errors no model lists (AWS's common errors). */
const COMMON_STATUS: Record<string, number> = { AccessDenied: 403, MissingAuthenticationTokenException: 403, RequestEntityTooLargeException: 413, RequestTimeoutException: 408 };

/** The model's facts of an error name: the raising API's first, else any API that has it. */
function errorInfo(name: string, api?: ApiModel) {
  if (api?.errors[name]) return api.errors[name];
  for (const a of Object.values(AWS_APIS)) if (a.errors[name]) return a.errors[name];
  return undefined;
}

export function describeError(err: unknown, api?: ApiModel): ErrorDescription {
  if (err instanceof SigV4Error) {
    return { name: err.type, message: err.message, status: err.status, fault: false, code: err.type, grpcCode: grpcCodeOf(err.type, err.status) };
  }
  if (!(err instanceof BerthError)) {
    return { name: 'ServerException', message: 'Internal error', status: 500, fault: true, code: 'ServerException', grpcCode: grpc.status.INTERNAL, unexpected: err };
  }
  const info = errorInfo(err.ecsName, api);
  const status = info?.status ?? COMMON_STATUS[err.ecsName] ?? (err.ecsName === 'ServerException' ? 500 : 400);
  return {
    name: err.ecsName,
    message: err.message,
    ...(err.field !== undefined ? { field: err.field } : {}),
    ...(err.members !== undefined ? { members: { ...err.members } } : {}),
    status,
    fault: info?.fault ?? status >= 500,
    code: info?.code ?? err.ecsName,
    grpcCode: err instanceof ProtocolRefusal ? err.grpcCode : grpcCodeOf(err.ecsName, status),
  };
}

/** An error description as a gRPC status: name, field and members in trailing metadata. */
export function toGrpcStatus(d: ErrorDescription): Partial<grpc.StatusObject> {
  const metadata = new grpc.Metadata();
  metadata.set(ERROR_TYPE_KEY, d.name);
  if (d.field !== undefined) metadata.set(ERROR_FIELD_KEY, d.field);
  if (d.members !== undefined) metadata.set(ERROR_MEMBERS_KEY, JSON.stringify(d.members));
  return { code: d.grpcCode, details: d.message, metadata };
}

/** Anything thrown as a gRPC status (for the gRPC services outside the action tables). */
export function toGrpcError(err: unknown): Partial<grpc.StatusObject> {
  return toGrpcStatus(describeError(err));
}
