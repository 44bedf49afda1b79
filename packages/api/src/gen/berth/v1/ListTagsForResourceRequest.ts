// Original file: protos/berth/v1/ecs.proto


export interface ListTagsForResourceRequest {
  'resourceArn'?: (string);
  '_resourceArn'?: "resourceArn";
}

export interface ListTagsForResourceRequest__Output {
  'resourceArn'?: (string);
}
