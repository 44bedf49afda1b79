// Original file: protos/berth/v1/ecs.proto

import type { LoadBalancer as _berth_v1_LoadBalancer, LoadBalancer__Output as _berth_v1_LoadBalancer__Output } from '../../berth/v1/LoadBalancer.js';
import type { ServiceRegistry as _berth_v1_ServiceRegistry, ServiceRegistry__Output as _berth_v1_ServiceRegistry__Output } from '../../berth/v1/ServiceRegistry.js';
import type { CapacityProviderStrategyItem as _berth_v1_CapacityProviderStrategyItem, CapacityProviderStrategyItem__Output as _berth_v1_CapacityProviderStrategyItem__Output } from '../../berth/v1/CapacityProviderStrategyItem.js';
import type { DeploymentConfiguration as _berth_v1_DeploymentConfiguration, DeploymentConfiguration__Output as _berth_v1_DeploymentConfiguration__Output } from '../../berth/v1/DeploymentConfiguration.js';
import type { PlacementConstraint as _berth_v1_PlacementConstraint, PlacementConstraint__Output as _berth_v1_PlacementConstraint__Output } from '../../berth/v1/PlacementConstraint.js';
import type { PlacementStrategy as _berth_v1_PlacementStrategy, PlacementStrategy__Output as _berth_v1_PlacementStrategy__Output } from '../../berth/v1/PlacementStrategy.js';
import type { NetworkConfiguration as _berth_v1_NetworkConfiguration, NetworkConfiguration__Output as _berth_v1_NetworkConfiguration__Output } from '../../berth/v1/NetworkConfiguration.js';
import type { DeploymentController as _berth_v1_DeploymentController, DeploymentController__Output as _berth_v1_DeploymentController__Output } from '../../berth/v1/DeploymentController.js';
import type { Tag as _berth_v1_Tag, Tag__Output as _berth_v1_Tag__Output } from '../../berth/v1/Tag.js';
import type { ServiceConnectConfiguration as _berth_v1_ServiceConnectConfiguration, ServiceConnectConfiguration__Output as _berth_v1_ServiceConnectConfiguration__Output } from '../../berth/v1/ServiceConnectConfiguration.js';
import type { ServiceVolumeConfiguration as _berth_v1_ServiceVolumeConfiguration, ServiceVolumeConfiguration__Output as _berth_v1_ServiceVolumeConfiguration__Output } from '../../berth/v1/ServiceVolumeConfiguration.js';
import type { VpcLatticeConfiguration as _berth_v1_VpcLatticeConfiguration, VpcLatticeConfiguration__Output as _berth_v1_VpcLatticeConfiguration__Output } from '../../berth/v1/VpcLatticeConfiguration.js';
import type { MonitoringConfiguration as _berth_v1_MonitoringConfiguration, MonitoringConfiguration__Output as _berth_v1_MonitoringConfiguration__Output } from '../../berth/v1/MonitoringConfiguration.js';

export interface CreateServiceRequest {
  'cluster'?: (string);
  'serviceName'?: (string);
  'taskDefinition'?: (string);
  'availabilityZoneRebalancing'?: (string);
  'loadBalancers'?: (_berth_v1_LoadBalancer)[];
  'serviceRegistries'?: (_berth_v1_ServiceRegistry)[];
  'desiredCount'?: (number);
  'clientToken'?: (string);
  'launchType'?: (string);
  'capacityProviderStrategy'?: (_berth_v1_CapacityProviderStrategyItem)[];
  'platformVersion'?: (string);
  'role'?: (string);
  'deploymentConfiguration'?: (_berth_v1_DeploymentConfiguration | null);
  'placementConstraints'?: (_berth_v1_PlacementConstraint)[];
  'placementStrategy'?: (_berth_v1_PlacementStrategy)[];
  'networkConfiguration'?: (_berth_v1_NetworkConfiguration | null);
  'healthCheckGracePeriodSeconds'?: (number);
  'schedulingStrategy'?: (string);
  'deploymentController'?: (_berth_v1_DeploymentController | null);
  'tags'?: (_berth_v1_Tag)[];
  'enableEcsManagedTags'?: (boolean);
  'propagateTags'?: (string);
  'enableExecuteCommand'?: (boolean);
  'serviceConnectConfiguration'?: (_berth_v1_ServiceConnectConfiguration | null);
  'volumeConfigurations'?: (_berth_v1_ServiceVolumeConfiguration)[];
  'vpcLatticeConfigurations'?: (_berth_v1_VpcLatticeConfiguration)[];
  'monitoring'?: (_berth_v1_MonitoringConfiguration | null);
  '_cluster'?: "cluster";
  '_serviceName'?: "serviceName";
  '_taskDefinition'?: "taskDefinition";
  '_availabilityZoneRebalancing'?: "availabilityZoneRebalancing";
  '_desiredCount'?: "desiredCount";
  '_clientToken'?: "clientToken";
  '_launchType'?: "launchType";
  '_platformVersion'?: "platformVersion";
  '_role'?: "role";
  '_healthCheckGracePeriodSeconds'?: "healthCheckGracePeriodSeconds";
  '_schedulingStrategy'?: "schedulingStrategy";
  '_enableEcsManagedTags'?: "enableEcsManagedTags";
  '_propagateTags'?: "propagateTags";
  '_enableExecuteCommand'?: "enableExecuteCommand";
}

export interface CreateServiceRequest__Output {
  'cluster'?: (string);
  'serviceName'?: (string);
  'taskDefinition'?: (string);
  'availabilityZoneRebalancing'?: (string);
  'loadBalancers'?: (_berth_v1_LoadBalancer__Output)[];
  'serviceRegistries'?: (_berth_v1_ServiceRegistry__Output)[];
  'desiredCount'?: (number);
  'clientToken'?: (string);
  'launchType'?: (string);
  'capacityProviderStrategy'?: (_berth_v1_CapacityProviderStrategyItem__Output)[];
  'platformVersion'?: (string);
  'role'?: (string);
  'deploymentConfiguration'?: (_berth_v1_DeploymentConfiguration__Output);
  'placementConstraints'?: (_berth_v1_PlacementConstraint__Output)[];
  'placementStrategy'?: (_berth_v1_PlacementStrategy__Output)[];
  'networkConfiguration'?: (_berth_v1_NetworkConfiguration__Output);
  'healthCheckGracePeriodSeconds'?: (number);
  'schedulingStrategy'?: (string);
  'deploymentController'?: (_berth_v1_DeploymentController__Output);
  'tags'?: (_berth_v1_Tag__Output)[];
  'enableEcsManagedTags'?: (boolean);
  'propagateTags'?: (string);
  'enableExecuteCommand'?: (boolean);
  'serviceConnectConfiguration'?: (_berth_v1_ServiceConnectConfiguration__Output);
  'volumeConfigurations'?: (_berth_v1_ServiceVolumeConfiguration__Output)[];
  'vpcLatticeConfigurations'?: (_berth_v1_VpcLatticeConfiguration__Output)[];
  'monitoring'?: (_berth_v1_MonitoringConfiguration__Output);
}
