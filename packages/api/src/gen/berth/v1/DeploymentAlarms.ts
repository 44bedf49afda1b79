// Original file: protos/berth/v1/ecs.proto


export interface DeploymentAlarms {
  'alarmNames'?: (string)[];
  'rollback'?: (boolean);
  'enable'?: (boolean);
  'berthPresentMembers'?: (string)[];
  '_rollback'?: "rollback";
  '_enable'?: "enable";
}

export interface DeploymentAlarms__Output {
  'alarmNames'?: (string)[];
  'rollback'?: (boolean);
  'enable'?: (boolean);
  'berthPresentMembers'?: (string)[];
}
