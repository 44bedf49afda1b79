// Original file: protos/berth/v1/ecs.proto


export interface ResourceRequirement {
  'value'?: (string);
  'type'?: (string);
  '_value'?: "value";
  '_type'?: "type";
}

export interface ResourceRequirement__Output {
  'value'?: (string);
  'type'?: (string);
}
