// Original file: protos/berth/v1/ecs.proto

import type { DaemonDeploymentSummary as _berth_v1_DaemonDeploymentSummary, DaemonDeploymentSummary__Output as _berth_v1_DaemonDeploymentSummary__Output } from '../../berth/v1/DaemonDeploymentSummary.js';

export interface ListDaemonDeploymentsResponse {
  'nextToken'?: (string);
  'daemonDeployments'?: (_berth_v1_DaemonDeploymentSummary)[];
  'berthPresentMembers'?: (string)[];
  '_nextToken'?: "nextToken";
}

export interface ListDaemonDeploymentsResponse__Output {
  'nextToken'?: (string);
  'daemonDeployments'?: (_berth_v1_DaemonDeploymentSummary__Output)[];
  'berthPresentMembers'?: (string)[];
}
