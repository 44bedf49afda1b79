// Original file: protos/berth/v1/invoking.proto


export interface DeleteWebhookResponse {
}

export interface DeleteWebhookResponse__Output {
}
