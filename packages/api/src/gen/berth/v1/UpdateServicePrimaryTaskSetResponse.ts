// Original file: protos/berth/v1/ecs.proto

import type { TaskSet as _berth_v1_TaskSet, TaskSet__Output as _berth_v1_TaskSet__Output } from '../../berth/v1/TaskSet.js';

export interface UpdateServicePrimaryTaskSetResponse {
  'taskSet'?: (_berth_v1_TaskSet | null);
}

export interface UpdateServicePrimaryTaskSetResponse__Output {
  'taskSet'?: (_berth_v1_TaskSet__Output);
}
