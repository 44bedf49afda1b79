// ECS error names over gRPC: the status code says the category, trailing metadata carries the exact ECS
// error shape name and the offending field, so every client (CLI, ECS JSON endpoint) reports the same.
import * as grpc from '@grpc/grpc-js';
import { BerthError, type EcsErrorName } from '@berth/core';

export const ERROR_TYPE_KEY = 'ecs-error-type';
export const ERROR_FIELD_KEY = 'ecs-error-field';

const CODES: Partial<Record<EcsErrorName, grpc.status>> = {
  ServerException: grpc.status.INTERNAL,
  ClientException: grpc.status.INVALID_ARGUMENT,
  InvalidParameterException: grpc.status.INVALID_ARGUMENT,
  ClusterNotFoundException: grpc.status.NOT_FOUND,
  ServiceNotFoundException: grpc.status.NOT_FOUND,
  TargetNotFoundException: grpc.status.NOT_FOUND,
  ResourceNotFoundException: grpc.status.NOT_FOUND,
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
  ConflictException: grpc.status.ALREADY_EXISTS,
  UnsupportedFeatureException: grpc.status.UNIMPLEMENTED,
};

/** A BerthError (or anything thrown) as a gRPC error. Unexpected errors become ServerException. */
export function toGrpcError(err: unknown): Partial<grpc.StatusObject> {
  const e = err instanceof BerthError ? err : new BerthError('ServerException', 'Internal error');
  const metadata = new grpc.Metadata();
  metadata.set(ERROR_TYPE_KEY, e.ecsName);
  if (e.field) metadata.set(ERROR_FIELD_KEY, e.field);
  return { code: CODES[e.ecsName] ?? grpc.status.INVALID_ARGUMENT, details: e.message, metadata };
}

/** A gRPC error as a BerthError, with the ECS name the server sent (ServerException for transport errors). */
export function fromGrpcError(err: grpc.ServiceError): BerthError {
  const name = err.metadata?.get(ERROR_TYPE_KEY)[0];
  const field = err.metadata?.get(ERROR_FIELD_KEY)[0];
  if (typeof name === 'string') return new BerthError(name as EcsErrorName, err.details, typeof field === 'string' ? field : undefined);
  return new BerthError('ServerException', err.details || err.message);
}
