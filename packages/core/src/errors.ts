// Every Berth error carries an ECS error shape name (ClientException, InvalidParameterException,
// ClusterNotFoundException, ...) and, for bad input, the offending field as a path such as
// `containerDefinitions[0].portMappings[1].hostPort`. The gRPC layer puts both in trailing metadata;
// the ECS JSON endpoint copies the name. No layer re-derives it.

export type EcsErrorName =
  | 'ServerException'
  | 'ClientException'
  | 'InvalidParameterException'
  | 'ClusterNotFoundException'
  | 'ClusterContainsContainerInstancesException'
  | 'ClusterContainsServicesException'
  | 'ClusterContainsTasksException'
  | 'ClusterContainsCapacityProviderException'
  | 'ServiceNotFoundException'
  | 'ServiceNotActiveException'
  | 'LimitExceededException'
  | 'AttributeLimitExceededException'
  | 'TargetNotFoundException'
  | 'ResourceNotFoundException'
  | 'ResourceInUseException'
  | 'ConflictException'
  | 'AccessDeniedException'
  | 'UnsupportedFeatureException'
  | 'PlatformTaskDefinitionIncompatibilityException'
  | 'UpdateInProgressException'
  // IAM's, for Berth's access keys.
  | 'NoSuchEntityException';

export class BerthError extends Error {
  readonly ecsName: EcsErrorName;
  /** Path of the offending member, when one member is at fault. */
  readonly field?: string;
  constructor(ecsName: EcsErrorName, message: string, field?: string) {
    super(message);
    this.name = ecsName;
    this.ecsName = ecsName;
    if (field !== undefined) this.field = field;
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

export function isBerthError(e: unknown): e is BerthError {
  return e instanceof BerthError;
}
