// Original file: protos/berth/v1/ecs.proto


export interface ManagedLogGroup {
  'arn'?: (string);
  'status'?: (string);
  'statusReason'?: (string);
  'updatedAt'?: (number | string);
  'logGroupName'?: (string);
  '_arn'?: "arn";
  '_status'?: "status";
  '_statusReason'?: "statusReason";
  '_updatedAt'?: "updatedAt";
  '_logGroupName'?: "logGroupName";
}

export interface ManagedLogGroup__Output {
  'arn'?: (string);
  'status'?: (string);
  'statusReason'?: (string);
  'updatedAt'?: (number);
  'logGroupName'?: (string);
}
