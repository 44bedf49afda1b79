// Original file: protos/berth/v1/ecs.proto

import type { ContainerDefinition as _berth_v1_ContainerDefinition, ContainerDefinition__Output as _berth_v1_ContainerDefinition__Output } from '../../berth/v1/ContainerDefinition.js';
import type { Volume as _berth_v1_Volume, Volume__Output as _berth_v1_Volume__Output } from '../../berth/v1/Volume.js';
import type { Attribute as _berth_v1_Attribute, Attribute__Output as _berth_v1_Attribute__Output } from '../../berth/v1/Attribute.js';
import type { TaskDefinitionPlacementConstraint as _berth_v1_TaskDefinitionPlacementConstraint, TaskDefinitionPlacementConstraint__Output as _berth_v1_TaskDefinitionPlacementConstraint__Output } from '../../berth/v1/TaskDefinitionPlacementConstraint.js';
import type { RuntimePlatform as _berth_v1_RuntimePlatform, RuntimePlatform__Output as _berth_v1_RuntimePlatform__Output } from '../../berth/v1/RuntimePlatform.js';
import type { InferenceAccelerator as _berth_v1_InferenceAccelerator, InferenceAccelerator__Output as _berth_v1_InferenceAccelerator__Output } from '../../berth/v1/InferenceAccelerator.js';
import type { ProxyConfiguration as _berth_v1_ProxyConfiguration, ProxyConfiguration__Output as _berth_v1_ProxyConfiguration__Output } from '../../berth/v1/ProxyConfiguration.js';
import type { EphemeralStorage as _berth_v1_EphemeralStorage, EphemeralStorage__Output as _berth_v1_EphemeralStorage__Output } from '../../berth/v1/EphemeralStorage.js';

export interface TaskDefinition {
  'taskDefinitionArn'?: (string);
  'containerDefinitions'?: (_berth_v1_ContainerDefinition)[];
  'family'?: (string);
  'taskRoleArn'?: (string);
  'executionRoleArn'?: (string);
  'networkMode'?: (string);
  'revision'?: (number);
  'volumes'?: (_berth_v1_Volume)[];
  'status'?: (string);
  'requiresAttributes'?: (_berth_v1_Attribute)[];
  'placementConstraints'?: (_berth_v1_TaskDefinitionPlacementConstraint)[];
  'compatibilities'?: (string)[];
  'runtimePlatform'?: (_berth_v1_RuntimePlatform | null);
  'requiresCompatibilities'?: (string)[];
  'cpu'?: (string);
  'memory'?: (string);
  'inferenceAccelerators'?: (_berth_v1_InferenceAccelerator)[];
  'pidMode'?: (string);
  'ipcMode'?: (string);
  'proxyConfiguration'?: (_berth_v1_ProxyConfiguration | null);
  'registeredAt'?: (number | string);
  'deregisteredAt'?: (number | string);
  'deleteRequestedAt'?: (number | string);
  'registeredBy'?: (string);
  'ephemeralStorage'?: (_berth_v1_EphemeralStorage | null);
  'enableFaultInjection'?: (boolean);
  'berthPresentMembers'?: (string)[];
  '_taskDefinitionArn'?: "taskDefinitionArn";
  '_family'?: "family";
  '_taskRoleArn'?: "taskRoleArn";
  '_executionRoleArn'?: "executionRoleArn";
  '_networkMode'?: "networkMode";
  '_revision'?: "revision";
  '_status'?: "status";
  '_cpu'?: "cpu";
  '_memory'?: "memory";
  '_pidMode'?: "pidMode";
  '_ipcMode'?: "ipcMode";
  '_registeredAt'?: "registeredAt";
  '_deregisteredAt'?: "deregisteredAt";
  '_deleteRequestedAt'?: "deleteRequestedAt";
  '_registeredBy'?: "registeredBy";
  '_enableFaultInjection'?: "enableFaultInjection";
}

export interface TaskDefinition__Output {
  'taskDefinitionArn'?: (string);
  'containerDefinitions'?: (_berth_v1_ContainerDefinition__Output)[];
  'family'?: (string);
  'taskRoleArn'?: (string);
  'executionRoleArn'?: (string);
  'networkMode'?: (string);
  'revision'?: (number);
  'volumes'?: (_berth_v1_Volume__Output)[];
  'status'?: (string);
  'requiresAttributes'?: (_berth_v1_Attribute__Output)[];
  'placementConstraints'?: (_berth_v1_TaskDefinitionPlacementConstraint__Output)[];
  'compatibilities'?: (string)[];
  'runtimePlatform'?: (_berth_v1_RuntimePlatform__Output);
  'requiresCompatibilities'?: (string)[];
  'cpu'?: (string);
  'memory'?: (string);
  'inferenceAccelerators'?: (_berth_v1_InferenceAccelerator__Output)[];
  'pidMode'?: (string);
  'ipcMode'?: (string);
  'proxyConfiguration'?: (_berth_v1_ProxyConfiguration__Output);
  'registeredAt'?: (number);
  'deregisteredAt'?: (number);
  'deleteRequestedAt'?: (number);
  'registeredBy'?: (string);
  'ephemeralStorage'?: (_berth_v1_EphemeralStorage__Output);
  'enableFaultInjection'?: (boolean);
  'berthPresentMembers'?: (string)[];
}
