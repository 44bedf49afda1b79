// Original file: protos/berth/v1/ecs.proto


export interface ContainerImage {
  'containerName'?: (string);
  'imageDigest'?: (string);
  'image'?: (string);
  '_containerName'?: "containerName";
  '_imageDigest'?: "imageDigest";
  '_image'?: "image";
}

export interface ContainerImage__Output {
  'containerName'?: (string);
  'imageDigest'?: (string);
  'image'?: (string);
}
