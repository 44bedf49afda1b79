// Original file: protos/berth/v1/ecs.proto


export interface ClusterSetting {
  'name'?: (string);
  'value'?: (string);
  '_name'?: "name";
  '_value'?: "value";
}

export interface ClusterSetting__Output {
  'name'?: (string);
  'value'?: (string);
}
