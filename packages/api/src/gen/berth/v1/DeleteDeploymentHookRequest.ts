// Original file: protos/berth/v1/deployment-hooks.proto


export interface DeleteDeploymentHookRequest {
  'name'?: (string);
  '_name'?: "name";
}

export interface DeleteDeploymentHookRequest__Output {
  'name'?: (string);
}
