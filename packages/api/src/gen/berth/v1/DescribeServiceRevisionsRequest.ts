// Original file: protos/berth/v1/ecs.proto


export interface DescribeServiceRevisionsRequest {
  'serviceRevisionArns'?: (string)[];
  'berthPresentMembers'?: (string)[];
}

export interface DescribeServiceRevisionsRequest__Output {
  'serviceRevisionArns'?: (string)[];
  'berthPresentMembers'?: (string)[];
}
