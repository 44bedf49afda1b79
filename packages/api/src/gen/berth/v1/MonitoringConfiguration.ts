// Original file: protos/berth/v1/ecs.proto

import type { MetricConfiguration as _berth_v1_MetricConfiguration, MetricConfiguration__Output as _berth_v1_MetricConfiguration__Output } from '../../berth/v1/MetricConfiguration.js';

export interface MonitoringConfiguration {
  'metricConfigurations'?: (_berth_v1_MetricConfiguration)[];
  'berthPresentMembers'?: (string)[];
}

export interface MonitoringConfiguration__Output {
  'metricConfigurations'?: (_berth_v1_MetricConfiguration__Output)[];
  'berthPresentMembers'?: (string)[];
}
