// What a gRPC error carries beside its code (errors.ts writes it on the server) and how a client reads it back.
// Apart from errors.ts, whose error facts come from every AWS model: a client (the agent) loads no model for it.
import type * as grpc from '@grpc/grpc-js';
import { BerthError, type ErrorName } from '@berth/core/errors.js';

export const ERROR_TYPE_KEY = 'ecs-error-type';
export const ERROR_FIELD_KEY = 'ecs-error-field';
/** The error shape's members besides the message, as JSON (ConflictException's resourceIds). */
export const ERROR_MEMBERS_KEY = 'ecs-error-members';

/** A gRPC error as a BerthError, with the name, field and members the server sent (ServerException for transport errors). */
export function fromGrpcError(err: grpc.ServiceError): BerthError {
  const name = err.metadata?.get(ERROR_TYPE_KEY)[0];
  const field = err.metadata?.get(ERROR_FIELD_KEY)[0];
  const members = err.metadata?.get(ERROR_MEMBERS_KEY)[0];
  if (typeof name !== 'string') return new BerthError('ServerException', err.details || err.message);
  let parsed: Record<string, unknown> | undefined;
  try {
    parsed = typeof members === 'string' ? JSON.parse(members) : undefined;
  } catch {
    parsed = undefined;
  }
  return new BerthError(name as ErrorName, err.details, typeof field === 'string' ? field : undefined, parsed);
}
