// Original file: protos/berth/v1/ecs.proto


export interface ContainerDependency {
  'containerName'?: (string);
  'condition'?: (string);
  '_containerName'?: "containerName";
  '_condition'?: "condition";
}

export interface ContainerDependency__Output {
  'containerName'?: (string);
  'condition'?: (string);
}
