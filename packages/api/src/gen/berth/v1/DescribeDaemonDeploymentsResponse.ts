// Original file: protos/berth/v1/ecs.proto

import type { Failure as _berth_v1_Failure, Failure__Output as _berth_v1_Failure__Output } from '../../berth/v1/Failure.js';
import type { DaemonDeployment as _berth_v1_DaemonDeployment, DaemonDeployment__Output as _berth_v1_DaemonDeployment__Output } from '../../berth/v1/DaemonDeployment.js';

export interface DescribeDaemonDeploymentsResponse {
  'failures'?: (_berth_v1_Failure)[];
  'daemonDeployments'?: (_berth_v1_DaemonDeployment)[];
  'berthPresentMembers'?: (string)[];
}

export interface DescribeDaemonDeploymentsResponse__Output {
  'failures'?: (_berth_v1_Failure__Output)[];
  'daemonDeployments'?: (_berth_v1_DaemonDeployment__Output)[];
  'berthPresentMembers'?: (string)[];
}
