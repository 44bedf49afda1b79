// Original file: protos/berth/v1/ecs.proto


export interface ServiceDeploymentAlarms {
  'status'?: (string);
  'alarmNames'?: (string)[];
  'triggeredAlarmNames'?: (string)[];
  'berthPresentMembers'?: (string)[];
  '_status'?: "status";
}

export interface ServiceDeploymentAlarms__Output {
  'status'?: (string);
  'alarmNames'?: (string)[];
  'triggeredAlarmNames'?: (string)[];
  'berthPresentMembers'?: (string)[];
}
