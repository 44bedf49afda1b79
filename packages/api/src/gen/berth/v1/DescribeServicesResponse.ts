// Original file: protos/berth/v1/ecs.proto

import type { Service as _berth_v1_Service, Service__Output as _berth_v1_Service__Output } from '../../berth/v1/Service.js';
import type { Failure as _berth_v1_Failure, Failure__Output as _berth_v1_Failure__Output } from '../../berth/v1/Failure.js';

export interface DescribeServicesResponse {
  'services'?: (_berth_v1_Service)[];
  'failures'?: (_berth_v1_Failure)[];
  'berthPresentMembers'?: (string)[];
}

export interface DescribeServicesResponse__Output {
  'services'?: (_berth_v1_Service__Output)[];
  'failures'?: (_berth_v1_Failure__Output)[];
  'berthPresentMembers'?: (string)[];
}
