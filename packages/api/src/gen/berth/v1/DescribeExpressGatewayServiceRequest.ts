// Original file: protos/berth/v1/ecs.proto


export interface DescribeExpressGatewayServiceRequest {
  'serviceArn'?: (string);
  'include'?: (string)[];
  'berthPresentMembers'?: (string)[];
  '_serviceArn'?: "serviceArn";
}

export interface DescribeExpressGatewayServiceRequest__Output {
  'serviceArn'?: (string);
  'include'?: (string)[];
  'berthPresentMembers'?: (string)[];
}
