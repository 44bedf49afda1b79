// Original file: protos/berth/v1/ecs.proto


export interface ListServicesResponse {
  'serviceArns'?: (string)[];
  'nextToken'?: (string);
  'berthPresentMembers'?: (string)[];
  '_nextToken'?: "nextToken";
}

export interface ListServicesResponse__Output {
  'serviceArns'?: (string)[];
  'nextToken'?: (string);
  'berthPresentMembers'?: (string)[];
}
