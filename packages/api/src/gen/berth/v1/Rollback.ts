// Original file: protos/berth/v1/ecs.proto


export interface Rollback {
  'reason'?: (string);
  'startedAt'?: (number | string);
  'serviceRevisionArn'?: (string);
  '_reason'?: "reason";
  '_startedAt'?: "startedAt";
  '_serviceRevisionArn'?: "serviceRevisionArn";
}

export interface Rollback__Output {
  'reason'?: (string);
  'startedAt'?: (number);
  'serviceRevisionArn'?: (string);
}
