// Original file: protos/berth/v1/ecs.proto


export interface HookDetails {
}

export interface HookDetails__Output {
}
