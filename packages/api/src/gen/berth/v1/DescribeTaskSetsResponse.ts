// Original file: protos/berth/v1/ecs.proto

import type { TaskSet as _berth_v1_TaskSet, TaskSet__Output as _berth_v1_TaskSet__Output } from '../../berth/v1/TaskSet.js';
import type { Failure as _berth_v1_Failure, Failure__Output as _berth_v1_Failure__Output } from '../../berth/v1/Failure.js';

export interface DescribeTaskSetsResponse {
  'taskSets'?: (_berth_v1_TaskSet)[];
  'failures'?: (_berth_v1_Failure)[];
  'berthPresentMembers'?: (string)[];
}

export interface DescribeTaskSetsResponse__Output {
  'taskSets'?: (_berth_v1_TaskSet__Output)[];
  'failures'?: (_berth_v1_Failure__Output)[];
  'berthPresentMembers'?: (string)[];
}
