// Original file: protos/berth/v1/ecs.proto

import type { TaskManagedEBSVolumeConfiguration as _berth_v1_TaskManagedEBSVolumeConfiguration, TaskManagedEBSVolumeConfiguration__Output as _berth_v1_TaskManagedEBSVolumeConfiguration__Output } from '../../berth/v1/TaskManagedEBSVolumeConfiguration.js';

export interface TaskVolumeConfiguration {
  'name'?: (string);
  'managedEbsVolume'?: (_berth_v1_TaskManagedEBSVolumeConfiguration | null);
  '_name'?: "name";
}

export interface TaskVolumeConfiguration__Output {
  'name'?: (string);
  'managedEbsVolume'?: (_berth_v1_TaskManagedEBSVolumeConfiguration__Output);
}
