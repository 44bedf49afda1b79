// Original file: protos/berth/v1/ecs.proto


export interface DeleteDaemonTaskDefinitionRequest {
  'daemonTaskDefinition'?: (string);
  '_daemonTaskDefinition'?: "daemonTaskDefinition";
}

export interface DeleteDaemonTaskDefinitionRequest__Output {
  'daemonTaskDefinition'?: (string);
}
