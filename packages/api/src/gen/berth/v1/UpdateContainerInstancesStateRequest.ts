// Original file: protos/berth/v1/ecs.proto


export interface UpdateContainerInstancesStateRequest {
  'cluster'?: (string);
  'containerInstances'?: (string)[];
  'status'?: (string);
  'berthPresentMembers'?: (string)[];
  '_cluster'?: "cluster";
  '_status'?: "status";
}

export interface UpdateContainerInstancesStateRequest__Output {
  'cluster'?: (string);
  'containerInstances'?: (string)[];
  'status'?: (string);
  'berthPresentMembers'?: (string)[];
}
