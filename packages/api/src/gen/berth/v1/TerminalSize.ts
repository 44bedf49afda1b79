// Original file: protos/berth/v1/agent.proto


export interface TerminalSize {
  'rows'?: (number);
  'cols'?: (number);
  '_rows'?: "rows";
  '_cols'?: "cols";
}

export interface TerminalSize__Output {
  'rows'?: (number);
  'cols'?: (number);
}
