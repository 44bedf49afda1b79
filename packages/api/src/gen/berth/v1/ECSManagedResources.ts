// Original file: protos/berth/v1/ecs.proto

import type { ManagedIngressPath as _berth_v1_ManagedIngressPath, ManagedIngressPath__Output as _berth_v1_ManagedIngressPath__Output } from '../../berth/v1/ManagedIngressPath.js';
import type { ManagedAutoScaling as _berth_v1_ManagedAutoScaling, ManagedAutoScaling__Output as _berth_v1_ManagedAutoScaling__Output } from '../../berth/v1/ManagedAutoScaling.js';
import type { ManagedMetricAlarm as _berth_v1_ManagedMetricAlarm, ManagedMetricAlarm__Output as _berth_v1_ManagedMetricAlarm__Output } from '../../berth/v1/ManagedMetricAlarm.js';
import type { ManagedSecurityGroup as _berth_v1_ManagedSecurityGroup, ManagedSecurityGroup__Output as _berth_v1_ManagedSecurityGroup__Output } from '../../berth/v1/ManagedSecurityGroup.js';
import type { ManagedLogGroup as _berth_v1_ManagedLogGroup, ManagedLogGroup__Output as _berth_v1_ManagedLogGroup__Output } from '../../berth/v1/ManagedLogGroup.js';

export interface ECSManagedResources {
  'ingressPaths'?: (_berth_v1_ManagedIngressPath)[];
  'autoScaling'?: (_berth_v1_ManagedAutoScaling | null);
  'metricAlarms'?: (_berth_v1_ManagedMetricAlarm)[];
  'serviceSecurityGroups'?: (_berth_v1_ManagedSecurityGroup)[];
  'logGroups'?: (_berth_v1_ManagedLogGroup)[];
  'berthPresentMembers'?: (string)[];
}

export interface ECSManagedResources__Output {
  'ingressPaths'?: (_berth_v1_ManagedIngressPath__Output)[];
  'autoScaling'?: (_berth_v1_ManagedAutoScaling__Output);
  'metricAlarms'?: (_berth_v1_ManagedMetricAlarm__Output)[];
  'serviceSecurityGroups'?: (_berth_v1_ManagedSecurityGroup__Output)[];
  'logGroups'?: (_berth_v1_ManagedLogGroup__Output)[];
  'berthPresentMembers'?: (string)[];
}
