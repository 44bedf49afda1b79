// Original file: protos/berth/v1/ecs.proto


export interface ManagedListenerRule {
  'arn'?: (string);
  'status'?: (string);
  'statusReason'?: (string);
  'updatedAt'?: (number | string);
  '_arn'?: "arn";
  '_status'?: "status";
  '_statusReason'?: "statusReason";
  '_updatedAt'?: "updatedAt";
}

export interface ManagedListenerRule__Output {
  'arn'?: (string);
  'status'?: (string);
  'statusReason'?: (string);
  'updatedAt'?: (number);
}
