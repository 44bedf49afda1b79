// Original file: protos/berth/v1/ecs.proto

import type { AutoScalingGroupProviderUpdate as _berth_v1_AutoScalingGroupProviderUpdate, AutoScalingGroupProviderUpdate__Output as _berth_v1_AutoScalingGroupProviderUpdate__Output } from '../../berth/v1/AutoScalingGroupProviderUpdate.js';
import type { UpdateManagedInstancesProviderConfiguration as _berth_v1_UpdateManagedInstancesProviderConfiguration, UpdateManagedInstancesProviderConfiguration__Output as _berth_v1_UpdateManagedInstancesProviderConfiguration__Output } from '../../berth/v1/UpdateManagedInstancesProviderConfiguration.js';

export interface UpdateCapacityProviderRequest {
  'name'?: (string);
  'cluster'?: (string);
  'autoScalingGroupProvider'?: (_berth_v1_AutoScalingGroupProviderUpdate | null);
  'managedInstancesProvider'?: (_berth_v1_UpdateManagedInstancesProviderConfiguration | null);
  '_name'?: "name";
  '_cluster'?: "cluster";
}

export interface UpdateCapacityProviderRequest__Output {
  'name'?: (string);
  'cluster'?: (string);
  'autoScalingGroupProvider'?: (_berth_v1_AutoScalingGroupProviderUpdate__Output);
  'managedInstancesProvider'?: (_berth_v1_UpdateManagedInstancesProviderConfiguration__Output);
}
