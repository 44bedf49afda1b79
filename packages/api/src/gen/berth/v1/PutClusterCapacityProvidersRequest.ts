// Original file: protos/berth/v1/ecs.proto

import type { CapacityProviderStrategyItem as _berth_v1_CapacityProviderStrategyItem, CapacityProviderStrategyItem__Output as _berth_v1_CapacityProviderStrategyItem__Output } from '../../berth/v1/CapacityProviderStrategyItem.js';

export interface PutClusterCapacityProvidersRequest {
  'cluster'?: (string);
  'capacityProviders'?: (string)[];
  'defaultCapacityProviderStrategy'?: (_berth_v1_CapacityProviderStrategyItem)[];
  'berthPresentMembers'?: (string)[];
  '_cluster'?: "cluster";
}

export interface PutClusterCapacityProvidersRequest__Output {
  'cluster'?: (string);
  'capacityProviders'?: (string)[];
  'defaultCapacityProviderStrategy'?: (_berth_v1_CapacityProviderStrategyItem__Output)[];
  'berthPresentMembers'?: (string)[];
}
