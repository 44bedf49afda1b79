// Original file: protos/berth/v1/ecs.proto


export interface DescribeClustersRequest {
  'clusters'?: (string)[];
  'include'?: (string)[];
  'berthPresentMembers'?: (string)[];
}

export interface DescribeClustersRequest__Output {
  'clusters'?: (string)[];
  'include'?: (string)[];
  'berthPresentMembers'?: (string)[];
}
