// Original file: protos/berth/v1/ecs.proto

import type { Cluster as _berth_v1_Cluster, Cluster__Output as _berth_v1_Cluster__Output } from '../../berth/v1/Cluster.js';

export interface CreateClusterResponse {
  'cluster'?: (_berth_v1_Cluster | null);
}

export interface CreateClusterResponse__Output {
  'cluster'?: (_berth_v1_Cluster__Output);
}
