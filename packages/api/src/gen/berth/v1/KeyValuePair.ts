// Original file: protos/berth/v1/ecs.proto


export interface KeyValuePair {
  'name'?: (string);
  'value'?: (string);
  '_name'?: "name";
  '_value'?: "value";
}

export interface KeyValuePair__Output {
  'name'?: (string);
  'value'?: (string);
}
