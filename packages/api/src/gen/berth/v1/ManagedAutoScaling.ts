// Original file: protos/berth/v1/ecs.proto

import type { ManagedScalableTarget as _berth_v1_ManagedScalableTarget, ManagedScalableTarget__Output as _berth_v1_ManagedScalableTarget__Output } from '../../berth/v1/ManagedScalableTarget.js';
import type { ManagedApplicationAutoScalingPolicy as _berth_v1_ManagedApplicationAutoScalingPolicy, ManagedApplicationAutoScalingPolicy__Output as _berth_v1_ManagedApplicationAutoScalingPolicy__Output } from '../../berth/v1/ManagedApplicationAutoScalingPolicy.js';

export interface ManagedAutoScaling {
  'scalableTarget'?: (_berth_v1_ManagedScalableTarget | null);
  'applicationAutoScalingPolicies'?: (_berth_v1_ManagedApplicationAutoScalingPolicy)[];
  'berthPresentMembers'?: (string)[];
}

export interface ManagedAutoScaling__Output {
  'scalableTarget'?: (_berth_v1_ManagedScalableTarget__Output);
  'applicationAutoScalingPolicies'?: (_berth_v1_ManagedApplicationAutoScalingPolicy__Output)[];
  'berthPresentMembers'?: (string)[];
}
