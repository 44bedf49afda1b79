// Original file: protos/berth/v1/ecs.proto


export interface EphemeralStorage {
  'sizeInGiB'?: (number);
  '_sizeInGiB'?: "sizeInGiB";
}

export interface EphemeralStorage__Output {
  'sizeInGiB'?: (number);
}
