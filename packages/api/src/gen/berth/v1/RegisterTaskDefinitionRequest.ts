// Original file: protos/berth/v1/ecs.proto

import type { ContainerDefinition as _berth_v1_ContainerDefinition, ContainerDefinition__Output as _berth_v1_ContainerDefinition__Output } from '../../berth/v1/ContainerDefinition.js';
import type { Volume as _berth_v1_Volume, Volume__Output as _berth_v1_Volume__Output } from '../../berth/v1/Volume.js';
import type { TaskDefinitionPlacementConstraint as _berth_v1_TaskDefinitionPlacementConstraint, TaskDefinitionPlacementConstraint__Output as _berth_v1_TaskDefinitionPlacementConstraint__Output } from '../../berth/v1/TaskDefinitionPlacementConstraint.js';
import type { Tag as _berth_v1_Tag, Tag__Output as _berth_v1_Tag__Output } from '../../berth/v1/Tag.js';
import type { ProxyConfiguration as _berth_v1_ProxyConfiguration, ProxyConfiguration__Output as _berth_v1_ProxyConfiguration__Output } from '../../berth/v1/ProxyConfiguration.js';
import type { InferenceAccelerator as _berth_v1_InferenceAccelerator, InferenceAccelerator__Output as _berth_v1_InferenceAccelerator__Output } from '../../berth/v1/InferenceAccelerator.js';
import type { EphemeralStorage as _berth_v1_EphemeralStorage, EphemeralStorage__Output as _berth_v1_EphemeralStorage__Output } from '../../berth/v1/EphemeralStorage.js';
import type { RuntimePlatform as _berth_v1_RuntimePlatform, RuntimePlatform__Output as _berth_v1_RuntimePlatform__Output } from '../../berth/v1/RuntimePlatform.js';

export interface RegisterTaskDefinitionRequest {
  'family'?: (string);
  'taskRoleArn'?: (string);
  'executionRoleArn'?: (string);
  'networkMode'?: (string);
  'containerDefinitions'?: (_berth_v1_ContainerDefinition)[];
  'volumes'?: (_berth_v1_Volume)[];
  'placementConstraints'?: (_berth_v1_TaskDefinitionPlacementConstraint)[];
  'requiresCompatibilities'?: (string)[];
  'cpu'?: (string);
  'memory'?: (string);
  'tags'?: (_berth_v1_Tag)[];
  'pidMode'?: (string);
  'ipcMode'?: (string);
  'proxyConfiguration'?: (_berth_v1_ProxyConfiguration | null);
  'inferenceAccelerators'?: (_berth_v1_InferenceAccelerator)[];
  'ephemeralStorage'?: (_berth_v1_EphemeralStorage | null);
  'runtimePlatform'?: (_berth_v1_RuntimePlatform | null);
  'enableFaultInjection'?: (boolean);
  'berthPresentMembers'?: (string)[];
  '_family'?: "family";
  '_taskRoleArn'?: "taskRoleArn";
  '_executionRoleArn'?: "executionRoleArn";
  '_networkMode'?: "networkMode";
  '_cpu'?: "cpu";
  '_memory'?: "memory";
  '_pidMode'?: "pidMode";
  '_ipcMode'?: "ipcMode";
  '_enableFaultInjection'?: "enableFaultInjection";
}

export interface RegisterTaskDefinitionRequest__Output {
  'family'?: (string);
  'taskRoleArn'?: (string);
  'executionRoleArn'?: (string);
  'networkMode'?: (string);
  'containerDefinitions'?: (_berth_v1_ContainerDefinition__Output)[];
  'volumes'?: (_berth_v1_Volume__Output)[];
  'placementConstraints'?: (_berth_v1_TaskDefinitionPlacementConstraint__Output)[];
  'requiresCompatibilities'?: (string)[];
  'cpu'?: (string);
  'memory'?: (string);
  'tags'?: (_berth_v1_Tag__Output)[];
  'pidMode'?: (string);
  'ipcMode'?: (string);
  'proxyConfiguration'?: (_berth_v1_ProxyConfiguration__Output);
  'inferenceAccelerators'?: (_berth_v1_InferenceAccelerator__Output)[];
  'ephemeralStorage'?: (_berth_v1_EphemeralStorage__Output);
  'runtimePlatform'?: (_berth_v1_RuntimePlatform__Output);
  'enableFaultInjection'?: (boolean);
  'berthPresentMembers'?: (string)[];
}
