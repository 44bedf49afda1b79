// Original file: protos/berth/v1/ecs.proto


export interface SystemControl {
  'namespace'?: (string);
  'value'?: (string);
  '_namespace'?: "namespace";
  '_value'?: "value";
}

export interface SystemControl__Output {
  'namespace'?: (string);
  'value'?: (string);
}
