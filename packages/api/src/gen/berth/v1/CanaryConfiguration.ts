// Original file: protos/berth/v1/ecs.proto


export interface CanaryConfiguration {
  'canaryPercent'?: (number | string);
  'canaryBakeTimeInMinutes'?: (number);
  '_canaryPercent'?: "canaryPercent";
  '_canaryBakeTimeInMinutes'?: "canaryBakeTimeInMinutes";
}

export interface CanaryConfiguration__Output {
  'canaryPercent'?: (number);
  'canaryBakeTimeInMinutes'?: (number);
}
