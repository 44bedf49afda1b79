// Original file: protos/berth/v1/tasks.proto

import type { TerminalSize as _berth_v1_TerminalSize, TerminalSize__Output as _berth_v1_TerminalSize__Output } from '../../berth/v1/TerminalSize.js';

export interface ExecStart {
  'cluster'?: (string);
  'task'?: (string);
  'container'?: (string);
  'command'?: (string)[];
  'tty'?: (boolean);
  'stdin'?: (boolean);
  'size'?: (_berth_v1_TerminalSize | null);
  '_cluster'?: "cluster";
  '_task'?: "task";
  '_container'?: "container";
  '_tty'?: "tty";
  '_stdin'?: "stdin";
}

export interface ExecStart__Output {
  'cluster'?: (string);
  'task'?: (string);
  'container'?: (string);
  'command'?: (string)[];
  'tty'?: (boolean);
  'stdin'?: (boolean);
  'size'?: (_berth_v1_TerminalSize__Output);
}
