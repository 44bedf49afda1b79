// Original file: protos/berth/v1/tasks.proto

import type { ExecStart as _berth_v1_ExecStart, ExecStart__Output as _berth_v1_ExecStart__Output } from '../../berth/v1/ExecStart.js';
import type { TerminalSize as _berth_v1_TerminalSize, TerminalSize__Output as _berth_v1_TerminalSize__Output } from '../../berth/v1/TerminalSize.js';

export interface ExecInput {
  'start'?: (_berth_v1_ExecStart | null);
  'stdin'?: (Buffer | Uint8Array | string);
  'closeStdin'?: (boolean);
  'resize'?: (_berth_v1_TerminalSize | null);
  'signal'?: (string);
  '_stdin'?: "stdin";
  '_closeStdin'?: "closeStdin";
  '_signal'?: "signal";
}

export interface ExecInput__Output {
  'start'?: (_berth_v1_ExecStart__Output);
  'stdin'?: (Buffer);
  'closeStdin'?: (boolean);
  'resize'?: (_berth_v1_TerminalSize__Output);
  'signal'?: (string);
}
