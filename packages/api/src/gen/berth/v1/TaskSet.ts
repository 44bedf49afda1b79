// Original file: protos/berth/v1/ecs.proto

import type { CapacityProviderStrategyItem as _berth_v1_CapacityProviderStrategyItem, CapacityProviderStrategyItem__Output as _berth_v1_CapacityProviderStrategyItem__Output } from '../../berth/v1/CapacityProviderStrategyItem.js';
import type { NetworkConfiguration as _berth_v1_NetworkConfiguration, NetworkConfiguration__Output as _berth_v1_NetworkConfiguration__Output } from '../../berth/v1/NetworkConfiguration.js';
import type { LoadBalancer as _berth_v1_LoadBalancer, LoadBalancer__Output as _berth_v1_LoadBalancer__Output } from '../../berth/v1/LoadBalancer.js';
import type { ServiceRegistry as _berth_v1_ServiceRegistry, ServiceRegistry__Output as _berth_v1_ServiceRegistry__Output } from '../../berth/v1/ServiceRegistry.js';
import type { Scale as _berth_v1_Scale, Scale__Output as _berth_v1_Scale__Output } from '../../berth/v1/Scale.js';
import type { Tag as _berth_v1_Tag, Tag__Output as _berth_v1_Tag__Output } from '../../berth/v1/Tag.js';
import type { DeploymentEphemeralStorage as _berth_v1_DeploymentEphemeralStorage, DeploymentEphemeralStorage__Output as _berth_v1_DeploymentEphemeralStorage__Output } from '../../berth/v1/DeploymentEphemeralStorage.js';

export interface TaskSet {
  'id'?: (string);
  'taskSetArn'?: (string);
  'serviceArn'?: (string);
  'clusterArn'?: (string);
  'startedBy'?: (string);
  'externalId'?: (string);
  'status'?: (string);
  'taskDefinition'?: (string);
  'computedDesiredCount'?: (number);
  'pendingCount'?: (number);
  'runningCount'?: (number);
  'createdAt'?: (number | string);
  'updatedAt'?: (number | string);
  'launchType'?: (string);
  'capacityProviderStrategy'?: (_berth_v1_CapacityProviderStrategyItem)[];
  'platformVersion'?: (string);
  'platformFamily'?: (string);
  'networkConfiguration'?: (_berth_v1_NetworkConfiguration | null);
  'loadBalancers'?: (_berth_v1_LoadBalancer)[];
  'serviceRegistries'?: (_berth_v1_ServiceRegistry)[];
  'scale'?: (_berth_v1_Scale | null);
  'stabilityStatus'?: (string);
  'stabilityStatusAt'?: (number | string);
  'tags'?: (_berth_v1_Tag)[];
  'fargateEphemeralStorage'?: (_berth_v1_DeploymentEphemeralStorage | null);
  'berthPresentMembers'?: (string)[];
  '_id'?: "id";
  '_taskSetArn'?: "taskSetArn";
  '_serviceArn'?: "serviceArn";
  '_clusterArn'?: "clusterArn";
  '_startedBy'?: "startedBy";
  '_externalId'?: "externalId";
  '_status'?: "status";
  '_taskDefinition'?: "taskDefinition";
  '_computedDesiredCount'?: "computedDesiredCount";
  '_pendingCount'?: "pendingCount";
  '_runningCount'?: "runningCount";
  '_createdAt'?: "createdAt";
  '_updatedAt'?: "updatedAt";
  '_launchType'?: "launchType";
  '_platformVersion'?: "platformVersion";
  '_platformFamily'?: "platformFamily";
  '_stabilityStatus'?: "stabilityStatus";
  '_stabilityStatusAt'?: "stabilityStatusAt";
}

export interface TaskSet__Output {
  'id'?: (string);
  'taskSetArn'?: (string);
  'serviceArn'?: (string);
  'clusterArn'?: (string);
  'startedBy'?: (string);
  'externalId'?: (string);
  'status'?: (string);
  'taskDefinition'?: (string);
  'computedDesiredCount'?: (number);
  'pendingCount'?: (number);
  'runningCount'?: (number);
  'createdAt'?: (number);
  'updatedAt'?: (number);
  'launchType'?: (string);
  'capacityProviderStrategy'?: (_berth_v1_CapacityProviderStrategyItem__Output)[];
  'platformVersion'?: (string);
  'platformFamily'?: (string);
  'networkConfiguration'?: (_berth_v1_NetworkConfiguration__Output);
  'loadBalancers'?: (_berth_v1_LoadBalancer__Output)[];
  'serviceRegistries'?: (_berth_v1_ServiceRegistry__Output)[];
  'scale'?: (_berth_v1_Scale__Output);
  'stabilityStatus'?: (string);
  'stabilityStatusAt'?: (number);
  'tags'?: (_berth_v1_Tag__Output)[];
  'fargateEphemeralStorage'?: (_berth_v1_DeploymentEphemeralStorage__Output);
  'berthPresentMembers'?: (string)[];
}
