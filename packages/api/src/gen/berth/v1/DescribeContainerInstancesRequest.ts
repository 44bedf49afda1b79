// Original file: protos/berth/v1/ecs.proto


export interface DescribeContainerInstancesRequest {
  'cluster'?: (string);
  'containerInstances'?: (string)[];
  'include'?: (string)[];
  'berthPresentMembers'?: (string)[];
  '_cluster'?: "cluster";
}

export interface DescribeContainerInstancesRequest__Output {
  'cluster'?: (string);
  'containerInstances'?: (string)[];
  'include'?: (string)[];
  'berthPresentMembers'?: (string)[];
}
