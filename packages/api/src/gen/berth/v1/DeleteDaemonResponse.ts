// Original file: protos/berth/v1/ecs.proto


export interface DeleteDaemonResponse {
  'daemonArn'?: (string);
  'status'?: (string);
  'createdAt'?: (number | string);
  'updatedAt'?: (number | string);
  'deploymentArn'?: (string);
  '_daemonArn'?: "daemonArn";
  '_status'?: "status";
  '_createdAt'?: "createdAt";
  '_updatedAt'?: "updatedAt";
  '_deploymentArn'?: "deploymentArn";
}

export interface DeleteDaemonResponse__Output {
  'daemonArn'?: (string);
  'status'?: (string);
  'createdAt'?: (number);
  'updatedAt'?: (number);
  'deploymentArn'?: (string);
}
