// Original file: protos/berth/v1/agent.proto


export interface Heartbeat {
  'sentMs'?: (number | string);
  '_sentMs'?: "sentMs";
}

export interface Heartbeat__Output {
  'sentMs'?: (number);
}
