// Original file: protos/berth/v1/ecs.proto


export interface StopServiceDeploymentRequest {
  'serviceDeploymentArn'?: (string);
  'stopType'?: (string);
  '_serviceDeploymentArn'?: "serviceDeploymentArn";
  '_stopType'?: "stopType";
}

export interface StopServiceDeploymentRequest__Output {
  'serviceDeploymentArn'?: (string);
  'stopType'?: (string);
}
