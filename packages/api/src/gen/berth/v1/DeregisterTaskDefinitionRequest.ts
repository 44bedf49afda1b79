// Original file: protos/berth/v1/ecs.proto


export interface DeregisterTaskDefinitionRequest {
  'taskDefinition'?: (string);
  '_taskDefinition'?: "taskDefinition";
}

export interface DeregisterTaskDefinitionRequest__Output {
  'taskDefinition'?: (string);
}
