// Original file: protos/berth/v1/agent.proto

import type { TaskAssignment as _berth_v1_TaskAssignment, TaskAssignment__Output as _berth_v1_TaskAssignment__Output } from '../../berth/v1/TaskAssignment.js';
import type { Long } from '@grpc/proto-loader';

export interface AssignmentBatch {
  'seq'?: (number | string | Long);
  'full'?: (boolean);
  'tasks'?: (_berth_v1_TaskAssignment)[];
  'removedTaskArns'?: (string)[];
  '_seq'?: "seq";
  '_full'?: "full";
}

export interface AssignmentBatch__Output {
  'seq'?: (string);
  'full'?: (boolean);
  'tasks'?: (_berth_v1_TaskAssignment__Output)[];
  'removedTaskArns'?: (string)[];
}
