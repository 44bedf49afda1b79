// Original file: protos/berth/v1/ecs.proto


export interface DaemonRollback {
  'reason'?: (string);
  'startedAt'?: (number | string);
  'rollbackTargetDaemonRevisionArn'?: (string);
  'rollbackCapacityProviders'?: (string)[];
  'berthPresentMembers'?: (string)[];
  '_reason'?: "reason";
  '_startedAt'?: "startedAt";
  '_rollbackTargetDaemonRevisionArn'?: "rollbackTargetDaemonRevisionArn";
}

export interface DaemonRollback__Output {
  'reason'?: (string);
  'startedAt'?: (number);
  'rollbackTargetDaemonRevisionArn'?: (string);
  'rollbackCapacityProviders'?: (string)[];
  'berthPresentMembers'?: (string)[];
}
