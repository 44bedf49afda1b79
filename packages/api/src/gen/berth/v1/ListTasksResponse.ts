// Original file: protos/berth/v1/ecs.proto


export interface ListTasksResponse {
  'taskArns'?: (string)[];
  'nextToken'?: (string);
  'berthPresentMembers'?: (string)[];
  '_nextToken'?: "nextToken";
}

export interface ListTasksResponse__Output {
  'taskArns'?: (string)[];
  'nextToken'?: (string);
  'berthPresentMembers'?: (string)[];
}
