// Original file: protos/berth/v1/ecs.proto


export interface Setting {
  'name'?: (string);
  'value'?: (string);
  'principalArn'?: (string);
  'type'?: (string);
  '_name'?: "name";
  '_value'?: "value";
  '_principalArn'?: "principalArn";
  '_type'?: "type";
}

export interface Setting__Output {
  'name'?: (string);
  'value'?: (string);
  'principalArn'?: (string);
  'type'?: (string);
}
