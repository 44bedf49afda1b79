// Original file: protos/berth/v1/ecs.proto


export interface VolumeFrom {
  'sourceContainer'?: (string);
  'readOnly'?: (boolean);
  '_sourceContainer'?: "sourceContainer";
  '_readOnly'?: "readOnly";
}

export interface VolumeFrom__Output {
  'sourceContainer'?: (string);
  'readOnly'?: (boolean);
}
