// Original file: protos/berth/v1/ecs.proto


export interface ManagedCertificate {
  'arn'?: (string);
  'status'?: (string);
  'statusReason'?: (string);
  'updatedAt'?: (number | string);
  'domainName'?: (string);
  '_arn'?: "arn";
  '_status'?: "status";
  '_statusReason'?: "statusReason";
  '_updatedAt'?: "updatedAt";
  '_domainName'?: "domainName";
}

export interface ManagedCertificate__Output {
  'arn'?: (string);
  'status'?: (string);
  'statusReason'?: (string);
  'updatedAt'?: (number);
  'domainName'?: (string);
}
