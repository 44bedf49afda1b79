// Original file: protos/berth/v1/ecs.proto

import type { CapacityProviderStrategyItem as _berth_v1_CapacityProviderStrategyItem, CapacityProviderStrategyItem__Output as _berth_v1_CapacityProviderStrategyItem__Output } from '../../berth/v1/CapacityProviderStrategyItem.js';
import type { DeploymentConfiguration as _berth_v1_DeploymentConfiguration, DeploymentConfiguration__Output as _berth_v1_DeploymentConfiguration__Output } from '../../berth/v1/DeploymentConfiguration.js';
import type { NetworkConfiguration as _berth_v1_NetworkConfiguration, NetworkConfiguration__Output as _berth_v1_NetworkConfiguration__Output } from '../../berth/v1/NetworkConfiguration.js';
import type { PlacementConstraint as _berth_v1_PlacementConstraint, PlacementConstraint__Output as _berth_v1_PlacementConstraint__Output } from '../../berth/v1/PlacementConstraint.js';
import type { PlacementStrategy as _berth_v1_PlacementStrategy, PlacementStrategy__Output as _berth_v1_PlacementStrategy__Output } from '../../berth/v1/PlacementStrategy.js';
import type { DeploymentController as _berth_v1_DeploymentController, DeploymentController__Output as _berth_v1_DeploymentController__Output } from '../../berth/v1/DeploymentController.js';
import type { LoadBalancer as _berth_v1_LoadBalancer, LoadBalancer__Output as _berth_v1_LoadBalancer__Output } from '../../berth/v1/LoadBalancer.js';
import type { ServiceRegistry as _berth_v1_ServiceRegistry, ServiceRegistry__Output as _berth_v1_ServiceRegistry__Output } from '../../berth/v1/ServiceRegistry.js';
import type { ServiceConnectConfiguration as _berth_v1_ServiceConnectConfiguration, ServiceConnectConfiguration__Output as _berth_v1_ServiceConnectConfiguration__Output } from '../../berth/v1/ServiceConnectConfiguration.js';
import type { ServiceVolumeConfiguration as _berth_v1_ServiceVolumeConfiguration, ServiceVolumeConfiguration__Output as _berth_v1_ServiceVolumeConfiguration__Output } from '../../berth/v1/ServiceVolumeConfiguration.js';
import type { VpcLatticeConfiguration as _berth_v1_VpcLatticeConfiguration, VpcLatticeConfiguration__Output as _berth_v1_VpcLatticeConfiguration__Output } from '../../berth/v1/VpcLatticeConfiguration.js';
import type { MonitoringConfiguration as _berth_v1_MonitoringConfiguration, MonitoringConfiguration__Output as _berth_v1_MonitoringConfiguration__Output } from '../../berth/v1/MonitoringConfiguration.js';

export interface UpdateServiceRequest {
  'cluster'?: (string);
  'service'?: (string);
  'desiredCount'?: (number);
  'taskDefinition'?: (string);
  'capacityProviderStrategy'?: (_berth_v1_CapacityProviderStrategyItem)[];
  'deploymentConfiguration'?: (_berth_v1_DeploymentConfiguration | null);
  'availabilityZoneRebalancing'?: (string);
  'networkConfiguration'?: (_berth_v1_NetworkConfiguration | null);
  'placementConstraints'?: (_berth_v1_PlacementConstraint)[];
  'placementStrategy'?: (_berth_v1_PlacementStrategy)[];
  'platformVersion'?: (string);
  'forceNewDeployment'?: (boolean);
  'healthCheckGracePeriodSeconds'?: (number);
  'deploymentController'?: (_berth_v1_DeploymentController | null);
  'enableExecuteCommand'?: (boolean);
  'enableEcsManagedTags'?: (boolean);
  'loadBalancers'?: (_berth_v1_LoadBalancer)[];
  'propagateTags'?: (string);
  'serviceRegistries'?: (_berth_v1_ServiceRegistry)[];
  'serviceConnectConfiguration'?: (_berth_v1_ServiceConnectConfiguration | null);
  'volumeConfigurations'?: (_berth_v1_ServiceVolumeConfiguration)[];
  'vpcLatticeConfigurations'?: (_berth_v1_VpcLatticeConfiguration)[];
  'monitoring'?: (_berth_v1_MonitoringConfiguration | null);
  'berthPresentMembers'?: (string)[];
  '_cluster'?: "cluster";
  '_service'?: "service";
  '_desiredCount'?: "desiredCount";
  '_taskDefinition'?: "taskDefinition";
  '_availabilityZoneRebalancing'?: "availabilityZoneRebalancing";
  '_platformVersion'?: "platformVersion";
  '_forceNewDeployment'?: "forceNewDeployment";
  '_healthCheckGracePeriodSeconds'?: "healthCheckGracePeriodSeconds";
  '_enableExecuteCommand'?: "enableExecuteCommand";
  '_enableEcsManagedTags'?: "enableEcsManagedTags";
  '_propagateTags'?: "propagateTags";
}

export interface UpdateServiceRequest__Output {
  'cluster'?: (string);
  'service'?: (string);
  'desiredCount'?: (number);
  'taskDefinition'?: (string);
  'capacityProviderStrategy'?: (_berth_v1_CapacityProviderStrategyItem__Output)[];
  'deploymentConfiguration'?: (_berth_v1_DeploymentConfiguration__Output);
  'availabilityZoneRebalancing'?: (string);
  'networkConfiguration'?: (_berth_v1_NetworkConfiguration__Output);
  'placementConstraints'?: (_berth_v1_PlacementConstraint__Output)[];
  'placementStrategy'?: (_berth_v1_PlacementStrategy__Output)[];
  'platformVersion'?: (string);
  'forceNewDeployment'?: (boolean);
  'healthCheckGracePeriodSeconds'?: (number);
  'deploymentController'?: (_berth_v1_DeploymentController__Output);
  'enableExecuteCommand'?: (boolean);
  'enableEcsManagedTags'?: (boolean);
  'loadBalancers'?: (_berth_v1_LoadBalancer__Output)[];
  'propagateTags'?: (string);
  'serviceRegistries'?: (_berth_v1_ServiceRegistry__Output)[];
  'serviceConnectConfiguration'?: (_berth_v1_ServiceConnectConfiguration__Output);
  'volumeConfigurations'?: (_berth_v1_ServiceVolumeConfiguration__Output)[];
  'vpcLatticeConfigurations'?: (_berth_v1_VpcLatticeConfiguration__Output)[];
  'monitoring'?: (_berth_v1_MonitoringConfiguration__Output);
  'berthPresentMembers'?: (string)[];
}
