// Original file: protos/berth/v1/ecs.proto


export interface DaemonDeploymentSummary {
  'daemonDeploymentArn'?: (string);
  'daemonArn'?: (string);
  'clusterArn'?: (string);
  'status'?: (string);
  'statusReason'?: (string);
  'targetDaemonRevisionArn'?: (string);
  'createdAt'?: (number | string);
  'startedAt'?: (number | string);
  'stoppedAt'?: (number | string);
  'finishedAt'?: (number | string);
  '_daemonDeploymentArn'?: "daemonDeploymentArn";
  '_daemonArn'?: "daemonArn";
  '_clusterArn'?: "clusterArn";
  '_status'?: "status";
  '_statusReason'?: "statusReason";
  '_targetDaemonRevisionArn'?: "targetDaemonRevisionArn";
  '_createdAt'?: "createdAt";
  '_startedAt'?: "startedAt";
  '_stoppedAt'?: "stoppedAt";
  '_finishedAt'?: "finishedAt";
}

export interface DaemonDeploymentSummary__Output {
  'daemonDeploymentArn'?: (string);
  'daemonArn'?: (string);
  'clusterArn'?: (string);
  'status'?: (string);
  'statusReason'?: (string);
  'targetDaemonRevisionArn'?: (string);
  'createdAt'?: (number);
  'startedAt'?: (number);
  'stoppedAt'?: (number);
  'finishedAt'?: (number);
}
