// Original file: protos/berth/v1/ecs.proto


export interface DescribeDaemonDeploymentsRequest {
  'daemonDeploymentArns'?: (string)[];
}

export interface DescribeDaemonDeploymentsRequest__Output {
  'daemonDeploymentArns'?: (string)[];
}
