// Original file: protos/berth/v1/ecs.proto

import type { ManagedScaling as _berth_v1_ManagedScaling, ManagedScaling__Output as _berth_v1_ManagedScaling__Output } from '../../berth/v1/ManagedScaling.js';

export interface AutoScalingGroupProvider {
  'autoScalingGroupArn'?: (string);
  'managedScaling'?: (_berth_v1_ManagedScaling | null);
  'managedTerminationProtection'?: (string);
  'managedDraining'?: (string);
  '_autoScalingGroupArn'?: "autoScalingGroupArn";
  '_managedTerminationProtection'?: "managedTerminationProtection";
  '_managedDraining'?: "managedDraining";
}

export interface AutoScalingGroupProvider__Output {
  'autoScalingGroupArn'?: (string);
  'managedScaling'?: (_berth_v1_ManagedScaling__Output);
  'managedTerminationProtection'?: (string);
  'managedDraining'?: (string);
}
