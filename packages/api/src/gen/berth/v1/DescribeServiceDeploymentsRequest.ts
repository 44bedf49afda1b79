// Original file: protos/berth/v1/ecs.proto


export interface DescribeServiceDeploymentsRequest {
  'serviceDeploymentArns'?: (string)[];
  'berthPresentMembers'?: (string)[];
}

export interface DescribeServiceDeploymentsRequest__Output {
  'serviceDeploymentArns'?: (string)[];
  'berthPresentMembers'?: (string)[];
}
