// Original file: protos/berth/v1/ecs.proto

import type { AutoScalingGroupProvider as _berth_v1_AutoScalingGroupProvider, AutoScalingGroupProvider__Output as _berth_v1_AutoScalingGroupProvider__Output } from '../../berth/v1/AutoScalingGroupProvider.js';
import type { CreateManagedInstancesProviderConfiguration as _berth_v1_CreateManagedInstancesProviderConfiguration, CreateManagedInstancesProviderConfiguration__Output as _berth_v1_CreateManagedInstancesProviderConfiguration__Output } from '../../berth/v1/CreateManagedInstancesProviderConfiguration.js';
import type { Tag as _berth_v1_Tag, Tag__Output as _berth_v1_Tag__Output } from '../../berth/v1/Tag.js';

export interface CreateCapacityProviderRequest {
  'name'?: (string);
  'cluster'?: (string);
  'autoScalingGroupProvider'?: (_berth_v1_AutoScalingGroupProvider | null);
  'managedInstancesProvider'?: (_berth_v1_CreateManagedInstancesProviderConfiguration | null);
  'tags'?: (_berth_v1_Tag)[];
  'berthPresentMembers'?: (string)[];
  '_name'?: "name";
  '_cluster'?: "cluster";
}

export interface CreateCapacityProviderRequest__Output {
  'name'?: (string);
  'cluster'?: (string);
  'autoScalingGroupProvider'?: (_berth_v1_AutoScalingGroupProvider__Output);
  'managedInstancesProvider'?: (_berth_v1_CreateManagedInstancesProviderConfiguration__Output);
  'tags'?: (_berth_v1_Tag__Output)[];
  'berthPresentMembers'?: (string)[];
}
