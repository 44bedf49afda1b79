// Original file: protos/berth/v1/ecs.proto


export interface ClusterServiceConnectDefaults {
  'namespace'?: (string);
  '_namespace'?: "namespace";
}

export interface ClusterServiceConnectDefaults__Output {
  'namespace'?: (string);
}
