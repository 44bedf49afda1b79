// Original file: protos/berth/v1/ecs.proto


export interface ContinueServiceDeploymentRequest {
  'serviceDeploymentArn'?: (string);
  'hookId'?: (string);
  'action'?: (string);
  '_serviceDeploymentArn'?: "serviceDeploymentArn";
  '_hookId'?: "hookId";
  '_action'?: "action";
}

export interface ContinueServiceDeploymentRequest__Output {
  'serviceDeploymentArn'?: (string);
  'hookId'?: (string);
  'action'?: (string);
}
