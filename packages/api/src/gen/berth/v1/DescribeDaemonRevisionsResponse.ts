// Original file: protos/berth/v1/ecs.proto

import type { DaemonRevision as _berth_v1_DaemonRevision, DaemonRevision__Output as _berth_v1_DaemonRevision__Output } from '../../berth/v1/DaemonRevision.js';
import type { Failure as _berth_v1_Failure, Failure__Output as _berth_v1_Failure__Output } from '../../berth/v1/Failure.js';

export interface DescribeDaemonRevisionsResponse {
  'daemonRevisions'?: (_berth_v1_DaemonRevision)[];
  'failures'?: (_berth_v1_Failure)[];
  'berthPresentMembers'?: (string)[];
}

export interface DescribeDaemonRevisionsResponse__Output {
  'daemonRevisions'?: (_berth_v1_DaemonRevision__Output)[];
  'failures'?: (_berth_v1_Failure__Output)[];
  'berthPresentMembers'?: (string)[];
}
