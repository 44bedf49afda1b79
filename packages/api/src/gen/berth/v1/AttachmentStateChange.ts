// Original file: protos/berth/v1/ecs.proto


export interface AttachmentStateChange {
  'attachmentArn'?: (string);
  'status'?: (string);
  '_attachmentArn'?: "attachmentArn";
  '_status'?: "status";
}

export interface AttachmentStateChange__Output {
  'attachmentArn'?: (string);
  'status'?: (string);
}
