// Original file: protos/berth/v1/ecs.proto


export interface ListClustersRequest {
  'nextToken'?: (string);
  'maxResults'?: (number);
  '_nextToken'?: "nextToken";
  '_maxResults'?: "maxResults";
}

export interface ListClustersRequest__Output {
  'nextToken'?: (string);
  'maxResults'?: (number);
}
