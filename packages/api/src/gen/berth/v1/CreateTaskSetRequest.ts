// Original file: protos/berth/v1/ecs.proto

import type { NetworkConfiguration as _berth_v1_NetworkConfiguration, NetworkConfiguration__Output as _berth_v1_NetworkConfiguration__Output } from '../../berth/v1/NetworkConfiguration.js';
import type { LoadBalancer as _berth_v1_LoadBalancer, LoadBalancer__Output as _berth_v1_LoadBalancer__Output } from '../../berth/v1/LoadBalancer.js';
import type { ServiceRegistry as _berth_v1_ServiceRegistry, ServiceRegistry__Output as _berth_v1_ServiceRegistry__Output } from '../../berth/v1/ServiceRegistry.js';
import type { CapacityProviderStrategyItem as _berth_v1_CapacityProviderStrategyItem, CapacityProviderStrategyItem__Output as _berth_v1_CapacityProviderStrategyItem__Output } from '../../berth/v1/CapacityProviderStrategyItem.js';
import type { Scale as _berth_v1_Scale, Scale__Output as _berth_v1_Scale__Output } from '../../berth/v1/Scale.js';
import type { Tag as _berth_v1_Tag, Tag__Output as _berth_v1_Tag__Output } from '../../berth/v1/Tag.js';

export interface CreateTaskSetRequest {
  'service'?: (string);
  'cluster'?: (string);
  'externalId'?: (string);
  'taskDefinition'?: (string);
  'networkConfiguration'?: (_berth_v1_NetworkConfiguration | null);
  'loadBalancers'?: (_berth_v1_LoadBalancer)[];
  'serviceRegistries'?: (_berth_v1_ServiceRegistry)[];
  'launchType'?: (string);
  'capacityProviderStrategy'?: (_berth_v1_CapacityProviderStrategyItem)[];
  'platformVersion'?: (string);
  'scale'?: (_berth_v1_Scale | null);
  'clientToken'?: (string);
  'tags'?: (_berth_v1_Tag)[];
  'berthPresentMembers'?: (string)[];
  '_service'?: "service";
  '_cluster'?: "cluster";
  '_externalId'?: "externalId";
  '_taskDefinition'?: "taskDefinition";
  '_launchType'?: "launchType";
  '_platformVersion'?: "platformVersion";
  '_clientToken'?: "clientToken";
}

export interface CreateTaskSetRequest__Output {
  'service'?: (string);
  'cluster'?: (string);
  'externalId'?: (string);
  'taskDefinition'?: (string);
  'networkConfiguration'?: (_berth_v1_NetworkConfiguration__Output);
  'loadBalancers'?: (_berth_v1_LoadBalancer__Output)[];
  'serviceRegistries'?: (_berth_v1_ServiceRegistry__Output)[];
  'launchType'?: (string);
  'capacityProviderStrategy'?: (_berth_v1_CapacityProviderStrategyItem__Output)[];
  'platformVersion'?: (string);
  'scale'?: (_berth_v1_Scale__Output);
  'clientToken'?: (string);
  'tags'?: (_berth_v1_Tag__Output)[];
  'berthPresentMembers'?: (string)[];
}
