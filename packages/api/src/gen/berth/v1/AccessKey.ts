// Original file: protos/berth/v1/iam.proto


export interface AccessKey {
  'accessKeyId'?: (string);
  'secretAccessKey'?: (string);
  'status'?: (string);
  'createDate'?: (number | string);
  'userName'?: (string);
  '_accessKeyId'?: "accessKeyId";
  '_secretAccessKey'?: "secretAccessKey";
  '_status'?: "status";
  '_createDate'?: "createDate";
  '_userName'?: "userName";
}

export interface AccessKey__Output {
  'accessKeyId'?: (string);
  'secretAccessKey'?: (string);
  'status'?: (string);
  'createDate'?: (number);
  'userName'?: (string);
}
