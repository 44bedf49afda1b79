// Original file: protos/berth/v1/ecs.proto


export interface Attribute {
  'name'?: (string);
  'value'?: (string);
  'targetType'?: (string);
  'targetId'?: (string);
  '_name'?: "name";
  '_value'?: "value";
  '_targetType'?: "targetType";
  '_targetId'?: "targetId";
}

export interface Attribute__Output {
  'name'?: (string);
  'value'?: (string);
  'targetType'?: (string);
  'targetId'?: (string);
}
