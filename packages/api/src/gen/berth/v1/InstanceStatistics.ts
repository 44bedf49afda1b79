// Original file: protos/berth/v1/agent.proto

import type { ContainerStatistics as _berth_v1_ContainerStatistics, ContainerStatistics__Output as _berth_v1_ContainerStatistics__Output } from '../../berth/v1/ContainerStatistics.js';

export interface InstanceStatistics {
  'collectedAt'?: (number | string);
  'containers'?: (_berth_v1_ContainerStatistics)[];
  '_collectedAt'?: "collectedAt";
}

export interface InstanceStatistics__Output {
  'collectedAt'?: (number);
  'containers'?: (_berth_v1_ContainerStatistics__Output)[];
}
