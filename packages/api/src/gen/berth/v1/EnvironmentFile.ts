// Original file: protos/berth/v1/ecs.proto


export interface EnvironmentFile {
  'value'?: (string);
  'type'?: (string);
  '_value'?: "value";
  '_type'?: "type";
}

export interface EnvironmentFile__Output {
  'value'?: (string);
  'type'?: (string);
}
