// Original file: protos/berth/v1/agent.proto


export interface Reconnect {
  'reason'?: (string);
  '_reason'?: "reason";
}

export interface Reconnect__Output {
  'reason'?: (string);
}
