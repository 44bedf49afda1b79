// Original file: protos/berth/v1/ecs.proto


export interface DeploymentController {
  'type'?: (string);
  '_type'?: "type";
}

export interface DeploymentController__Output {
  'type'?: (string);
}
