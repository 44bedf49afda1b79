// Original file: protos/berth/v1/ecs.proto

import type { ContainerOverride as _berth_v1_ContainerOverride, ContainerOverride__Output as _berth_v1_ContainerOverride__Output } from '../../berth/v1/ContainerOverride.js';
import type { InferenceAcceleratorOverride as _berth_v1_InferenceAcceleratorOverride, InferenceAcceleratorOverride__Output as _berth_v1_InferenceAcceleratorOverride__Output } from '../../berth/v1/InferenceAcceleratorOverride.js';
import type { EphemeralStorage as _berth_v1_EphemeralStorage, EphemeralStorage__Output as _berth_v1_EphemeralStorage__Output } from '../../berth/v1/EphemeralStorage.js';

export interface TaskOverride {
  'containerOverrides'?: (_berth_v1_ContainerOverride)[];
  'cpu'?: (string);
  'inferenceAcceleratorOverrides'?: (_berth_v1_InferenceAcceleratorOverride)[];
  'executionRoleArn'?: (string);
  'memory'?: (string);
  'taskRoleArn'?: (string);
  'ephemeralStorage'?: (_berth_v1_EphemeralStorage | null);
  'berthPresentMembers'?: (string)[];
  '_cpu'?: "cpu";
  '_executionRoleArn'?: "executionRoleArn";
  '_memory'?: "memory";
  '_taskRoleArn'?: "taskRoleArn";
}

export interface TaskOverride__Output {
  'containerOverrides'?: (_berth_v1_ContainerOverride__Output)[];
  'cpu'?: (string);
  'inferenceAcceleratorOverrides'?: (_berth_v1_InferenceAcceleratorOverride__Output)[];
  'executionRoleArn'?: (string);
  'memory'?: (string);
  'taskRoleArn'?: (string);
  'ephemeralStorage'?: (_berth_v1_EphemeralStorage__Output);
  'berthPresentMembers'?: (string)[];
}
