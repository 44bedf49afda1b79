// Original file: protos/berth/v1/ecs.proto


export interface DescribeTasksRequest {
  'cluster'?: (string);
  'tasks'?: (string)[];
  'include'?: (string)[];
  'berthPresentMembers'?: (string)[];
  '_cluster'?: "cluster";
}

export interface DescribeTasksRequest__Output {
  'cluster'?: (string);
  'tasks'?: (string)[];
  'include'?: (string)[];
  'berthPresentMembers'?: (string)[];
}
