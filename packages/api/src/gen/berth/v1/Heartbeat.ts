// Original file: protos/berth/v1/agent.proto


export interface Heartbeat {
  'sentMs'?: (number | string);
  'containerInsights'?: (boolean);
  '_sentMs'?: "sentMs";
  '_containerInsights'?: "containerInsights";
}

export interface Heartbeat__Output {
  'sentMs'?: (number);
  'containerInsights'?: (boolean);
}
