// Original file: protos/berth/v1/ecs.proto


export interface DescribeTaskSetsRequest {
  'cluster'?: (string);
  'service'?: (string);
  'taskSets'?: (string)[];
  'include'?: (string)[];
  'berthPresentMembers'?: (string)[];
  '_cluster'?: "cluster";
  '_service'?: "service";
}

export interface DescribeTaskSetsRequest__Output {
  'cluster'?: (string);
  'service'?: (string);
  'taskSets'?: (string)[];
  'include'?: (string)[];
  'berthPresentMembers'?: (string)[];
}
