// Original file: protos/berth/v1/ecs.proto


export interface ManagedScalableTarget {
  'arn'?: (string);
  'status'?: (string);
  'statusReason'?: (string);
  'updatedAt'?: (number | string);
  'minCapacity'?: (number);
  'maxCapacity'?: (number);
  '_arn'?: "arn";
  '_status'?: "status";
  '_statusReason'?: "statusReason";
  '_updatedAt'?: "updatedAt";
  '_minCapacity'?: "minCapacity";
  '_maxCapacity'?: "maxCapacity";
}

export interface ManagedScalableTarget__Output {
  'arn'?: (string);
  'status'?: (string);
  'statusReason'?: (string);
  'updatedAt'?: (number);
  'minCapacity'?: (number);
  'maxCapacity'?: (number);
}
