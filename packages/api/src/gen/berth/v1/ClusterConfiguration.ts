// Original file: protos/berth/v1/ecs.proto

import type { ExecuteCommandConfiguration as _berth_v1_ExecuteCommandConfiguration, ExecuteCommandConfiguration__Output as _berth_v1_ExecuteCommandConfiguration__Output } from '../../berth/v1/ExecuteCommandConfiguration.js';
import type { ManagedStorageConfiguration as _berth_v1_ManagedStorageConfiguration, ManagedStorageConfiguration__Output as _berth_v1_ManagedStorageConfiguration__Output } from '../../berth/v1/ManagedStorageConfiguration.js';

export interface ClusterConfiguration {
  'executeCommandConfiguration'?: (_berth_v1_ExecuteCommandConfiguration | null);
  'managedStorageConfiguration'?: (_berth_v1_ManagedStorageConfiguration | null);
}

export interface ClusterConfiguration__Output {
  'executeCommandConfiguration'?: (_berth_v1_ExecuteCommandConfiguration__Output);
  'managedStorageConfiguration'?: (_berth_v1_ManagedStorageConfiguration__Output);
}
