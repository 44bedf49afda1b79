// Original file: protos/berth/v1/ecs.proto


export interface ManagedStorageConfiguration {
  'kmsKeyId'?: (string);
  'fargateEphemeralStorageKmsKeyId'?: (string);
  '_kmsKeyId'?: "kmsKeyId";
  '_fargateEphemeralStorageKmsKeyId'?: "fargateEphemeralStorageKmsKeyId";
}

export interface ManagedStorageConfiguration__Output {
  'kmsKeyId'?: (string);
  'fargateEphemeralStorageKmsKeyId'?: (string);
}
