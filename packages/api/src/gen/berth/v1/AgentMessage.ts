// Original file: protos/berth/v1/agent.proto

import type { AgentHello as _berth_v1_AgentHello, AgentHello__Output as _berth_v1_AgentHello__Output } from '../../berth/v1/AgentHello.js';
import type { AssignmentAck as _berth_v1_AssignmentAck, AssignmentAck__Output as _berth_v1_AssignmentAck__Output } from '../../berth/v1/AssignmentAck.js';
import type { TaskStateReport as _berth_v1_TaskStateReport, TaskStateReport__Output as _berth_v1_TaskStateReport__Output } from '../../berth/v1/TaskStateReport.js';
import type { Heartbeat as _berth_v1_Heartbeat, Heartbeat__Output as _berth_v1_Heartbeat__Output } from '../../berth/v1/Heartbeat.js';
import type { SecretsRequest as _berth_v1_SecretsRequest, SecretsRequest__Output as _berth_v1_SecretsRequest__Output } from '../../berth/v1/SecretsRequest.js';
import type { InstanceStatistics as _berth_v1_InstanceStatistics, InstanceStatistics__Output as _berth_v1_InstanceStatistics__Output } from '../../berth/v1/InstanceStatistics.js';
import type { CredentialsRequest as _berth_v1_CredentialsRequest, CredentialsRequest__Output as _berth_v1_CredentialsRequest__Output } from '../../berth/v1/CredentialsRequest.js';
import type { TaskStreamFrame as _berth_v1_TaskStreamFrame, TaskStreamFrame__Output as _berth_v1_TaskStreamFrame__Output } from '../../berth/v1/TaskStreamFrame.js';
import type { TaskProtectionRequest as _berth_v1_TaskProtectionRequest, TaskProtectionRequest__Output as _berth_v1_TaskProtectionRequest__Output } from '../../berth/v1/TaskProtectionRequest.js';

export interface AgentMessage {
  'hello'?: (_berth_v1_AgentHello | null);
  'ack'?: (_berth_v1_AssignmentAck | null);
  'report'?: (_berth_v1_TaskStateReport | null);
  'heartbeat'?: (_berth_v1_Heartbeat | null);
  'secretsRequest'?: (_berth_v1_SecretsRequest | null);
  'statistics'?: (_berth_v1_InstanceStatistics | null);
  'credentialsRequest'?: (_berth_v1_CredentialsRequest | null);
  'stream'?: (_berth_v1_TaskStreamFrame | null);
  'taskProtectionRequest'?: (_berth_v1_TaskProtectionRequest | null);
}

export interface AgentMessage__Output {
  'hello'?: (_berth_v1_AgentHello__Output);
  'ack'?: (_berth_v1_AssignmentAck__Output);
  'report'?: (_berth_v1_TaskStateReport__Output);
  'heartbeat'?: (_berth_v1_Heartbeat__Output);
  'secretsRequest'?: (_berth_v1_SecretsRequest__Output);
  'statistics'?: (_berth_v1_InstanceStatistics__Output);
  'credentialsRequest'?: (_berth_v1_CredentialsRequest__Output);
  'stream'?: (_berth_v1_TaskStreamFrame__Output);
  'taskProtectionRequest'?: (_berth_v1_TaskProtectionRequest__Output);
}
