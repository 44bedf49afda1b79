// Original file: protos/berth/v1/ecs.proto


export interface ManagedTargetGroup {
  'arn'?: (string);
  'status'?: (string);
  'statusReason'?: (string);
  'updatedAt'?: (number | string);
  'healthCheckPath'?: (string);
  'healthCheckPort'?: (number);
  'port'?: (number);
  '_arn'?: "arn";
  '_status'?: "status";
  '_statusReason'?: "statusReason";
  '_updatedAt'?: "updatedAt";
  '_healthCheckPath'?: "healthCheckPath";
  '_healthCheckPort'?: "healthCheckPort";
  '_port'?: "port";
}

export interface ManagedTargetGroup__Output {
  'arn'?: (string);
  'status'?: (string);
  'statusReason'?: (string);
  'updatedAt'?: (number);
  'healthCheckPath'?: (string);
  'healthCheckPort'?: (number);
  'port'?: (number);
}
