// Original file: protos/berth/v1/ecs.proto


export interface DescribeDaemonDeploymentsRequest {
  'daemonDeploymentArns'?: (string)[];
  'berthPresentMembers'?: (string)[];
}

export interface DescribeDaemonDeploymentsRequest__Output {
  'daemonDeploymentArns'?: (string)[];
  'berthPresentMembers'?: (string)[];
}
