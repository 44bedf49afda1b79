// Original file: protos/berth/v1/ecs.proto

import type { DaemonTaskDefinitionSummary as _berth_v1_DaemonTaskDefinitionSummary, DaemonTaskDefinitionSummary__Output as _berth_v1_DaemonTaskDefinitionSummary__Output } from '../../berth/v1/DaemonTaskDefinitionSummary.js';

export interface ListDaemonTaskDefinitionsResponse {
  'daemonTaskDefinitions'?: (_berth_v1_DaemonTaskDefinitionSummary)[];
  'nextToken'?: (string);
  'berthPresentMembers'?: (string)[];
  '_nextToken'?: "nextToken";
}

export interface ListDaemonTaskDefinitionsResponse__Output {
  'daemonTaskDefinitions'?: (_berth_v1_DaemonTaskDefinitionSummary__Output)[];
  'nextToken'?: (string);
  'berthPresentMembers'?: (string)[];
}
