// Original file: protos/berth/v1/ecs.proto


export interface ListTaskDefinitionsResponse {
  'taskDefinitionArns'?: (string)[];
  'nextToken'?: (string);
  'berthPresentMembers'?: (string)[];
  '_nextToken'?: "nextToken";
}

export interface ListTaskDefinitionsResponse__Output {
  'taskDefinitionArns'?: (string)[];
  'nextToken'?: (string);
  'berthPresentMembers'?: (string)[];
}
