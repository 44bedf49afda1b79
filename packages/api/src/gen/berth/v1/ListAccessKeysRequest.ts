// Original file: protos/berth/v1/iam.proto


export interface ListAccessKeysRequest {
}

export interface ListAccessKeysRequest__Output {
}
