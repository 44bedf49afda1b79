// Original file: protos/berth/v1/ecs.proto


export interface AwsVpcConfiguration {
  'subnets'?: (string)[];
  'securityGroups'?: (string)[];
  'assignPublicIp'?: (string);
  'berthPresentMembers'?: (string)[];
  '_assignPublicIp'?: "assignPublicIp";
}

export interface AwsVpcConfiguration__Output {
  'subnets'?: (string)[];
  'securityGroups'?: (string)[];
  'assignPublicIp'?: (string);
  'berthPresentMembers'?: (string)[];
}
