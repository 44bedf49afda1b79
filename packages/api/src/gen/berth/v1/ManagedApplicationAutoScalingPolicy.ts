// Original file: protos/berth/v1/ecs.proto


export interface ManagedApplicationAutoScalingPolicy {
  'arn'?: (string);
  'status'?: (string);
  'statusReason'?: (string);
  'updatedAt'?: (number | string);
  'policyType'?: (string);
  'targetValue'?: (number | string);
  'metric'?: (string);
  '_arn'?: "arn";
  '_status'?: "status";
  '_statusReason'?: "statusReason";
  '_updatedAt'?: "updatedAt";
  '_policyType'?: "policyType";
  '_targetValue'?: "targetValue";
  '_metric'?: "metric";
}

export interface ManagedApplicationAutoScalingPolicy__Output {
  'arn'?: (string);
  'status'?: (string);
  'statusReason'?: (string);
  'updatedAt'?: (number);
  'policyType'?: (string);
  'targetValue'?: (number);
  'metric'?: (string);
}
