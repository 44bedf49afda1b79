// Original file: protos/berth/v1/ecs.proto


export interface PutAccountSettingRequest {
  'name'?: (string);
  'value'?: (string);
  'principalArn'?: (string);
  '_name'?: "name";
  '_value'?: "value";
  '_principalArn'?: "principalArn";
}

export interface PutAccountSettingRequest__Output {
  'name'?: (string);
  'value'?: (string);
  'principalArn'?: (string);
}
