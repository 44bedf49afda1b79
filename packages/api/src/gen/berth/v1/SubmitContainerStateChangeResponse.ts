// Original file: protos/berth/v1/ecs.proto


export interface SubmitContainerStateChangeResponse {
  'acknowledgment'?: (string);
  '_acknowledgment'?: "acknowledgment";
}

export interface SubmitContainerStateChangeResponse__Output {
  'acknowledgment'?: (string);
}
