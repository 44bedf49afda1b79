// Original file: protos/berth/v1/ecs.proto


export interface DeleteTaskDefinitionsRequest {
  'taskDefinitions'?: (string)[];
  'berthPresentMembers'?: (string)[];
}

export interface DeleteTaskDefinitionsRequest__Output {
  'taskDefinitions'?: (string)[];
  'berthPresentMembers'?: (string)[];
}
