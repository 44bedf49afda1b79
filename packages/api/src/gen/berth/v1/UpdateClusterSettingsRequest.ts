// Original file: protos/berth/v1/ecs.proto

import type { ClusterSetting as _berth_v1_ClusterSetting, ClusterSetting__Output as _berth_v1_ClusterSetting__Output } from '../../berth/v1/ClusterSetting.js';

export interface UpdateClusterSettingsRequest {
  'cluster'?: (string);
  'settings'?: (_berth_v1_ClusterSetting)[];
  'berthPresentMembers'?: (string)[];
  '_cluster'?: "cluster";
}

export interface UpdateClusterSettingsRequest__Output {
  'cluster'?: (string);
  'settings'?: (_berth_v1_ClusterSetting__Output)[];
  'berthPresentMembers'?: (string)[];
}
