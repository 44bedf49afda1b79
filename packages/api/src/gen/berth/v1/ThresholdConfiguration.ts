// Original file: protos/berth/v1/ecs.proto


export interface ThresholdConfiguration {
  'type'?: (string);
  'value'?: (number);
  '_type'?: "type";
  '_value'?: "value";
}

export interface ThresholdConfiguration__Output {
  'type'?: (string);
  'value'?: (number);
}
