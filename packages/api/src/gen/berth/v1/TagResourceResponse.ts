// Original file: protos/berth/v1/ecs.proto


export interface TagResourceResponse {
}

export interface TagResourceResponse__Output {
}
