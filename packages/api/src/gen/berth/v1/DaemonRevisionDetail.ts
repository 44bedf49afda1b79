// Original file: protos/berth/v1/ecs.proto

import type { DaemonCapacityProvider as _berth_v1_DaemonCapacityProvider, DaemonCapacityProvider__Output as _berth_v1_DaemonCapacityProvider__Output } from '../../berth/v1/DaemonCapacityProvider.js';

export interface DaemonRevisionDetail {
  'arn'?: (string);
  'capacityProviders'?: (_berth_v1_DaemonCapacityProvider)[];
  'totalRunningCount'?: (number);
  'berthPresentMembers'?: (string)[];
  '_arn'?: "arn";
  '_totalRunningCount'?: "totalRunningCount";
}

export interface DaemonRevisionDetail__Output {
  'arn'?: (string);
  'capacityProviders'?: (_berth_v1_DaemonCapacityProvider__Output)[];
  'totalRunningCount'?: (number);
  'berthPresentMembers'?: (string)[];
}
