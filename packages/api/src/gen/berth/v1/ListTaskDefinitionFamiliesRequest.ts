// Original file: protos/berth/v1/ecs.proto


export interface ListTaskDefinitionFamiliesRequest {
  'familyPrefix'?: (string);
  'status'?: (string);
  'nextToken'?: (string);
  'maxResults'?: (number);
  '_familyPrefix'?: "familyPrefix";
  '_status'?: "status";
  '_nextToken'?: "nextToken";
  '_maxResults'?: "maxResults";
}

export interface ListTaskDefinitionFamiliesRequest__Output {
  'familyPrefix'?: (string);
  'status'?: (string);
  'nextToken'?: (string);
  'maxResults'?: (number);
}
