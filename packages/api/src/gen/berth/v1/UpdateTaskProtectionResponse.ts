// Original file: protos/berth/v1/ecs.proto

import type { ProtectedTask as _berth_v1_ProtectedTask, ProtectedTask__Output as _berth_v1_ProtectedTask__Output } from '../../berth/v1/ProtectedTask.js';
import type { Failure as _berth_v1_Failure, Failure__Output as _berth_v1_Failure__Output } from '../../berth/v1/Failure.js';

export interface UpdateTaskProtectionResponse {
  'protectedTasks'?: (_berth_v1_ProtectedTask)[];
  'failures'?: (_berth_v1_Failure)[];
  'berthPresentMembers'?: (string)[];
}

export interface UpdateTaskProtectionResponse__Output {
  'protectedTasks'?: (_berth_v1_ProtectedTask__Output)[];
  'failures'?: (_berth_v1_Failure__Output)[];
  'berthPresentMembers'?: (string)[];
}
