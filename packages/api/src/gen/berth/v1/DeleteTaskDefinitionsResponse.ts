// Original file: protos/berth/v1/ecs.proto

import type { TaskDefinition as _berth_v1_TaskDefinition, TaskDefinition__Output as _berth_v1_TaskDefinition__Output } from '../../berth/v1/TaskDefinition.js';
import type { Failure as _berth_v1_Failure, Failure__Output as _berth_v1_Failure__Output } from '../../berth/v1/Failure.js';

export interface DeleteTaskDefinitionsResponse {
  'taskDefinitions'?: (_berth_v1_TaskDefinition)[];
  'failures'?: (_berth_v1_Failure)[];
  'berthPresentMembers'?: (string)[];
}

export interface DeleteTaskDefinitionsResponse__Output {
  'taskDefinitions'?: (_berth_v1_TaskDefinition__Output)[];
  'failures'?: (_berth_v1_Failure__Output)[];
  'berthPresentMembers'?: (string)[];
}
