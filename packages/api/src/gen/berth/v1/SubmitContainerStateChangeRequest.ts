// Original file: protos/berth/v1/ecs.proto

import type { NetworkBinding as _berth_v1_NetworkBinding, NetworkBinding__Output as _berth_v1_NetworkBinding__Output } from '../../berth/v1/NetworkBinding.js';

export interface SubmitContainerStateChangeRequest {
  'cluster'?: (string);
  'task'?: (string);
  'containerName'?: (string);
  'runtimeId'?: (string);
  'status'?: (string);
  'exitCode'?: (number);
  'reason'?: (string);
  'networkBindings'?: (_berth_v1_NetworkBinding)[];
  'berthPresentMembers'?: (string)[];
  '_cluster'?: "cluster";
  '_task'?: "task";
  '_containerName'?: "containerName";
  '_runtimeId'?: "runtimeId";
  '_status'?: "status";
  '_exitCode'?: "exitCode";
  '_reason'?: "reason";
}

export interface SubmitContainerStateChangeRequest__Output {
  'cluster'?: (string);
  'task'?: (string);
  'containerName'?: (string);
  'runtimeId'?: (string);
  'status'?: (string);
  'exitCode'?: (number);
  'reason'?: (string);
  'networkBindings'?: (_berth_v1_NetworkBinding__Output)[];
  'berthPresentMembers'?: (string)[];
}
