// Original file: protos/berth/v1/ecs.proto


export interface ContainerRestartPolicy {
  'enabled'?: (boolean);
  'ignoredExitCodes'?: (number)[];
  'restartAttemptPeriod'?: (number);
  'berthPresentMembers'?: (string)[];
  '_enabled'?: "enabled";
  '_restartAttemptPeriod'?: "restartAttemptPeriod";
}

export interface ContainerRestartPolicy__Output {
  'enabled'?: (boolean);
  'ignoredExitCodes'?: (number)[];
  'restartAttemptPeriod'?: (number);
  'berthPresentMembers'?: (string)[];
}
