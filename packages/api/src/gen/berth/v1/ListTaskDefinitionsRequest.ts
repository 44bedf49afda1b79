// Original file: protos/berth/v1/ecs.proto


export interface ListTaskDefinitionsRequest {
  'familyPrefix'?: (string);
  'status'?: (string);
  'sort'?: (string);
  'nextToken'?: (string);
  'maxResults'?: (number);
  '_familyPrefix'?: "familyPrefix";
  '_status'?: "status";
  '_sort'?: "sort";
  '_nextToken'?: "nextToken";
  '_maxResults'?: "maxResults";
}

export interface ListTaskDefinitionsRequest__Output {
  'familyPrefix'?: (string);
  'status'?: (string);
  'sort'?: (string);
  'nextToken'?: (string);
  'maxResults'?: (number);
}
