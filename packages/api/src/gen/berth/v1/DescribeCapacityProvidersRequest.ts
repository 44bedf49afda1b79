// Original file: protos/berth/v1/ecs.proto


export interface DescribeCapacityProvidersRequest {
  'capacityProviders'?: (string)[];
  'cluster'?: (string);
  'include'?: (string)[];
  'maxResults'?: (number);
  'nextToken'?: (string);
  'berthPresentMembers'?: (string)[];
  '_cluster'?: "cluster";
  '_maxResults'?: "maxResults";
  '_nextToken'?: "nextToken";
}

export interface DescribeCapacityProvidersRequest__Output {
  'capacityProviders'?: (string)[];
  'cluster'?: (string);
  'include'?: (string)[];
  'maxResults'?: (number);
  'nextToken'?: (string);
  'berthPresentMembers'?: (string)[];
}
