// Original file: protos/berth/v1/ecs.proto


export interface ContinueServiceDeploymentResponse {
  'serviceDeploymentArn'?: (string);
  '_serviceDeploymentArn'?: "serviceDeploymentArn";
}

export interface ContinueServiceDeploymentResponse__Output {
  'serviceDeploymentArn'?: (string);
}
