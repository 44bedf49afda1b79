// Original file: protos/berth/v1/ecs.proto


export interface ListServicesByNamespaceResponse {
  'serviceArns'?: (string)[];
  'nextToken'?: (string);
  'berthPresentMembers'?: (string)[];
  '_nextToken'?: "nextToken";
}

export interface ListServicesByNamespaceResponse__Output {
  'serviceArns'?: (string)[];
  'nextToken'?: (string);
  'berthPresentMembers'?: (string)[];
}
