// Original file: protos/berth/v1/agent.proto

import type { TaskStreamOpen as _berth_v1_TaskStreamOpen, TaskStreamOpen__Output as _berth_v1_TaskStreamOpen__Output } from '../../berth/v1/TaskStreamOpen.js';
import type { TaskStreamEnd as _berth_v1_TaskStreamEnd, TaskStreamEnd__Output as _berth_v1_TaskStreamEnd__Output } from '../../berth/v1/TaskStreamEnd.js';
import type { TerminalSize as _berth_v1_TerminalSize, TerminalSize__Output as _berth_v1_TerminalSize__Output } from '../../berth/v1/TerminalSize.js';

export interface TaskStreamFrame {
  'streamId'?: (string);
  'open'?: (_berth_v1_TaskStreamOpen | null);
  'data'?: (Buffer | Uint8Array | string);
  'fd'?: (number);
  'credit'?: (number);
  'closeStdin'?: (boolean);
  'end'?: (_berth_v1_TaskStreamEnd | null);
  'resize'?: (_berth_v1_TerminalSize | null);
  'signal'?: (string);
  '_streamId'?: "streamId";
  '_data'?: "data";
  '_fd'?: "fd";
  '_credit'?: "credit";
  '_closeStdin'?: "closeStdin";
  '_signal'?: "signal";
}

export interface TaskStreamFrame__Output {
  'streamId'?: (string);
  'open'?: (_berth_v1_TaskStreamOpen__Output);
  'data'?: (Buffer);
  'fd'?: (number);
  'credit'?: (number);
  'closeStdin'?: (boolean);
  'end'?: (_berth_v1_TaskStreamEnd__Output);
  'resize'?: (_berth_v1_TerminalSize__Output);
  'signal'?: (string);
}
