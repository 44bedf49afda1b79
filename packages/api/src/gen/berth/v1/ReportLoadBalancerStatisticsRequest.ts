// Original file: protos/berth/v1/fleet.proto

import type { TargetGroupStatistics as _berth_v1_TargetGroupStatistics, TargetGroupStatistics__Output as _berth_v1_TargetGroupStatistics__Output } from '../../berth/v1/TargetGroupStatistics.js';
import type { LoadBalancerStatistics as _berth_v1_LoadBalancerStatistics, LoadBalancerStatistics__Output as _berth_v1_LoadBalancerStatistics__Output } from '../../berth/v1/LoadBalancerStatistics.js';

export interface ReportLoadBalancerStatisticsRequest {
  'collectedAt'?: (number | string);
  'targetGroups'?: (_berth_v1_TargetGroupStatistics)[];
  'group'?: (string);
  'addresses'?: (string)[];
  'loadBalancers'?: (_berth_v1_LoadBalancerStatistics)[];
  '_collectedAt'?: "collectedAt";
  '_group'?: "group";
}

export interface ReportLoadBalancerStatisticsRequest__Output {
  'collectedAt'?: (number);
  'targetGroups'?: (_berth_v1_TargetGroupStatistics__Output)[];
  'group'?: (string);
  'addresses'?: (string)[];
  'loadBalancers'?: (_berth_v1_LoadBalancerStatistics__Output)[];
}
