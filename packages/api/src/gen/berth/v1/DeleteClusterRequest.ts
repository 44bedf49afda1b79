// Original file: protos/berth/v1/ecs.proto


export interface DeleteClusterRequest {
  'cluster'?: (string);
  '_cluster'?: "cluster";
}

export interface DeleteClusterRequest__Output {
  'cluster'?: (string);
}
