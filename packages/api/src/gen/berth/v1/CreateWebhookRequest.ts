// Original file: protos/berth/v1/invoking.proto


export interface CreateWebhookRequest {
  'name'?: (string);
  'eventBusName'?: (string);
  'description'?: (string);
  '_name'?: "name";
  '_eventBusName'?: "eventBusName";
  '_description'?: "description";
}

export interface CreateWebhookRequest__Output {
  'name'?: (string);
  'eventBusName'?: (string);
  'description'?: (string);
}
