// Original file: protos/berth/v1/ecs.proto

import type { Cluster as _berth_v1_Cluster, Cluster__Output as _berth_v1_Cluster__Output } from '../../berth/v1/Cluster.js';
import type { Failure as _berth_v1_Failure, Failure__Output as _berth_v1_Failure__Output } from '../../berth/v1/Failure.js';

export interface DescribeClustersResponse {
  'clusters'?: (_berth_v1_Cluster)[];
  'failures'?: (_berth_v1_Failure)[];
  'berthPresentMembers'?: (string)[];
}

export interface DescribeClustersResponse__Output {
  'clusters'?: (_berth_v1_Cluster__Output)[];
  'failures'?: (_berth_v1_Failure__Output)[];
  'berthPresentMembers'?: (string)[];
}
