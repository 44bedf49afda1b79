// Original file: protos/berth/v1/ecs.proto


export interface ServiceDeploymentBrief {
  'serviceDeploymentArn'?: (string);
  'serviceArn'?: (string);
  'clusterArn'?: (string);
  'startedAt'?: (number | string);
  'createdAt'?: (number | string);
  'finishedAt'?: (number | string);
  'targetServiceRevisionArn'?: (string);
  'status'?: (string);
  'statusReason'?: (string);
  '_serviceDeploymentArn'?: "serviceDeploymentArn";
  '_serviceArn'?: "serviceArn";
  '_clusterArn'?: "clusterArn";
  '_startedAt'?: "startedAt";
  '_createdAt'?: "createdAt";
  '_finishedAt'?: "finishedAt";
  '_targetServiceRevisionArn'?: "targetServiceRevisionArn";
  '_status'?: "status";
  '_statusReason'?: "statusReason";
}

export interface ServiceDeploymentBrief__Output {
  'serviceDeploymentArn'?: (string);
  'serviceArn'?: (string);
  'clusterArn'?: (string);
  'startedAt'?: (number);
  'createdAt'?: (number);
  'finishedAt'?: (number);
  'targetServiceRevisionArn'?: (string);
  'status'?: (string);
  'statusReason'?: (string);
}
