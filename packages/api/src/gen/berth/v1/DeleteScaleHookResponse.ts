// Original file: protos/berth/v1/capacity.proto


export interface DeleteScaleHookResponse {
}

export interface DeleteScaleHookResponse__Output {
}
