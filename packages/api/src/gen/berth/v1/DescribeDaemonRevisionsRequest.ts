// Original file: protos/berth/v1/ecs.proto


export interface DescribeDaemonRevisionsRequest {
  'daemonRevisionArns'?: (string)[];
  'berthPresentMembers'?: (string)[];
}

export interface DescribeDaemonRevisionsRequest__Output {
  'daemonRevisionArns'?: (string)[];
  'berthPresentMembers'?: (string)[];
}
