// Original file: protos/berth/v1/ecs.proto

import type { TaskDefinition as _berth_v1_TaskDefinition, TaskDefinition__Output as _berth_v1_TaskDefinition__Output } from '../../berth/v1/TaskDefinition.js';

export interface DeregisterTaskDefinitionResponse {
  'taskDefinition'?: (_berth_v1_TaskDefinition | null);
}

export interface DeregisterTaskDefinitionResponse__Output {
  'taskDefinition'?: (_berth_v1_TaskDefinition__Output);
}
