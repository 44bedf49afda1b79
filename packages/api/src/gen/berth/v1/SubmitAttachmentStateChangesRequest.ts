// Original file: protos/berth/v1/ecs.proto

import type { AttachmentStateChange as _berth_v1_AttachmentStateChange, AttachmentStateChange__Output as _berth_v1_AttachmentStateChange__Output } from '../../berth/v1/AttachmentStateChange.js';

export interface SubmitAttachmentStateChangesRequest {
  'cluster'?: (string);
  'attachments'?: (_berth_v1_AttachmentStateChange)[];
  'berthPresentMembers'?: (string)[];
  '_cluster'?: "cluster";
}

export interface SubmitAttachmentStateChangesRequest__Output {
  'cluster'?: (string);
  'attachments'?: (_berth_v1_AttachmentStateChange__Output)[];
  'berthPresentMembers'?: (string)[];
}
