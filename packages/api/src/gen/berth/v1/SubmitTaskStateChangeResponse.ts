// Original file: protos/berth/v1/ecs.proto


export interface SubmitTaskStateChangeResponse {
  'acknowledgment'?: (string);
  '_acknowledgment'?: "acknowledgment";
}

export interface SubmitTaskStateChangeResponse__Output {
  'acknowledgment'?: (string);
}
