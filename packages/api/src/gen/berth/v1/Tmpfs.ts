// Original file: protos/berth/v1/ecs.proto


export interface Tmpfs {
  'containerPath'?: (string);
  'size'?: (number);
  'mountOptions'?: (string)[];
  'berthPresentMembers'?: (string)[];
  '_containerPath'?: "containerPath";
  '_size'?: "size";
}

export interface Tmpfs__Output {
  'containerPath'?: (string);
  'size'?: (number);
  'mountOptions'?: (string)[];
  'berthPresentMembers'?: (string)[];
}
