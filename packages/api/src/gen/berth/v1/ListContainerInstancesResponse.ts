// Original file: protos/berth/v1/ecs.proto


export interface ListContainerInstancesResponse {
  'containerInstanceArns'?: (string)[];
  'nextToken'?: (string);
  'berthPresentMembers'?: (string)[];
  '_nextToken'?: "nextToken";
}

export interface ListContainerInstancesResponse__Output {
  'containerInstanceArns'?: (string)[];
  'nextToken'?: (string);
  'berthPresentMembers'?: (string)[];
}
