// Original file: protos/berth/v1/ecs.proto


export interface DeleteTaskDefinitionsRequest {
  'taskDefinitions'?: (string)[];
}

export interface DeleteTaskDefinitionsRequest__Output {
  'taskDefinitions'?: (string)[];
}
