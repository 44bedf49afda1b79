// Original file: protos/berth/v1/iam.proto


export interface CreateAccessKeyRequest {
  'userName'?: (string);
  '_userName'?: "userName";
}

export interface CreateAccessKeyRequest__Output {
  'userName'?: (string);
}
