// Original file: protos/berth/v1/agent.proto

import type { SessionWelcome as _berth_v1_SessionWelcome, SessionWelcome__Output as _berth_v1_SessionWelcome__Output } from '../../berth/v1/SessionWelcome.js';
import type { AssignmentBatch as _berth_v1_AssignmentBatch, AssignmentBatch__Output as _berth_v1_AssignmentBatch__Output } from '../../berth/v1/AssignmentBatch.js';
import type { ReportAck as _berth_v1_ReportAck, ReportAck__Output as _berth_v1_ReportAck__Output } from '../../berth/v1/ReportAck.js';
import type { Heartbeat as _berth_v1_Heartbeat, Heartbeat__Output as _berth_v1_Heartbeat__Output } from '../../berth/v1/Heartbeat.js';
import type { Reconnect as _berth_v1_Reconnect, Reconnect__Output as _berth_v1_Reconnect__Output } from '../../berth/v1/Reconnect.js';
import type { TaskSecrets as _berth_v1_TaskSecrets, TaskSecrets__Output as _berth_v1_TaskSecrets__Output } from '../../berth/v1/TaskSecrets.js';
import type { TaskCredentials as _berth_v1_TaskCredentials, TaskCredentials__Output as _berth_v1_TaskCredentials__Output } from '../../berth/v1/TaskCredentials.js';
import type { TaskStreamFrame as _berth_v1_TaskStreamFrame, TaskStreamFrame__Output as _berth_v1_TaskStreamFrame__Output } from '../../berth/v1/TaskStreamFrame.js';
import type { TaskProtectionAnswer as _berth_v1_TaskProtectionAnswer, TaskProtectionAnswer__Output as _berth_v1_TaskProtectionAnswer__Output } from '../../berth/v1/TaskProtectionAnswer.js';

export interface ServerMessage {
  'welcome'?: (_berth_v1_SessionWelcome | null);
  'assignments'?: (_berth_v1_AssignmentBatch | null);
  'reportAck'?: (_berth_v1_ReportAck | null);
  'heartbeat'?: (_berth_v1_Heartbeat | null);
  'reconnect'?: (_berth_v1_Reconnect | null);
  'secrets'?: (_berth_v1_TaskSecrets | null);
  'credentials'?: (_berth_v1_TaskCredentials | null);
  'stream'?: (_berth_v1_TaskStreamFrame | null);
  'taskProtection'?: (_berth_v1_TaskProtectionAnswer | null);
}

export interface ServerMessage__Output {
  'welcome'?: (_berth_v1_SessionWelcome__Output);
  'assignments'?: (_berth_v1_AssignmentBatch__Output);
  'reportAck'?: (_berth_v1_ReportAck__Output);
  'heartbeat'?: (_berth_v1_Heartbeat__Output);
  'reconnect'?: (_berth_v1_Reconnect__Output);
  'secrets'?: (_berth_v1_TaskSecrets__Output);
  'credentials'?: (_berth_v1_TaskCredentials__Output);
  'stream'?: (_berth_v1_TaskStreamFrame__Output);
  'taskProtection'?: (_berth_v1_TaskProtectionAnswer__Output);
}
