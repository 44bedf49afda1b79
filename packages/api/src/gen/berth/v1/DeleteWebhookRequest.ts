// Original file: protos/berth/v1/invoking.proto


export interface DeleteWebhookRequest {
  'name'?: (string);
  '_name'?: "name";
}

export interface DeleteWebhookRequest__Output {
  'name'?: (string);
}
