// Original file: protos/berth/v1/invoking.proto


export interface ListWebhooksRequest {
}

export interface ListWebhooksRequest__Output {
}
