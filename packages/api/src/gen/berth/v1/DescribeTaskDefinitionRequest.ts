// Original file: protos/berth/v1/ecs.proto


export interface DescribeTaskDefinitionRequest {
  'taskDefinition'?: (string);
  'include'?: (string)[];
  'berthPresentMembers'?: (string)[];
  '_taskDefinition'?: "taskDefinition";
}

export interface DescribeTaskDefinitionRequest__Output {
  'taskDefinition'?: (string);
  'include'?: (string)[];
  'berthPresentMembers'?: (string)[];
}
