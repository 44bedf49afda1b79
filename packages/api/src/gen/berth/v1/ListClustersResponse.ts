// Original file: protos/berth/v1/ecs.proto


export interface ListClustersResponse {
  'clusterArns'?: (string)[];
  'nextToken'?: (string);
  'berthPresentMembers'?: (string)[];
  '_nextToken'?: "nextToken";
}

export interface ListClustersResponse__Output {
  'clusterArns'?: (string)[];
  'nextToken'?: (string);
  'berthPresentMembers'?: (string)[];
}
