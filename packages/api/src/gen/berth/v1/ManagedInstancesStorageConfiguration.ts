// Original file: protos/berth/v1/ecs.proto


export interface ManagedInstancesStorageConfiguration {
  'storageSizeGiB'?: (number);
  '_storageSizeGiB'?: "storageSizeGiB";
}

export interface ManagedInstancesStorageConfiguration__Output {
  'storageSizeGiB'?: (number);
}
