// Original file: protos/berth/v1/iam.proto


export interface DeleteAccessKeyRequest {
  'accessKeyId'?: (string);
  '_accessKeyId'?: "accessKeyId";
}

export interface DeleteAccessKeyRequest__Output {
  'accessKeyId'?: (string);
}
