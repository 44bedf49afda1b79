// Original file: protos/berth/v1/ecs.proto


export interface UntagResourceResponse {
}

export interface UntagResourceResponse__Output {
}
