// Original file: protos/berth/v1/ecs.proto

import type { Session as _berth_v1_Session, Session__Output as _berth_v1_Session__Output } from '../../berth/v1/Session.js';

export interface ExecuteCommandResponse {
  'clusterArn'?: (string);
  'containerArn'?: (string);
  'containerName'?: (string);
  'interactive'?: (boolean);
  'session'?: (_berth_v1_Session | null);
  'taskArn'?: (string);
  '_clusterArn'?: "clusterArn";
  '_containerArn'?: "containerArn";
  '_containerName'?: "containerName";
  '_interactive'?: "interactive";
  '_taskArn'?: "taskArn";
}

export interface ExecuteCommandResponse__Output {
  'clusterArn'?: (string);
  'containerArn'?: (string);
  'containerName'?: (string);
  'interactive'?: (boolean);
  'session'?: (_berth_v1_Session__Output);
  'taskArn'?: (string);
}
