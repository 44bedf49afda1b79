// Original file: protos/berth/v1/ecs.proto


export interface DaemonContainerImage {
  'containerName'?: (string);
  'imageDigest'?: (string);
  'image'?: (string);
  '_containerName'?: "containerName";
  '_imageDigest'?: "imageDigest";
  '_image'?: "image";
}

export interface DaemonContainerImage__Output {
  'containerName'?: (string);
  'imageDigest'?: (string);
  'image'?: (string);
}
