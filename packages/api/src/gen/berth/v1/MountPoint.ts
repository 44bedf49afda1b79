// Original file: protos/berth/v1/ecs.proto


export interface MountPoint {
  'sourceVolume'?: (string);
  'containerPath'?: (string);
  'readOnly'?: (boolean);
  '_sourceVolume'?: "sourceVolume";
  '_containerPath'?: "containerPath";
  '_readOnly'?: "readOnly";
}

export interface MountPoint__Output {
  'sourceVolume'?: (string);
  'containerPath'?: (string);
  'readOnly'?: (boolean);
}
