// Original file: protos/berth/v1/ecs.proto


export interface DaemonDeploymentAlarms {
  'status'?: (string);
  'alarmNames'?: (string)[];
  'triggeredAlarmNames'?: (string)[];
  'berthPresentMembers'?: (string)[];
  '_status'?: "status";
}

export interface DaemonDeploymentAlarms__Output {
  'status'?: (string);
  'alarmNames'?: (string)[];
  'triggeredAlarmNames'?: (string)[];
  'berthPresentMembers'?: (string)[];
}
