// Original file: protos/berth/v1/ecs.proto


export interface LinearConfiguration {
  'stepPercent'?: (number | string);
  'stepBakeTimeInMinutes'?: (number);
  '_stepPercent'?: "stepPercent";
  '_stepBakeTimeInMinutes'?: "stepBakeTimeInMinutes";
}

export interface LinearConfiguration__Output {
  'stepPercent'?: (number);
  'stepBakeTimeInMinutes'?: (number);
}
