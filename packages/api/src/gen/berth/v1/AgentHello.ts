// Original file: protos/berth/v1/agent.proto

import type { VersionInfo as _berth_v1_VersionInfo, VersionInfo__Output as _berth_v1_VersionInfo__Output } from '../../berth/v1/VersionInfo.js';
import type { Long } from '@grpc/proto-loader';

export interface AgentHello {
  'protocolVersion'?: (number);
  'cluster'?: (string);
  'containerInstanceArn'?: (string);
  'versionInfo'?: (_berth_v1_VersionInfo | null);
  'lastSeq'?: (number | string | Long);
  '_protocolVersion'?: "protocolVersion";
  '_cluster'?: "cluster";
  '_containerInstanceArn'?: "containerInstanceArn";
  '_lastSeq'?: "lastSeq";
}

export interface AgentHello__Output {
  'protocolVersion'?: (number);
  'cluster'?: (string);
  'containerInstanceArn'?: (string);
  'versionInfo'?: (_berth_v1_VersionInfo__Output);
  'lastSeq'?: (string);
}
