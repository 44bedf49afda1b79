// Original file: protos/berth/v1/ecs.proto


export interface Tag {
  'key'?: (string);
  'value'?: (string);
  '_key'?: "key";
  '_value'?: "value";
}

export interface Tag__Output {
  'key'?: (string);
  'value'?: (string);
}
