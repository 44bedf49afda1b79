// Original file: protos/berth/v1/ecs.proto


export interface Scale {
  'value'?: (number | string);
  'unit'?: (string);
  '_value'?: "value";
  '_unit'?: "unit";
}

export interface Scale__Output {
  'value'?: (number);
  'unit'?: (string);
}
