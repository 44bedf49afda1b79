// Original file: protos/berth/v1/ecs.proto


export interface DaemonCapacityProvider {
  'arn'?: (string);
  'runningCount'?: (number);
  '_arn'?: "arn";
  '_runningCount'?: "runningCount";
}

export interface DaemonCapacityProvider__Output {
  'arn'?: (string);
  'runningCount'?: (number);
}
