// Original file: protos/berth/v1/ecs.proto


export interface DescribeDaemonTaskDefinitionRequest {
  'daemonTaskDefinition'?: (string);
  '_daemonTaskDefinition'?: "daemonTaskDefinition";
}

export interface DescribeDaemonTaskDefinitionRequest__Output {
  'daemonTaskDefinition'?: (string);
}
