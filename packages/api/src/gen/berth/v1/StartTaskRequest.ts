// Original file: protos/berth/v1/ecs.proto

import type { NetworkConfiguration as _berth_v1_NetworkConfiguration, NetworkConfiguration__Output as _berth_v1_NetworkConfiguration__Output } from '../../berth/v1/NetworkConfiguration.js';
import type { TaskOverride as _berth_v1_TaskOverride, TaskOverride__Output as _berth_v1_TaskOverride__Output } from '../../berth/v1/TaskOverride.js';
import type { Tag as _berth_v1_Tag, Tag__Output as _berth_v1_Tag__Output } from '../../berth/v1/Tag.js';
import type { TaskVolumeConfiguration as _berth_v1_TaskVolumeConfiguration, TaskVolumeConfiguration__Output as _berth_v1_TaskVolumeConfiguration__Output } from '../../berth/v1/TaskVolumeConfiguration.js';

export interface StartTaskRequest {
  'cluster'?: (string);
  'containerInstances'?: (string)[];
  'enableEcsManagedTags'?: (boolean);
  'enableExecuteCommand'?: (boolean);
  'group'?: (string);
  'networkConfiguration'?: (_berth_v1_NetworkConfiguration | null);
  'overrides'?: (_berth_v1_TaskOverride | null);
  'propagateTags'?: (string);
  'referenceId'?: (string);
  'startedBy'?: (string);
  'tags'?: (_berth_v1_Tag)[];
  'taskDefinition'?: (string);
  'volumeConfigurations'?: (_berth_v1_TaskVolumeConfiguration)[];
  'berthPresentMembers'?: (string)[];
  '_cluster'?: "cluster";
  '_enableEcsManagedTags'?: "enableEcsManagedTags";
  '_enableExecuteCommand'?: "enableExecuteCommand";
  '_group'?: "group";
  '_propagateTags'?: "propagateTags";
  '_referenceId'?: "referenceId";
  '_startedBy'?: "startedBy";
  '_taskDefinition'?: "taskDefinition";
}

export interface StartTaskRequest__Output {
  'cluster'?: (string);
  'containerInstances'?: (string)[];
  'enableEcsManagedTags'?: (boolean);
  'enableExecuteCommand'?: (boolean);
  'group'?: (string);
  'networkConfiguration'?: (_berth_v1_NetworkConfiguration__Output);
  'overrides'?: (_berth_v1_TaskOverride__Output);
  'propagateTags'?: (string);
  'referenceId'?: (string);
  'startedBy'?: (string);
  'tags'?: (_berth_v1_Tag__Output)[];
  'taskDefinition'?: (string);
  'volumeConfigurations'?: (_berth_v1_TaskVolumeConfiguration__Output)[];
  'berthPresentMembers'?: (string)[];
}
