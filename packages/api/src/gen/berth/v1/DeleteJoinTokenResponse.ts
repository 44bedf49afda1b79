// Original file: protos/berth/v1/fleet.proto


export interface DeleteJoinTokenResponse {
}

export interface DeleteJoinTokenResponse__Output {
}
