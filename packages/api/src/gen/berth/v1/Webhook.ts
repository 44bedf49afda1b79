// Original file: protos/berth/v1/invoking.proto


export interface Webhook {
  'name'?: (string);
  'arn'?: (string);
  'eventBusName'?: (string);
  'url'?: (string);
  'description'?: (string);
  'createdAt'?: (number | string);
  '_name'?: "name";
  '_arn'?: "arn";
  '_eventBusName'?: "eventBusName";
  '_url'?: "url";
  '_description'?: "description";
  '_createdAt'?: "createdAt";
}

export interface Webhook__Output {
  'name'?: (string);
  'arn'?: (string);
  'eventBusName'?: (string);
  'url'?: (string);
  'description'?: (string);
  'createdAt'?: (number);
}
