// Every Berth error carries an AWS error shape name (ClientException, InvalidParameterException,
// ClusterNotFoundException, ...: a name of the model of the API raising it), the service's message, and
// beside them, never inside the message: the offending field as a path such as
// `containerDefinitions[0].portMappings[1].hostPort`, and the error shape's other members (ConflictException's
// `resourceIds`). api's errors.ts maps it once for every transport (gRPC trailing metadata, each AWS
// protocol's error shape); no layer re-derives the name.
import type { ModelErrorName } from './model/apis.js';

/** Errors AWS front ends answer for any API, which no model lists (protocol, signature, limits). */
export type CommonErrorName =
  | 'SerializationException'
  | 'UnknownOperationException'
  | 'InvalidAction'
  | 'MissingAuthenticationTokenException'
  | 'IncompleteSignatureException'
  | 'InvalidSignatureException'
  | 'UnrecognizedClientException'
  | 'RequestEntityTooLargeException'
  | 'RequestTimeoutException'
  | 'ValidationError'
  /** The query protocol's refusal of the policy check (IAM, STS), HTTP 403. */
  | 'AccessDenied';

/** Every name a Berth error may carry. */
export type ErrorName = ModelErrorName | CommonErrorName;
/** The former name of ErrorName, from when ECS was the only API. */
export type EcsErrorName = ErrorName;

export class BerthError extends Error {
  readonly ecsName: ErrorName;
  /** Path of the offending member, when one member is at fault. */
  readonly field?: string;
  /** The error shape's members besides the message (ConflictException's `resourceIds`). */
  readonly members?: Readonly<Record<string, unknown>>;
  constructor(name: ErrorName, message: string, field?: string, members?: Record<string, unknown>) {
    super(message);
    this.name = name;
    this.ecsName = name;
    if (field !== undefined) this.field = field;
    if (members !== undefined) this.members = members;
  }
}

/** Bad input naming the field and the rule: `InvalidParameterException`. */
export function invalid(field: string, message: string): BerthError {
  return new BerthError('InvalidParameterException', message, field);
}

/** A generic client error (ECS's ClientException), optionally naming a field. */
export function clientError(message: string, field?: string): BerthError {
  return new BerthError('ClientException', message, field);
}

/**
 * The one wording of a refusal of what Berth has not built: "<subject> uses <member>, which Berth does not
 * support: <why>". `why` says what is missing and what to use instead.
 */
export function unsupportedSentence(subject: string, member: string, why: string): string {
  return `${subject} uses ${member}, which Berth does not support: ${why}`;
}

/**
 * A feature Berth has not built (UnsupportedFeatureException), as opposed to input ECS itself would refuse
 * (InvalidParameterException, ClientException): "The request uses <member>, which Berth does not support:
 * <why>". `field` is the member's path; `member` how the message names it (the field by default).
 */
export function unsupportedFeature(field: string, why: string, member = field, subject = 'The request'): BerthError {
  return new BerthError('UnsupportedFeatureException', unsupportedSentence(subject, member, why), field);
}

export function isBerthError(e: unknown): e is BerthError {
  return e instanceof BerthError;
}
