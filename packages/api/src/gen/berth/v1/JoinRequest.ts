// Original file: protos/berth/v1/fleet.proto


export interface JoinRequest {
  'token'?: (string);
  'publicKey'?: (string);
  'registration'?: (string);
  'clientTime'?: (number | string);
  '_token'?: "token";
  '_publicKey'?: "publicKey";
  '_registration'?: "registration";
  '_clientTime'?: "clientTime";
}

export interface JoinRequest__Output {
  'token'?: (string);
  'publicKey'?: (string);
  'registration'?: (string);
  'clientTime'?: (number);
}
