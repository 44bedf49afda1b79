// Original file: protos/berth/v1/agent.proto

import type { KeyValuePair as _berth_v1_KeyValuePair, KeyValuePair__Output as _berth_v1_KeyValuePair__Output } from '../../berth/v1/KeyValuePair.js';

export interface ContainerSecrets {
  'containerName'?: (string);
  'environment'?: (_berth_v1_KeyValuePair)[];
  'logOptions'?: (_berth_v1_KeyValuePair)[];
  '_containerName'?: "containerName";
}

export interface ContainerSecrets__Output {
  'containerName'?: (string);
  'environment'?: (_berth_v1_KeyValuePair__Output)[];
  'logOptions'?: (_berth_v1_KeyValuePair__Output)[];
}
