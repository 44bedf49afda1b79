// Original file: protos/berth/v1/ecs.proto


export interface TaskEphemeralStorage {
  'sizeInGiB'?: (number);
  'kmsKeyId'?: (string);
  '_sizeInGiB'?: "sizeInGiB";
  '_kmsKeyId'?: "kmsKeyId";
}

export interface TaskEphemeralStorage__Output {
  'sizeInGiB'?: (number);
  'kmsKeyId'?: (string);
}
