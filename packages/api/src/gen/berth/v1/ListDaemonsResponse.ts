// Original file: protos/berth/v1/ecs.proto

import type { DaemonSummary as _berth_v1_DaemonSummary, DaemonSummary__Output as _berth_v1_DaemonSummary__Output } from '../../berth/v1/DaemonSummary.js';

export interface ListDaemonsResponse {
  'daemonSummariesList'?: (_berth_v1_DaemonSummary)[];
  'nextToken'?: (string);
  'berthPresentMembers'?: (string)[];
  '_nextToken'?: "nextToken";
}

export interface ListDaemonsResponse__Output {
  'daemonSummariesList'?: (_berth_v1_DaemonSummary__Output)[];
  'nextToken'?: (string);
  'berthPresentMembers'?: (string)[];
}
