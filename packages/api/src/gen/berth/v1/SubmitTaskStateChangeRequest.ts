// Original file: protos/berth/v1/ecs.proto

import type { ContainerStateChange as _berth_v1_ContainerStateChange, ContainerStateChange__Output as _berth_v1_ContainerStateChange__Output } from '../../berth/v1/ContainerStateChange.js';
import type { AttachmentStateChange as _berth_v1_AttachmentStateChange, AttachmentStateChange__Output as _berth_v1_AttachmentStateChange__Output } from '../../berth/v1/AttachmentStateChange.js';
import type { ManagedAgentStateChange as _berth_v1_ManagedAgentStateChange, ManagedAgentStateChange__Output as _berth_v1_ManagedAgentStateChange__Output } from '../../berth/v1/ManagedAgentStateChange.js';

export interface SubmitTaskStateChangeRequest {
  'cluster'?: (string);
  'task'?: (string);
  'status'?: (string);
  'reason'?: (string);
  'containers'?: (_berth_v1_ContainerStateChange)[];
  'attachments'?: (_berth_v1_AttachmentStateChange)[];
  'managedAgents'?: (_berth_v1_ManagedAgentStateChange)[];
  'pullStartedAt'?: (number | string);
  'pullStoppedAt'?: (number | string);
  'executionStoppedAt'?: (number | string);
  'berthPresentMembers'?: (string)[];
  '_cluster'?: "cluster";
  '_task'?: "task";
  '_status'?: "status";
  '_reason'?: "reason";
  '_pullStartedAt'?: "pullStartedAt";
  '_pullStoppedAt'?: "pullStoppedAt";
  '_executionStoppedAt'?: "executionStoppedAt";
}

export interface SubmitTaskStateChangeRequest__Output {
  'cluster'?: (string);
  'task'?: (string);
  'status'?: (string);
  'reason'?: (string);
  'containers'?: (_berth_v1_ContainerStateChange__Output)[];
  'attachments'?: (_berth_v1_AttachmentStateChange__Output)[];
  'managedAgents'?: (_berth_v1_ManagedAgentStateChange__Output)[];
  'pullStartedAt'?: (number);
  'pullStoppedAt'?: (number);
  'executionStoppedAt'?: (number);
  'berthPresentMembers'?: (string)[];
}
