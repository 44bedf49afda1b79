// Original file: protos/berth/v1/ecs.proto


export interface DescribeServicesRequest {
  'cluster'?: (string);
  'services'?: (string)[];
  'include'?: (string)[];
  'berthPresentMembers'?: (string)[];
  '_cluster'?: "cluster";
}

export interface DescribeServicesRequest__Output {
  'cluster'?: (string);
  'services'?: (string)[];
  'include'?: (string)[];
  'berthPresentMembers'?: (string)[];
}
