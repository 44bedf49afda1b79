// Original file: protos/berth/v1/ecs.proto

import type { DaemonDeploymentCapacityProvider as _berth_v1_DaemonDeploymentCapacityProvider, DaemonDeploymentCapacityProvider__Output as _berth_v1_DaemonDeploymentCapacityProvider__Output } from '../../berth/v1/DaemonDeploymentCapacityProvider.js';

export interface DaemonDeploymentRevisionDetail {
  'arn'?: (string);
  'capacityProviders'?: (_berth_v1_DaemonDeploymentCapacityProvider)[];
  'totalRunningInstanceCount'?: (number);
  'totalDrainingInstanceCount'?: (number);
  'berthPresentMembers'?: (string)[];
  '_arn'?: "arn";
  '_totalRunningInstanceCount'?: "totalRunningInstanceCount";
  '_totalDrainingInstanceCount'?: "totalDrainingInstanceCount";
}

export interface DaemonDeploymentRevisionDetail__Output {
  'arn'?: (string);
  'capacityProviders'?: (_berth_v1_DaemonDeploymentCapacityProvider__Output)[];
  'totalRunningInstanceCount'?: (number);
  'totalDrainingInstanceCount'?: (number);
  'berthPresentMembers'?: (string)[];
}
