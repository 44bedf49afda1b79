// Original file: protos/berth/v1/ecs.proto

import type { ServiceRevision as _berth_v1_ServiceRevision, ServiceRevision__Output as _berth_v1_ServiceRevision__Output } from '../../berth/v1/ServiceRevision.js';
import type { Failure as _berth_v1_Failure, Failure__Output as _berth_v1_Failure__Output } from '../../berth/v1/Failure.js';

export interface DescribeServiceRevisionsResponse {
  'serviceRevisions'?: (_berth_v1_ServiceRevision)[];
  'failures'?: (_berth_v1_Failure)[];
  'berthPresentMembers'?: (string)[];
}

export interface DescribeServiceRevisionsResponse__Output {
  'serviceRevisions'?: (_berth_v1_ServiceRevision__Output)[];
  'failures'?: (_berth_v1_Failure__Output)[];
  'berthPresentMembers'?: (string)[];
}
