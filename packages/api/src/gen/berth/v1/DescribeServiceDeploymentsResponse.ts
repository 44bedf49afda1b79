// Original file: protos/berth/v1/ecs.proto

import type { ServiceDeployment as _berth_v1_ServiceDeployment, ServiceDeployment__Output as _berth_v1_ServiceDeployment__Output } from '../../berth/v1/ServiceDeployment.js';
import type { Failure as _berth_v1_Failure, Failure__Output as _berth_v1_Failure__Output } from '../../berth/v1/Failure.js';

export interface DescribeServiceDeploymentsResponse {
  'serviceDeployments'?: (_berth_v1_ServiceDeployment)[];
  'failures'?: (_berth_v1_Failure)[];
  'berthPresentMembers'?: (string)[];
}

export interface DescribeServiceDeploymentsResponse__Output {
  'serviceDeployments'?: (_berth_v1_ServiceDeployment__Output)[];
  'failures'?: (_berth_v1_Failure__Output)[];
  'berthPresentMembers'?: (string)[];
}
