// Original file: protos/berth/v1/ecs.proto

import type { CapacityProviderStrategyItem as _berth_v1_CapacityProviderStrategyItem, CapacityProviderStrategyItem__Output as _berth_v1_CapacityProviderStrategyItem__Output } from '../../berth/v1/CapacityProviderStrategyItem.js';
import type { NetworkConfiguration as _berth_v1_NetworkConfiguration, NetworkConfiguration__Output as _berth_v1_NetworkConfiguration__Output } from '../../berth/v1/NetworkConfiguration.js';
import type { TaskOverride as _berth_v1_TaskOverride, TaskOverride__Output as _berth_v1_TaskOverride__Output } from '../../berth/v1/TaskOverride.js';
import type { PlacementConstraint as _berth_v1_PlacementConstraint, PlacementConstraint__Output as _berth_v1_PlacementConstraint__Output } from '../../berth/v1/PlacementConstraint.js';
import type { PlacementStrategy as _berth_v1_PlacementStrategy, PlacementStrategy__Output as _berth_v1_PlacementStrategy__Output } from '../../berth/v1/PlacementStrategy.js';
import type { Tag as _berth_v1_Tag, Tag__Output as _berth_v1_Tag__Output } from '../../berth/v1/Tag.js';
import type { TaskVolumeConfiguration as _berth_v1_TaskVolumeConfiguration, TaskVolumeConfiguration__Output as _berth_v1_TaskVolumeConfiguration__Output } from '../../berth/v1/TaskVolumeConfiguration.js';

export interface RunTaskRequest {
  'capacityProviderStrategy'?: (_berth_v1_CapacityProviderStrategyItem)[];
  'cluster'?: (string);
  'count'?: (number);
  'enableEcsManagedTags'?: (boolean);
  'enableExecuteCommand'?: (boolean);
  'group'?: (string);
  'launchType'?: (string);
  'networkConfiguration'?: (_berth_v1_NetworkConfiguration | null);
  'overrides'?: (_berth_v1_TaskOverride | null);
  'placementConstraints'?: (_berth_v1_PlacementConstraint)[];
  'placementStrategy'?: (_berth_v1_PlacementStrategy)[];
  'platformVersion'?: (string);
  'propagateTags'?: (string);
  'referenceId'?: (string);
  'startedBy'?: (string);
  'tags'?: (_berth_v1_Tag)[];
  'taskDefinition'?: (string);
  'clientToken'?: (string);
  'volumeConfigurations'?: (_berth_v1_TaskVolumeConfiguration)[];
  'berthPresentMembers'?: (string)[];
  '_cluster'?: "cluster";
  '_count'?: "count";
  '_enableEcsManagedTags'?: "enableEcsManagedTags";
  '_enableExecuteCommand'?: "enableExecuteCommand";
  '_group'?: "group";
  '_launchType'?: "launchType";
  '_platformVersion'?: "platformVersion";
  '_propagateTags'?: "propagateTags";
  '_referenceId'?: "referenceId";
  '_startedBy'?: "startedBy";
  '_taskDefinition'?: "taskDefinition";
  '_clientToken'?: "clientToken";
}

export interface RunTaskRequest__Output {
  'capacityProviderStrategy'?: (_berth_v1_CapacityProviderStrategyItem__Output)[];
  'cluster'?: (string);
  'count'?: (number);
  'enableEcsManagedTags'?: (boolean);
  'enableExecuteCommand'?: (boolean);
  'group'?: (string);
  'launchType'?: (string);
  'networkConfiguration'?: (_berth_v1_NetworkConfiguration__Output);
  'overrides'?: (_berth_v1_TaskOverride__Output);
  'placementConstraints'?: (_berth_v1_PlacementConstraint__Output)[];
  'placementStrategy'?: (_berth_v1_PlacementStrategy__Output)[];
  'platformVersion'?: (string);
  'propagateTags'?: (string);
  'referenceId'?: (string);
  'startedBy'?: (string);
  'tags'?: (_berth_v1_Tag__Output)[];
  'taskDefinition'?: (string);
  'clientToken'?: (string);
  'volumeConfigurations'?: (_berth_v1_TaskVolumeConfiguration__Output)[];
  'berthPresentMembers'?: (string)[];
}
