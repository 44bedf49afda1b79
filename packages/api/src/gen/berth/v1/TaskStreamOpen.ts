// Original file: protos/berth/v1/agent.proto

import type { TerminalSize as _berth_v1_TerminalSize, TerminalSize__Output as _berth_v1_TerminalSize__Output } from '../../berth/v1/TerminalSize.js';

export interface TaskStreamOpen {
  'kind'?: (string);
  'taskArn'?: (string);
  'containerName'?: (string);
  'window'?: (number);
  'follow'?: (boolean);
  'since'?: (number | string);
  'tail'?: (number);
  'timestamps'?: (boolean);
  'command'?: (string)[];
  'tty'?: (boolean);
  'stdin'?: (boolean);
  'size'?: (_berth_v1_TerminalSize | null);
  '_kind'?: "kind";
  '_taskArn'?: "taskArn";
  '_containerName'?: "containerName";
  '_window'?: "window";
  '_follow'?: "follow";
  '_since'?: "since";
  '_tail'?: "tail";
  '_timestamps'?: "timestamps";
  '_tty'?: "tty";
  '_stdin'?: "stdin";
}

export interface TaskStreamOpen__Output {
  'kind'?: (string);
  'taskArn'?: (string);
  'containerName'?: (string);
  'window'?: (number);
  'follow'?: (boolean);
  'since'?: (number);
  'tail'?: (number);
  'timestamps'?: (boolean);
  'command'?: (string)[];
  'tty'?: (boolean);
  'stdin'?: (boolean);
  'size'?: (_berth_v1_TerminalSize__Output);
}
