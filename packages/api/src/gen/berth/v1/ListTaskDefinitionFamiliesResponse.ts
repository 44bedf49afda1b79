// Original file: protos/berth/v1/ecs.proto


export interface ListTaskDefinitionFamiliesResponse {
  'families'?: (string)[];
  'nextToken'?: (string);
  'berthPresentMembers'?: (string)[];
  '_nextToken'?: "nextToken";
}

export interface ListTaskDefinitionFamiliesResponse__Output {
  'families'?: (string)[];
  'nextToken'?: (string);
  'berthPresentMembers'?: (string)[];
}
