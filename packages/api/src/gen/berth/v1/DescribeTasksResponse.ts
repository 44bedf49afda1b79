// Original file: protos/berth/v1/ecs.proto

import type { Task as _berth_v1_Task, Task__Output as _berth_v1_Task__Output } from '../../berth/v1/Task.js';
import type { Failure as _berth_v1_Failure, Failure__Output as _berth_v1_Failure__Output } from '../../berth/v1/Failure.js';

export interface DescribeTasksResponse {
  'tasks'?: (_berth_v1_Task)[];
  'failures'?: (_berth_v1_Failure)[];
  'berthPresentMembers'?: (string)[];
}

export interface DescribeTasksResponse__Output {
  'tasks'?: (_berth_v1_Task__Output)[];
  'failures'?: (_berth_v1_Failure__Output)[];
  'berthPresentMembers'?: (string)[];
}
