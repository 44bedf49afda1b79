// Original file: protos/berth/v1/ecs.proto


export interface StopServiceDeploymentResponse {
  'serviceDeploymentArn'?: (string);
  '_serviceDeploymentArn'?: "serviceDeploymentArn";
}

export interface StopServiceDeploymentResponse__Output {
  'serviceDeploymentArn'?: (string);
}
