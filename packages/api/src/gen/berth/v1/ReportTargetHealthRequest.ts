// Original file: protos/berth/v1/fleet.proto

import type { TargetHealthReport as _berth_v1_TargetHealthReport, TargetHealthReport__Output as _berth_v1_TargetHealthReport__Output } from '../../berth/v1/TargetHealthReport.js';

export interface ReportTargetHealthRequest {
  'reports'?: (_berth_v1_TargetHealthReport)[];
}

export interface ReportTargetHealthRequest__Output {
  'reports'?: (_berth_v1_TargetHealthReport__Output)[];
}
