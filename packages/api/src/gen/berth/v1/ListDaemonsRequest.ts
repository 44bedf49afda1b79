// Original file: protos/berth/v1/ecs.proto


export interface ListDaemonsRequest {
  'clusterArn'?: (string);
  'capacityProviderArns'?: (string)[];
  'maxResults'?: (number);
  'nextToken'?: (string);
  'berthPresentMembers'?: (string)[];
  '_clusterArn'?: "clusterArn";
  '_maxResults'?: "maxResults";
  '_nextToken'?: "nextToken";
}

export interface ListDaemonsRequest__Output {
  'clusterArn'?: (string);
  'capacityProviderArns'?: (string)[];
  'maxResults'?: (number);
  'nextToken'?: (string);
  'berthPresentMembers'?: (string)[];
}
