// Original file: protos/berth/v1/ecs.proto


export interface S3FilesVolumeConfiguration {
  'fileSystemArn'?: (string);
  'rootDirectory'?: (string);
  'transitEncryptionPort'?: (number);
  'accessPointArn'?: (string);
  '_fileSystemArn'?: "fileSystemArn";
  '_rootDirectory'?: "rootDirectory";
  '_transitEncryptionPort'?: "transitEncryptionPort";
  '_accessPointArn'?: "accessPointArn";
}

export interface S3FilesVolumeConfiguration__Output {
  'fileSystemArn'?: (string);
  'rootDirectory'?: (string);
  'transitEncryptionPort'?: (number);
  'accessPointArn'?: (string);
}
