// Original file: protos/berth/v1/ecs.proto


export interface DaemonAlarmConfiguration {
  'alarmNames'?: (string)[];
  'enable'?: (boolean);
  'berthPresentMembers'?: (string)[];
  '_enable'?: "enable";
}

export interface DaemonAlarmConfiguration__Output {
  'alarmNames'?: (string)[];
  'enable'?: (boolean);
  'berthPresentMembers'?: (string)[];
}
