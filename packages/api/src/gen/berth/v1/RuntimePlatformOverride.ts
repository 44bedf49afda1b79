// Original file: protos/berth/v1/ecs.proto


export interface RuntimePlatformOverride {
  'cpuArchitecture'?: (string);
  '_cpuArchitecture'?: "cpuArchitecture";
}

export interface RuntimePlatformOverride__Output {
  'cpuArchitecture'?: (string);
}
