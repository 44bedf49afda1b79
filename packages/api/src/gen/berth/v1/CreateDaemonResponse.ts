// Original file: protos/berth/v1/ecs.proto


export interface CreateDaemonResponse {
  'daemonArn'?: (string);
  'status'?: (string);
  'createdAt'?: (number | string);
  'deploymentArn'?: (string);
  '_daemonArn'?: "daemonArn";
  '_status'?: "status";
  '_createdAt'?: "createdAt";
  '_deploymentArn'?: "deploymentArn";
}

export interface CreateDaemonResponse__Output {
  'daemonArn'?: (string);
  'status'?: (string);
  'createdAt'?: (number);
  'deploymentArn'?: (string);
}
