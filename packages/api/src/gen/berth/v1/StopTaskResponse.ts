// Original file: protos/berth/v1/ecs.proto

import type { Task as _berth_v1_Task, Task__Output as _berth_v1_Task__Output } from '../../berth/v1/Task.js';

export interface StopTaskResponse {
  'task'?: (_berth_v1_Task | null);
}

export interface StopTaskResponse__Output {
  'task'?: (_berth_v1_Task__Output);
}
