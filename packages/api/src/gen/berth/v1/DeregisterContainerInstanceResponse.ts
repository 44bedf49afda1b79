// Original file: protos/berth/v1/ecs.proto

import type { ContainerInstance as _berth_v1_ContainerInstance, ContainerInstance__Output as _berth_v1_ContainerInstance__Output } from '../../berth/v1/ContainerInstance.js';

export interface DeregisterContainerInstanceResponse {
  'containerInstance'?: (_berth_v1_ContainerInstance | null);
}

export interface DeregisterContainerInstanceResponse__Output {
  'containerInstance'?: (_berth_v1_ContainerInstance__Output);
}
