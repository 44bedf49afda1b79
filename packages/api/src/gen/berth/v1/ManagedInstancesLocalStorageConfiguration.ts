// Original file: protos/berth/v1/ecs.proto


export interface ManagedInstancesLocalStorageConfiguration {
  'useLocalStorage'?: (boolean);
  '_useLocalStorage'?: "useLocalStorage";
}

export interface ManagedInstancesLocalStorageConfiguration__Output {
  'useLocalStorage'?: (boolean);
}
