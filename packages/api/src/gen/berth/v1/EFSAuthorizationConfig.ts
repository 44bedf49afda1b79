// Original file: protos/berth/v1/ecs.proto


export interface EFSAuthorizationConfig {
  'accessPointId'?: (string);
  'iam'?: (string);
  '_accessPointId'?: "accessPointId";
  '_iam'?: "iam";
}

export interface EFSAuthorizationConfig__Output {
  'accessPointId'?: (string);
  'iam'?: (string);
}
