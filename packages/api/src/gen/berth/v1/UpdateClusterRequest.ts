// Original file: protos/berth/v1/ecs.proto

import type { ClusterSetting as _berth_v1_ClusterSetting, ClusterSetting__Output as _berth_v1_ClusterSetting__Output } from '../../berth/v1/ClusterSetting.js';
import type { ClusterConfiguration as _berth_v1_ClusterConfiguration, ClusterConfiguration__Output as _berth_v1_ClusterConfiguration__Output } from '../../berth/v1/ClusterConfiguration.js';
import type { ClusterServiceConnectDefaultsRequest as _berth_v1_ClusterServiceConnectDefaultsRequest, ClusterServiceConnectDefaultsRequest__Output as _berth_v1_ClusterServiceConnectDefaultsRequest__Output } from '../../berth/v1/ClusterServiceConnectDefaultsRequest.js';

export interface UpdateClusterRequest {
  'cluster'?: (string);
  'settings'?: (_berth_v1_ClusterSetting)[];
  'configuration'?: (_berth_v1_ClusterConfiguration | null);
  'serviceConnectDefaults'?: (_berth_v1_ClusterServiceConnectDefaultsRequest | null);
  'berthPresentMembers'?: (string)[];
  '_cluster'?: "cluster";
}

export interface UpdateClusterRequest__Output {
  'cluster'?: (string);
  'settings'?: (_berth_v1_ClusterSetting__Output)[];
  'configuration'?: (_berth_v1_ClusterConfiguration__Output);
  'serviceConnectDefaults'?: (_berth_v1_ClusterServiceConnectDefaultsRequest__Output);
  'berthPresentMembers'?: (string)[];
}
