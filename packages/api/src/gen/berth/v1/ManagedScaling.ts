// Original file: protos/berth/v1/ecs.proto


export interface ManagedScaling {
  'status'?: (string);
  'targetCapacity'?: (number);
  'minimumScalingStepSize'?: (number);
  'maximumScalingStepSize'?: (number);
  'instanceWarmupPeriod'?: (number);
  '_status'?: "status";
  '_targetCapacity'?: "targetCapacity";
  '_minimumScalingStepSize'?: "minimumScalingStepSize";
  '_maximumScalingStepSize'?: "maximumScalingStepSize";
  '_instanceWarmupPeriod'?: "instanceWarmupPeriod";
}

export interface ManagedScaling__Output {
  'status'?: (string);
  'targetCapacity'?: (number);
  'minimumScalingStepSize'?: (number);
  'maximumScalingStepSize'?: (number);
  'instanceWarmupPeriod'?: (number);
}
