// Original file: protos/berth/v1/ecs.proto

import type { InstanceHealthCheckResult as _berth_v1_InstanceHealthCheckResult, InstanceHealthCheckResult__Output as _berth_v1_InstanceHealthCheckResult__Output } from '../../berth/v1/InstanceHealthCheckResult.js';

export interface ContainerInstanceHealthStatus {
  'overallStatus'?: (string);
  'details'?: (_berth_v1_InstanceHealthCheckResult)[];
  'berthPresentMembers'?: (string)[];
  '_overallStatus'?: "overallStatus";
}

export interface ContainerInstanceHealthStatus__Output {
  'overallStatus'?: (string);
  'details'?: (_berth_v1_InstanceHealthCheckResult__Output)[];
  'berthPresentMembers'?: (string)[];
}
