// Original file: protos/berth/v1/ecs.proto


export interface ListAccountSettingsRequest {
  'name'?: (string);
  'value'?: (string);
  'principalArn'?: (string);
  'effectiveSettings'?: (boolean);
  'nextToken'?: (string);
  'maxResults'?: (number);
  '_name'?: "name";
  '_value'?: "value";
  '_principalArn'?: "principalArn";
  '_effectiveSettings'?: "effectiveSettings";
  '_nextToken'?: "nextToken";
  '_maxResults'?: "maxResults";
}

export interface ListAccountSettingsRequest__Output {
  'name'?: (string);
  'value'?: (string);
  'principalArn'?: (string);
  'effectiveSettings'?: (boolean);
  'nextToken'?: (string);
  'maxResults'?: (number);
}
