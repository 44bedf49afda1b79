// Original file: protos/berth/v1/ecs.proto


export interface Failure {
  'arn'?: (string);
  'reason'?: (string);
  'detail'?: (string);
  '_arn'?: "arn";
  '_reason'?: "reason";
  '_detail'?: "detail";
}

export interface Failure__Output {
  'arn'?: (string);
  'reason'?: (string);
  'detail'?: (string);
}
