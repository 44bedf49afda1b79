// Original file: protos/berth/v1/ecs.proto


export interface PutAccountSettingDefaultRequest {
  'name'?: (string);
  'value'?: (string);
  '_name'?: "name";
  '_value'?: "value";
}

export interface PutAccountSettingDefaultRequest__Output {
  'name'?: (string);
  'value'?: (string);
}
