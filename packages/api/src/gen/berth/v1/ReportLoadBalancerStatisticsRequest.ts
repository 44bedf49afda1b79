// Original file: protos/berth/v1/fleet.proto

import type { TargetGroupStatistics as _berth_v1_TargetGroupStatistics, TargetGroupStatistics__Output as _berth_v1_TargetGroupStatistics__Output } from '../../berth/v1/TargetGroupStatistics.js';

export interface ReportLoadBalancerStatisticsRequest {
  'collectedAt'?: (number | string);
  'targetGroups'?: (_berth_v1_TargetGroupStatistics)[];
  'group'?: (string);
  'addresses'?: (string)[];
  '_collectedAt'?: "collectedAt";
  '_group'?: "group";
}

export interface ReportLoadBalancerStatisticsRequest__Output {
  'collectedAt'?: (number);
  'targetGroups'?: (_berth_v1_TargetGroupStatistics__Output)[];
  'group'?: (string);
  'addresses'?: (string)[];
}
