// Original file: protos/berth/v1/ecs.proto

import type { DaemonTaskDefinition as _berth_v1_DaemonTaskDefinition, DaemonTaskDefinition__Output as _berth_v1_DaemonTaskDefinition__Output } from '../../berth/v1/DaemonTaskDefinition.js';

export interface DescribeDaemonTaskDefinitionResponse {
  'daemonTaskDefinition'?: (_berth_v1_DaemonTaskDefinition | null);
}

export interface DescribeDaemonTaskDefinitionResponse__Output {
  'daemonTaskDefinition'?: (_berth_v1_DaemonTaskDefinition__Output);
}
