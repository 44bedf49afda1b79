// Original file: protos/berth/v1/ecs.proto


export interface ListDaemonTaskDefinitionsRequest {
  'familyPrefix'?: (string);
  'family'?: (string);
  'revision'?: (string);
  'status'?: (string);
  'sort'?: (string);
  'nextToken'?: (string);
  'maxResults'?: (number);
  '_familyPrefix'?: "familyPrefix";
  '_family'?: "family";
  '_revision'?: "revision";
  '_status'?: "status";
  '_sort'?: "sort";
  '_nextToken'?: "nextToken";
  '_maxResults'?: "maxResults";
}

export interface ListDaemonTaskDefinitionsRequest__Output {
  'familyPrefix'?: (string);
  'family'?: (string);
  'revision'?: (string);
  'status'?: (string);
  'sort'?: (string);
  'nextToken'?: (string);
  'maxResults'?: (number);
}
