// Original file: protos/berth/v1/ecs.proto

import type { ContainerInstance as _berth_v1_ContainerInstance, ContainerInstance__Output as _berth_v1_ContainerInstance__Output } from '../../berth/v1/ContainerInstance.js';
import type { Failure as _berth_v1_Failure, Failure__Output as _berth_v1_Failure__Output } from '../../berth/v1/Failure.js';

export interface UpdateContainerInstancesStateResponse {
  'containerInstances'?: (_berth_v1_ContainerInstance)[];
  'failures'?: (_berth_v1_Failure)[];
  'berthPresentMembers'?: (string)[];
}

export interface UpdateContainerInstancesStateResponse__Output {
  'containerInstances'?: (_berth_v1_ContainerInstance__Output)[];
  'failures'?: (_berth_v1_Failure__Output)[];
  'berthPresentMembers'?: (string)[];
}
