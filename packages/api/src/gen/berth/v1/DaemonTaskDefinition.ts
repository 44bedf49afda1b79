// Original file: protos/berth/v1/ecs.proto

import type { DaemonContainerDefinition as _berth_v1_DaemonContainerDefinition, DaemonContainerDefinition__Output as _berth_v1_DaemonContainerDefinition__Output } from '../../berth/v1/DaemonContainerDefinition.js';
import type { DaemonVolume as _berth_v1_DaemonVolume, DaemonVolume__Output as _berth_v1_DaemonVolume__Output } from '../../berth/v1/DaemonVolume.js';

export interface DaemonTaskDefinition {
  'daemonTaskDefinitionArn'?: (string);
  'family'?: (string);
  'revision'?: (number);
  'taskRoleArn'?: (string);
  'executionRoleArn'?: (string);
  'containerDefinitions'?: (_berth_v1_DaemonContainerDefinition)[];
  'volumes'?: (_berth_v1_DaemonVolume)[];
  'cpu'?: (string);
  'memory'?: (string);
  'status'?: (string);
  'registeredAt'?: (number | string);
  'deleteRequestedAt'?: (number | string);
  'registeredBy'?: (string);
  'pidMode'?: (string);
  'ipcMode'?: (string);
  'berthPresentMembers'?: (string)[];
  '_daemonTaskDefinitionArn'?: "daemonTaskDefinitionArn";
  '_family'?: "family";
  '_revision'?: "revision";
  '_taskRoleArn'?: "taskRoleArn";
  '_executionRoleArn'?: "executionRoleArn";
  '_cpu'?: "cpu";
  '_memory'?: "memory";
  '_status'?: "status";
  '_registeredAt'?: "registeredAt";
  '_deleteRequestedAt'?: "deleteRequestedAt";
  '_registeredBy'?: "registeredBy";
  '_pidMode'?: "pidMode";
  '_ipcMode'?: "ipcMode";
}

export interface DaemonTaskDefinition__Output {
  'daemonTaskDefinitionArn'?: (string);
  'family'?: (string);
  'revision'?: (number);
  'taskRoleArn'?: (string);
  'executionRoleArn'?: (string);
  'containerDefinitions'?: (_berth_v1_DaemonContainerDefinition__Output)[];
  'volumes'?: (_berth_v1_DaemonVolume__Output)[];
  'cpu'?: (string);
  'memory'?: (string);
  'status'?: (string);
  'registeredAt'?: (number);
  'deleteRequestedAt'?: (number);
  'registeredBy'?: (string);
  'pidMode'?: (string);
  'ipcMode'?: (string);
  'berthPresentMembers'?: (string)[];
}
