// Original file: protos/berth/v1/ecs.proto


export interface HostVolumeProperties {
  'sourcePath'?: (string);
  '_sourcePath'?: "sourcePath";
}

export interface HostVolumeProperties__Output {
  'sourcePath'?: (string);
}
