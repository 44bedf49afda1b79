// Original file: protos/berth/v1/deployment-hooks.proto


export interface DeleteDeploymentHookResponse {
}

export interface DeleteDeploymentHookResponse__Output {
}
