// Original file: protos/berth/v1/ecs.proto

import type { DaemonContainerDefinition as _berth_v1_DaemonContainerDefinition, DaemonContainerDefinition__Output as _berth_v1_DaemonContainerDefinition__Output } from '../../berth/v1/DaemonContainerDefinition.js';
import type { DaemonVolume as _berth_v1_DaemonVolume, DaemonVolume__Output as _berth_v1_DaemonVolume__Output } from '../../berth/v1/DaemonVolume.js';
import type { Tag as _berth_v1_Tag, Tag__Output as _berth_v1_Tag__Output } from '../../berth/v1/Tag.js';

export interface RegisterDaemonTaskDefinitionRequest {
  'family'?: (string);
  'taskRoleArn'?: (string);
  'executionRoleArn'?: (string);
  'containerDefinitions'?: (_berth_v1_DaemonContainerDefinition)[];
  'cpu'?: (string);
  'memory'?: (string);
  'volumes'?: (_berth_v1_DaemonVolume)[];
  'tags'?: (_berth_v1_Tag)[];
  'pidMode'?: (string);
  'ipcMode'?: (string);
  'berthPresentMembers'?: (string)[];
  '_family'?: "family";
  '_taskRoleArn'?: "taskRoleArn";
  '_executionRoleArn'?: "executionRoleArn";
  '_cpu'?: "cpu";
  '_memory'?: "memory";
  '_pidMode'?: "pidMode";
  '_ipcMode'?: "ipcMode";
}

export interface RegisterDaemonTaskDefinitionRequest__Output {
  'family'?: (string);
  'taskRoleArn'?: (string);
  'executionRoleArn'?: (string);
  'containerDefinitions'?: (_berth_v1_DaemonContainerDefinition__Output)[];
  'cpu'?: (string);
  'memory'?: (string);
  'volumes'?: (_berth_v1_DaemonVolume__Output)[];
  'tags'?: (_berth_v1_Tag__Output)[];
  'pidMode'?: (string);
  'ipcMode'?: (string);
  'berthPresentMembers'?: (string)[];
}
