// Original file: protos/berth/v1/ecs.proto

import type { CapacityProviderStrategyItem as _berth_v1_CapacityProviderStrategyItem, CapacityProviderStrategyItem__Output as _berth_v1_CapacityProviderStrategyItem__Output } from '../../berth/v1/CapacityProviderStrategyItem.js';
import type { NetworkConfiguration as _berth_v1_NetworkConfiguration, NetworkConfiguration__Output as _berth_v1_NetworkConfiguration__Output } from '../../berth/v1/NetworkConfiguration.js';
import type { ServiceConnectConfiguration as _berth_v1_ServiceConnectConfiguration, ServiceConnectConfiguration__Output as _berth_v1_ServiceConnectConfiguration__Output } from '../../berth/v1/ServiceConnectConfiguration.js';
import type { ServiceConnectServiceResource as _berth_v1_ServiceConnectServiceResource, ServiceConnectServiceResource__Output as _berth_v1_ServiceConnectServiceResource__Output } from '../../berth/v1/ServiceConnectServiceResource.js';
import type { ServiceVolumeConfiguration as _berth_v1_ServiceVolumeConfiguration, ServiceVolumeConfiguration__Output as _berth_v1_ServiceVolumeConfiguration__Output } from '../../berth/v1/ServiceVolumeConfiguration.js';
import type { DeploymentEphemeralStorage as _berth_v1_DeploymentEphemeralStorage, DeploymentEphemeralStorage__Output as _berth_v1_DeploymentEphemeralStorage__Output } from '../../berth/v1/DeploymentEphemeralStorage.js';
import type { VpcLatticeConfiguration as _berth_v1_VpcLatticeConfiguration, VpcLatticeConfiguration__Output as _berth_v1_VpcLatticeConfiguration__Output } from '../../berth/v1/VpcLatticeConfiguration.js';

export interface Deployment {
  'id'?: (string);
  'status'?: (string);
  'taskDefinition'?: (string);
  'desiredCount'?: (number);
  'pendingCount'?: (number);
  'runningCount'?: (number);
  'failedTasks'?: (number);
  'createdAt'?: (number | string);
  'updatedAt'?: (number | string);
  'capacityProviderStrategy'?: (_berth_v1_CapacityProviderStrategyItem)[];
  'launchType'?: (string);
  'platformVersion'?: (string);
  'platformFamily'?: (string);
  'networkConfiguration'?: (_berth_v1_NetworkConfiguration | null);
  'rolloutState'?: (string);
  'rolloutStateReason'?: (string);
  'serviceConnectConfiguration'?: (_berth_v1_ServiceConnectConfiguration | null);
  'serviceConnectResources'?: (_berth_v1_ServiceConnectServiceResource)[];
  'volumeConfigurations'?: (_berth_v1_ServiceVolumeConfiguration)[];
  'fargateEphemeralStorage'?: (_berth_v1_DeploymentEphemeralStorage | null);
  'vpcLatticeConfigurations'?: (_berth_v1_VpcLatticeConfiguration)[];
  'berthPresentMembers'?: (string)[];
  '_id'?: "id";
  '_status'?: "status";
  '_taskDefinition'?: "taskDefinition";
  '_desiredCount'?: "desiredCount";
  '_pendingCount'?: "pendingCount";
  '_runningCount'?: "runningCount";
  '_failedTasks'?: "failedTasks";
  '_createdAt'?: "createdAt";
  '_updatedAt'?: "updatedAt";
  '_launchType'?: "launchType";
  '_platformVersion'?: "platformVersion";
  '_platformFamily'?: "platformFamily";
  '_rolloutState'?: "rolloutState";
  '_rolloutStateReason'?: "rolloutStateReason";
}

export interface Deployment__Output {
  'id'?: (string);
  'status'?: (string);
  'taskDefinition'?: (string);
  'desiredCount'?: (number);
  'pendingCount'?: (number);
  'runningCount'?: (number);
  'failedTasks'?: (number);
  'createdAt'?: (number);
  'updatedAt'?: (number);
  'capacityProviderStrategy'?: (_berth_v1_CapacityProviderStrategyItem__Output)[];
  'launchType'?: (string);
  'platformVersion'?: (string);
  'platformFamily'?: (string);
  'networkConfiguration'?: (_berth_v1_NetworkConfiguration__Output);
  'rolloutState'?: (string);
  'rolloutStateReason'?: (string);
  'serviceConnectConfiguration'?: (_berth_v1_ServiceConnectConfiguration__Output);
  'serviceConnectResources'?: (_berth_v1_ServiceConnectServiceResource__Output)[];
  'volumeConfigurations'?: (_berth_v1_ServiceVolumeConfiguration__Output)[];
  'fargateEphemeralStorage'?: (_berth_v1_DeploymentEphemeralStorage__Output);
  'vpcLatticeConfigurations'?: (_berth_v1_VpcLatticeConfiguration__Output)[];
  'berthPresentMembers'?: (string)[];
}
