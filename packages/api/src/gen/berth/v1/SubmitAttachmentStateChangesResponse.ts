// Original file: protos/berth/v1/ecs.proto


export interface SubmitAttachmentStateChangesResponse {
  'acknowledgment'?: (string);
  '_acknowledgment'?: "acknowledgment";
}

export interface SubmitAttachmentStateChangesResponse__Output {
  'acknowledgment'?: (string);
}
