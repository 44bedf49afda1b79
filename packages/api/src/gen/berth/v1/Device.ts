// Original file: protos/berth/v1/ecs.proto


export interface Device {
  'hostPath'?: (string);
  'containerPath'?: (string);
  'permissions'?: (string)[];
  'berthPresentMembers'?: (string)[];
  '_hostPath'?: "hostPath";
  '_containerPath'?: "containerPath";
}

export interface Device__Output {
  'hostPath'?: (string);
  'containerPath'?: (string);
  'permissions'?: (string)[];
  'berthPresentMembers'?: (string)[];
}
