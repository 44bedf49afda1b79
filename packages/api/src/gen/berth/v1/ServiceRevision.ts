// Original file: protos/berth/v1/ecs.proto

import type { CapacityProviderStrategyItem as _berth_v1_CapacityProviderStrategyItem, CapacityProviderStrategyItem__Output as _berth_v1_CapacityProviderStrategyItem__Output } from '../../berth/v1/CapacityProviderStrategyItem.js';
import type { LoadBalancer as _berth_v1_LoadBalancer, LoadBalancer__Output as _berth_v1_LoadBalancer__Output } from '../../berth/v1/LoadBalancer.js';
import type { ServiceRegistry as _berth_v1_ServiceRegistry, ServiceRegistry__Output as _berth_v1_ServiceRegistry__Output } from '../../berth/v1/ServiceRegistry.js';
import type { NetworkConfiguration as _berth_v1_NetworkConfiguration, NetworkConfiguration__Output as _berth_v1_NetworkConfiguration__Output } from '../../berth/v1/NetworkConfiguration.js';
import type { ContainerImage as _berth_v1_ContainerImage, ContainerImage__Output as _berth_v1_ContainerImage__Output } from '../../berth/v1/ContainerImage.js';
import type { ServiceConnectConfiguration as _berth_v1_ServiceConnectConfiguration, ServiceConnectConfiguration__Output as _berth_v1_ServiceConnectConfiguration__Output } from '../../berth/v1/ServiceConnectConfiguration.js';
import type { ServiceVolumeConfiguration as _berth_v1_ServiceVolumeConfiguration, ServiceVolumeConfiguration__Output as _berth_v1_ServiceVolumeConfiguration__Output } from '../../berth/v1/ServiceVolumeConfiguration.js';
import type { DeploymentEphemeralStorage as _berth_v1_DeploymentEphemeralStorage, DeploymentEphemeralStorage__Output as _berth_v1_DeploymentEphemeralStorage__Output } from '../../berth/v1/DeploymentEphemeralStorage.js';
import type { VpcLatticeConfiguration as _berth_v1_VpcLatticeConfiguration, VpcLatticeConfiguration__Output as _berth_v1_VpcLatticeConfiguration__Output } from '../../berth/v1/VpcLatticeConfiguration.js';
import type { ResolvedConfiguration as _berth_v1_ResolvedConfiguration, ResolvedConfiguration__Output as _berth_v1_ResolvedConfiguration__Output } from '../../berth/v1/ResolvedConfiguration.js';
import type { ECSManagedResources as _berth_v1_ECSManagedResources, ECSManagedResources__Output as _berth_v1_ECSManagedResources__Output } from '../../berth/v1/ECSManagedResources.js';
import type { ServiceRevisionOverrides as _berth_v1_ServiceRevisionOverrides, ServiceRevisionOverrides__Output as _berth_v1_ServiceRevisionOverrides__Output } from '../../berth/v1/ServiceRevisionOverrides.js';
import type { MonitoringConfiguration as _berth_v1_MonitoringConfiguration, MonitoringConfiguration__Output as _berth_v1_MonitoringConfiguration__Output } from '../../berth/v1/MonitoringConfiguration.js';

export interface ServiceRevision {
  'serviceRevisionArn'?: (string);
  'serviceArn'?: (string);
  'clusterArn'?: (string);
  'taskDefinition'?: (string);
  'capacityProviderStrategy'?: (_berth_v1_CapacityProviderStrategyItem)[];
  'launchType'?: (string);
  'platformVersion'?: (string);
  'platformFamily'?: (string);
  'loadBalancers'?: (_berth_v1_LoadBalancer)[];
  'serviceRegistries'?: (_berth_v1_ServiceRegistry)[];
  'networkConfiguration'?: (_berth_v1_NetworkConfiguration | null);
  'containerImages'?: (_berth_v1_ContainerImage)[];
  'guardDutyEnabled'?: (boolean);
  'serviceConnectConfiguration'?: (_berth_v1_ServiceConnectConfiguration | null);
  'volumeConfigurations'?: (_berth_v1_ServiceVolumeConfiguration)[];
  'fargateEphemeralStorage'?: (_berth_v1_DeploymentEphemeralStorage | null);
  'createdAt'?: (number | string);
  'vpcLatticeConfigurations'?: (_berth_v1_VpcLatticeConfiguration)[];
  'resolvedConfiguration'?: (_berth_v1_ResolvedConfiguration | null);
  'ecsManagedResources'?: (_berth_v1_ECSManagedResources | null);
  'overrides'?: (_berth_v1_ServiceRevisionOverrides | null);
  'monitoring'?: (_berth_v1_MonitoringConfiguration | null);
  'berthPresentMembers'?: (string)[];
  '_serviceRevisionArn'?: "serviceRevisionArn";
  '_serviceArn'?: "serviceArn";
  '_clusterArn'?: "clusterArn";
  '_taskDefinition'?: "taskDefinition";
  '_launchType'?: "launchType";
  '_platformVersion'?: "platformVersion";
  '_platformFamily'?: "platformFamily";
  '_guardDutyEnabled'?: "guardDutyEnabled";
  '_createdAt'?: "createdAt";
}

export interface ServiceRevision__Output {
  'serviceRevisionArn'?: (string);
  'serviceArn'?: (string);
  'clusterArn'?: (string);
  'taskDefinition'?: (string);
  'capacityProviderStrategy'?: (_berth_v1_CapacityProviderStrategyItem__Output)[];
  'launchType'?: (string);
  'platformVersion'?: (string);
  'platformFamily'?: (string);
  'loadBalancers'?: (_berth_v1_LoadBalancer__Output)[];
  'serviceRegistries'?: (_berth_v1_ServiceRegistry__Output)[];
  'networkConfiguration'?: (_berth_v1_NetworkConfiguration__Output);
  'containerImages'?: (_berth_v1_ContainerImage__Output)[];
  'guardDutyEnabled'?: (boolean);
  'serviceConnectConfiguration'?: (_berth_v1_ServiceConnectConfiguration__Output);
  'volumeConfigurations'?: (_berth_v1_ServiceVolumeConfiguration__Output)[];
  'fargateEphemeralStorage'?: (_berth_v1_DeploymentEphemeralStorage__Output);
  'createdAt'?: (number);
  'vpcLatticeConfigurations'?: (_berth_v1_VpcLatticeConfiguration__Output)[];
  'resolvedConfiguration'?: (_berth_v1_ResolvedConfiguration__Output);
  'ecsManagedResources'?: (_berth_v1_ECSManagedResources__Output);
  'overrides'?: (_berth_v1_ServiceRevisionOverrides__Output);
  'monitoring'?: (_berth_v1_MonitoringConfiguration__Output);
  'berthPresentMembers'?: (string)[];
}
