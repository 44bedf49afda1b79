// Original file: protos/berth/v1/ecs.proto


export interface Secret {
  'name'?: (string);
  'valueFrom'?: (string);
  '_name'?: "name";
  '_valueFrom'?: "valueFrom";
}

export interface Secret__Output {
  'name'?: (string);
  'valueFrom'?: (string);
}
