// Original file: protos/berth/v1/agent.proto

import type { ContainerSecrets as _berth_v1_ContainerSecrets, ContainerSecrets__Output as _berth_v1_ContainerSecrets__Output } from '../../berth/v1/ContainerSecrets.js';

export interface TaskSecrets {
  'requestId'?: (string);
  'taskArn'?: (string);
  'containers'?: (_berth_v1_ContainerSecrets)[];
  'error'?: (string);
  '_requestId'?: "requestId";
  '_taskArn'?: "taskArn";
  '_error'?: "error";
}

export interface TaskSecrets__Output {
  'requestId'?: (string);
  'taskArn'?: (string);
  'containers'?: (_berth_v1_ContainerSecrets__Output)[];
  'error'?: (string);
}
