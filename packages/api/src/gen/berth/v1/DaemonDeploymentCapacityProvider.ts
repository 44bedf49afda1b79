// Original file: protos/berth/v1/ecs.proto


export interface DaemonDeploymentCapacityProvider {
  'arn'?: (string);
  'runningInstanceCount'?: (number);
  'drainingInstanceCount'?: (number);
  '_arn'?: "arn";
  '_runningInstanceCount'?: "runningInstanceCount";
  '_drainingInstanceCount'?: "drainingInstanceCount";
}

export interface DaemonDeploymentCapacityProvider__Output {
  'arn'?: (string);
  'runningInstanceCount'?: (number);
  'drainingInstanceCount'?: (number);
}
