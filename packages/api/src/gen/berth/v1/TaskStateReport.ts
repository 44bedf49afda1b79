// Original file: protos/berth/v1/agent.proto

import type { ContainerStateChange as _berth_v1_ContainerStateChange, ContainerStateChange__Output as _berth_v1_ContainerStateChange__Output } from '../../berth/v1/ContainerStateChange.js';
import type { ContainerHealth as _berth_v1_ContainerHealth, ContainerHealth__Output as _berth_v1_ContainerHealth__Output } from '../../berth/v1/ContainerHealth.js';
import type { Long } from '@grpc/proto-loader';

export interface TaskStateReport {
  'taskArn'?: (string);
  'counter'?: (number | string | Long);
  'lastStatus'?: (string);
  'reason'?: (string);
  'containers'?: (_berth_v1_ContainerStateChange)[];
  'pullStartedAt'?: (number | string);
  'pullStoppedAt'?: (number | string);
  'executionStoppedAt'?: (number | string);
  'containerHealth'?: (_berth_v1_ContainerHealth)[];
  '_taskArn'?: "taskArn";
  '_counter'?: "counter";
  '_lastStatus'?: "lastStatus";
  '_reason'?: "reason";
  '_pullStartedAt'?: "pullStartedAt";
  '_pullStoppedAt'?: "pullStoppedAt";
  '_executionStoppedAt'?: "executionStoppedAt";
}

export interface TaskStateReport__Output {
  'taskArn'?: (string);
  'counter'?: (string);
  'lastStatus'?: (string);
  'reason'?: (string);
  'containers'?: (_berth_v1_ContainerStateChange__Output)[];
  'pullStartedAt'?: (number);
  'pullStoppedAt'?: (number);
  'executionStoppedAt'?: (number);
  'containerHealth'?: (_berth_v1_ContainerHealth__Output)[];
}
