// Original file: protos/berth/v1/ecs.proto


export interface RuntimePlatform {
  'cpuArchitecture'?: (string);
  'operatingSystemFamily'?: (string);
  '_cpuArchitecture'?: "cpuArchitecture";
  '_operatingSystemFamily'?: "operatingSystemFamily";
}

export interface RuntimePlatform__Output {
  'cpuArchitecture'?: (string);
  'operatingSystemFamily'?: (string);
}
