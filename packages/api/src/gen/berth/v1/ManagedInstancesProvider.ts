// Original file: protos/berth/v1/ecs.proto

import type { InstanceLaunchTemplate as _berth_v1_InstanceLaunchTemplate, InstanceLaunchTemplate__Output as _berth_v1_InstanceLaunchTemplate__Output } from '../../berth/v1/InstanceLaunchTemplate.js';
import type { InfrastructureOptimization as _berth_v1_InfrastructureOptimization, InfrastructureOptimization__Output as _berth_v1_InfrastructureOptimization__Output } from '../../berth/v1/InfrastructureOptimization.js';
import type { AutoRepairConfiguration as _berth_v1_AutoRepairConfiguration, AutoRepairConfiguration__Output as _berth_v1_AutoRepairConfiguration__Output } from '../../berth/v1/AutoRepairConfiguration.js';

export interface ManagedInstancesProvider {
  'infrastructureRoleArn'?: (string);
  'instanceLaunchTemplate'?: (_berth_v1_InstanceLaunchTemplate | null);
  'propagateTags'?: (string);
  'infrastructureOptimization'?: (_berth_v1_InfrastructureOptimization | null);
  'autoRepairConfiguration'?: (_berth_v1_AutoRepairConfiguration | null);
  '_infrastructureRoleArn'?: "infrastructureRoleArn";
  '_propagateTags'?: "propagateTags";
}

export interface ManagedInstancesProvider__Output {
  'infrastructureRoleArn'?: (string);
  'instanceLaunchTemplate'?: (_berth_v1_InstanceLaunchTemplate__Output);
  'propagateTags'?: (string);
  'infrastructureOptimization'?: (_berth_v1_InfrastructureOptimization__Output);
  'autoRepairConfiguration'?: (_berth_v1_AutoRepairConfiguration__Output);
}
