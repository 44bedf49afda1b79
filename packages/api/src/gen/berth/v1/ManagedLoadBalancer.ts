// Original file: protos/berth/v1/ecs.proto


export interface ManagedLoadBalancer {
  'arn'?: (string);
  'status'?: (string);
  'statusReason'?: (string);
  'updatedAt'?: (number | string);
  'scheme'?: (string);
  'subnetIds'?: (string)[];
  'securityGroupIds'?: (string)[];
  'berthPresentMembers'?: (string)[];
  '_arn'?: "arn";
  '_status'?: "status";
  '_statusReason'?: "statusReason";
  '_updatedAt'?: "updatedAt";
  '_scheme'?: "scheme";
}

export interface ManagedLoadBalancer__Output {
  'arn'?: (string);
  'status'?: (string);
  'statusReason'?: (string);
  'updatedAt'?: (number);
  'scheme'?: (string);
  'subnetIds'?: (string)[];
  'securityGroupIds'?: (string)[];
  'berthPresentMembers'?: (string)[];
}
