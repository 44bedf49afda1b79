// Original file: protos/berth/v1/ecs.proto

import type { Tag as _berth_v1_Tag, Tag__Output as _berth_v1_Tag__Output } from '../../berth/v1/Tag.js';
import type { ClusterSetting as _berth_v1_ClusterSetting, ClusterSetting__Output as _berth_v1_ClusterSetting__Output } from '../../berth/v1/ClusterSetting.js';
import type { ClusterConfiguration as _berth_v1_ClusterConfiguration, ClusterConfiguration__Output as _berth_v1_ClusterConfiguration__Output } from '../../berth/v1/ClusterConfiguration.js';
import type { CapacityProviderStrategyItem as _berth_v1_CapacityProviderStrategyItem, CapacityProviderStrategyItem__Output as _berth_v1_CapacityProviderStrategyItem__Output } from '../../berth/v1/CapacityProviderStrategyItem.js';
import type { ClusterServiceConnectDefaultsRequest as _berth_v1_ClusterServiceConnectDefaultsRequest, ClusterServiceConnectDefaultsRequest__Output as _berth_v1_ClusterServiceConnectDefaultsRequest__Output } from '../../berth/v1/ClusterServiceConnectDefaultsRequest.js';

export interface CreateClusterRequest {
  'clusterName'?: (string);
  'tags'?: (_berth_v1_Tag)[];
  'settings'?: (_berth_v1_ClusterSetting)[];
  'configuration'?: (_berth_v1_ClusterConfiguration | null);
  'capacityProviders'?: (string)[];
  'defaultCapacityProviderStrategy'?: (_berth_v1_CapacityProviderStrategyItem)[];
  'serviceConnectDefaults'?: (_berth_v1_ClusterServiceConnectDefaultsRequest | null);
  'berthPresentMembers'?: (string)[];
  '_clusterName'?: "clusterName";
}

export interface CreateClusterRequest__Output {
  'clusterName'?: (string);
  'tags'?: (_berth_v1_Tag__Output)[];
  'settings'?: (_berth_v1_ClusterSetting__Output)[];
  'configuration'?: (_berth_v1_ClusterConfiguration__Output);
  'capacityProviders'?: (string)[];
  'defaultCapacityProviderStrategy'?: (_berth_v1_CapacityProviderStrategyItem__Output)[];
  'serviceConnectDefaults'?: (_berth_v1_ClusterServiceConnectDefaultsRequest__Output);
  'berthPresentMembers'?: (string)[];
}
