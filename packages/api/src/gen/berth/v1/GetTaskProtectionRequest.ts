// Original file: protos/berth/v1/ecs.proto


export interface GetTaskProtectionRequest {
  'cluster'?: (string);
  'tasks'?: (string)[];
  'berthPresentMembers'?: (string)[];
  '_cluster'?: "cluster";
}

export interface GetTaskProtectionRequest__Output {
  'cluster'?: (string);
  'tasks'?: (string)[];
  'berthPresentMembers'?: (string)[];
}
