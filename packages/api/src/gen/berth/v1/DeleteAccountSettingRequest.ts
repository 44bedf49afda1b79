// Original file: protos/berth/v1/ecs.proto


export interface DeleteAccountSettingRequest {
  'name'?: (string);
  'principalArn'?: (string);
  '_name'?: "name";
  '_principalArn'?: "principalArn";
}

export interface DeleteAccountSettingRequest__Output {
  'name'?: (string);
  'principalArn'?: (string);
}
