// Original file: protos/berth/v1/agent.proto

import type { Task as _berth_v1_Task, Task__Output as _berth_v1_Task__Output } from '../../berth/v1/Task.js';
import type { TaskDefinition as _berth_v1_TaskDefinition, TaskDefinition__Output as _berth_v1_TaskDefinition__Output } from '../../berth/v1/TaskDefinition.js';

export interface TaskAssignment {
  'task'?: (_berth_v1_Task | null);
  'taskDefinition'?: (_berth_v1_TaskDefinition | null);
}

export interface TaskAssignment__Output {
  'task'?: (_berth_v1_Task__Output);
  'taskDefinition'?: (_berth_v1_TaskDefinition__Output);
}
