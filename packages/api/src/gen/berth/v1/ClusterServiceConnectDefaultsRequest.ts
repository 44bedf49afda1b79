// Original file: protos/berth/v1/ecs.proto


export interface ClusterServiceConnectDefaultsRequest {
  'namespace'?: (string);
  '_namespace'?: "namespace";
}

export interface ClusterServiceConnectDefaultsRequest__Output {
  'namespace'?: (string);
}
