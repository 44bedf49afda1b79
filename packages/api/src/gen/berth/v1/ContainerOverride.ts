// Original file: protos/berth/v1/ecs.proto

import type { KeyValuePair as _berth_v1_KeyValuePair, KeyValuePair__Output as _berth_v1_KeyValuePair__Output } from '../../berth/v1/KeyValuePair.js';
import type { EnvironmentFile as _berth_v1_EnvironmentFile, EnvironmentFile__Output as _berth_v1_EnvironmentFile__Output } from '../../berth/v1/EnvironmentFile.js';
import type { ResourceRequirement as _berth_v1_ResourceRequirement, ResourceRequirement__Output as _berth_v1_ResourceRequirement__Output } from '../../berth/v1/ResourceRequirement.js';

export interface ContainerOverride {
  'name'?: (string);
  'command'?: (string)[];
  'environment'?: (_berth_v1_KeyValuePair)[];
  'environmentFiles'?: (_berth_v1_EnvironmentFile)[];
  'cpu'?: (number);
  'memory'?: (number);
  'memoryReservation'?: (number);
  'resourceRequirements'?: (_berth_v1_ResourceRequirement)[];
  'berthPresentMembers'?: (string)[];
  '_name'?: "name";
  '_cpu'?: "cpu";
  '_memory'?: "memory";
  '_memoryReservation'?: "memoryReservation";
}

export interface ContainerOverride__Output {
  'name'?: (string);
  'command'?: (string)[];
  'environment'?: (_berth_v1_KeyValuePair__Output)[];
  'environmentFiles'?: (_berth_v1_EnvironmentFile__Output)[];
  'cpu'?: (number);
  'memory'?: (number);
  'memoryReservation'?: (number);
  'resourceRequirements'?: (_berth_v1_ResourceRequirement__Output)[];
  'berthPresentMembers'?: (string)[];
}
