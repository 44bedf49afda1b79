// Original file: protos/berth/v1/ecs.proto

import type { NetworkBinding as _berth_v1_NetworkBinding, NetworkBinding__Output as _berth_v1_NetworkBinding__Output } from '../../berth/v1/NetworkBinding.js';

export interface ContainerStateChange {
  'containerName'?: (string);
  'imageDigest'?: (string);
  'runtimeId'?: (string);
  'exitCode'?: (number);
  'networkBindings'?: (_berth_v1_NetworkBinding)[];
  'reason'?: (string);
  'status'?: (string);
  'berthPresentMembers'?: (string)[];
  '_containerName'?: "containerName";
  '_imageDigest'?: "imageDigest";
  '_runtimeId'?: "runtimeId";
  '_exitCode'?: "exitCode";
  '_reason'?: "reason";
  '_status'?: "status";
}

export interface ContainerStateChange__Output {
  'containerName'?: (string);
  'imageDigest'?: (string);
  'runtimeId'?: (string);
  'exitCode'?: (number);
  'networkBindings'?: (_berth_v1_NetworkBinding__Output)[];
  'reason'?: (string);
  'status'?: (string);
  'berthPresentMembers'?: (string)[];
}
