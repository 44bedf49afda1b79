// Original file: protos/berth/v1/ecs.proto


export interface DeleteDaemonTaskDefinitionResponse {
  'daemonTaskDefinitionArn'?: (string);
  '_daemonTaskDefinitionArn'?: "daemonTaskDefinitionArn";
}

export interface DeleteDaemonTaskDefinitionResponse__Output {
  'daemonTaskDefinitionArn'?: (string);
}
