// Original file: protos/berth/v1/deployment-hooks.proto


export interface ListDeploymentHooksRequest {
  'names'?: (string)[];
}

export interface ListDeploymentHooksRequest__Output {
  'names'?: (string)[];
}
