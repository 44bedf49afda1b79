// Original file: protos/berth/v1/ecs.proto

import type { ServiceDeploymentBrief as _berth_v1_ServiceDeploymentBrief, ServiceDeploymentBrief__Output as _berth_v1_ServiceDeploymentBrief__Output } from '../../berth/v1/ServiceDeploymentBrief.js';

export interface ListServiceDeploymentsResponse {
  'serviceDeployments'?: (_berth_v1_ServiceDeploymentBrief)[];
  'nextToken'?: (string);
  'berthPresentMembers'?: (string)[];
  '_nextToken'?: "nextToken";
}

export interface ListServiceDeploymentsResponse__Output {
  'serviceDeployments'?: (_berth_v1_ServiceDeploymentBrief__Output)[];
  'nextToken'?: (string);
  'berthPresentMembers'?: (string)[];
}
