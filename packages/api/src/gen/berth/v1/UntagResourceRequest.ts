// Original file: protos/berth/v1/ecs.proto


export interface UntagResourceRequest {
  'resourceArn'?: (string);
  'tagKeys'?: (string)[];
  'berthPresentMembers'?: (string)[];
  '_resourceArn'?: "resourceArn";
}

export interface UntagResourceRequest__Output {
  'resourceArn'?: (string);
  'tagKeys'?: (string)[];
  'berthPresentMembers'?: (string)[];
}
