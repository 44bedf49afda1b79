// Original file: protos/berth/v1/ecs.proto

import type { InstanceLaunchTemplateUpdate as _berth_v1_InstanceLaunchTemplateUpdate, InstanceLaunchTemplateUpdate__Output as _berth_v1_InstanceLaunchTemplateUpdate__Output } from '../../berth/v1/InstanceLaunchTemplateUpdate.js';
import type { InfrastructureOptimization as _berth_v1_InfrastructureOptimization, InfrastructureOptimization__Output as _berth_v1_InfrastructureOptimization__Output } from '../../berth/v1/InfrastructureOptimization.js';
import type { AutoRepairConfiguration as _berth_v1_AutoRepairConfiguration, AutoRepairConfiguration__Output as _berth_v1_AutoRepairConfiguration__Output } from '../../berth/v1/AutoRepairConfiguration.js';

export interface UpdateManagedInstancesProviderConfiguration {
  'infrastructureRoleArn'?: (string);
  'instanceLaunchTemplate'?: (_berth_v1_InstanceLaunchTemplateUpdate | null);
  'propagateTags'?: (string);
  'infrastructureOptimization'?: (_berth_v1_InfrastructureOptimization | null);
  'autoRepairConfiguration'?: (_berth_v1_AutoRepairConfiguration | null);
  '_infrastructureRoleArn'?: "infrastructureRoleArn";
  '_propagateTags'?: "propagateTags";
}

export interface UpdateManagedInstancesProviderConfiguration__Output {
  'infrastructureRoleArn'?: (string);
  'instanceLaunchTemplate'?: (_berth_v1_InstanceLaunchTemplateUpdate__Output);
  'propagateTags'?: (string);
  'infrastructureOptimization'?: (_berth_v1_InfrastructureOptimization__Output);
  'autoRepairConfiguration'?: (_berth_v1_AutoRepairConfiguration__Output);
}
