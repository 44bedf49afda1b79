// Original file: protos/berth/v1/ecs.proto

import type { CapacityProvider as _berth_v1_CapacityProvider, CapacityProvider__Output as _berth_v1_CapacityProvider__Output } from '../../berth/v1/CapacityProvider.js';
import type { Failure as _berth_v1_Failure, Failure__Output as _berth_v1_Failure__Output } from '../../berth/v1/Failure.js';

export interface DescribeCapacityProvidersResponse {
  'capacityProviders'?: (_berth_v1_CapacityProvider)[];
  'failures'?: (_berth_v1_Failure)[];
  'nextToken'?: (string);
  'berthPresentMembers'?: (string)[];
  '_nextToken'?: "nextToken";
}

export interface DescribeCapacityProvidersResponse__Output {
  'capacityProviders'?: (_berth_v1_CapacityProvider__Output)[];
  'failures'?: (_berth_v1_Failure__Output)[];
  'nextToken'?: (string);
  'berthPresentMembers'?: (string)[];
}
