// Original file: protos/berth/v1/ecs.proto

import type { TaskDefinition as _berth_v1_TaskDefinition, TaskDefinition__Output as _berth_v1_TaskDefinition__Output } from '../../berth/v1/TaskDefinition.js';
import type { Tag as _berth_v1_Tag, Tag__Output as _berth_v1_Tag__Output } from '../../berth/v1/Tag.js';

export interface RegisterTaskDefinitionResponse {
  'taskDefinition'?: (_berth_v1_TaskDefinition | null);
  'tags'?: (_berth_v1_Tag)[];
  'berthPresentMembers'?: (string)[];
}

export interface RegisterTaskDefinitionResponse__Output {
  'taskDefinition'?: (_berth_v1_TaskDefinition__Output);
  'tags'?: (_berth_v1_Tag__Output)[];
  'berthPresentMembers'?: (string)[];
}
