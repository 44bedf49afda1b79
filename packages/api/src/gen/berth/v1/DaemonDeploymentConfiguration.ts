// Original file: protos/berth/v1/ecs.proto

import type { DaemonAlarmConfiguration as _berth_v1_DaemonAlarmConfiguration, DaemonAlarmConfiguration__Output as _berth_v1_DaemonAlarmConfiguration__Output } from '../../berth/v1/DaemonAlarmConfiguration.js';

export interface DaemonDeploymentConfiguration {
  'drainPercent'?: (number | string);
  'alarms'?: (_berth_v1_DaemonAlarmConfiguration | null);
  'bakeTimeInMinutes'?: (number);
  '_drainPercent'?: "drainPercent";
  '_bakeTimeInMinutes'?: "bakeTimeInMinutes";
}

export interface DaemonDeploymentConfiguration__Output {
  'drainPercent'?: (number);
  'alarms'?: (_berth_v1_DaemonAlarmConfiguration__Output);
  'bakeTimeInMinutes'?: (number);
}
