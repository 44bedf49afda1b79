// Original file: protos/berth/v1/ecs.proto


export interface RegisterDaemonTaskDefinitionResponse {
  'daemonTaskDefinitionArn'?: (string);
  '_daemonTaskDefinitionArn'?: "daemonTaskDefinitionArn";
}

export interface RegisterDaemonTaskDefinitionResponse__Output {
  'daemonTaskDefinitionArn'?: (string);
}
