// Original file: protos/berth/v1/iam.proto


export interface DeleteAccessKeyResponse {
}

export interface DeleteAccessKeyResponse__Output {
}
