// Original file: protos/berth/v1/agent.proto


export interface SessionWelcome {
  'protocolVersion'?: (number);
  'heartbeatPeriodMs'?: (number);
  'sessionId'?: (string);
  'containerInstanceArn'?: (string);
  'containerInsights'?: (boolean);
  '_protocolVersion'?: "protocolVersion";
  '_heartbeatPeriodMs'?: "heartbeatPeriodMs";
  '_sessionId'?: "sessionId";
  '_containerInstanceArn'?: "containerInstanceArn";
  '_containerInsights'?: "containerInsights";
}

export interface SessionWelcome__Output {
  'protocolVersion'?: (number);
  'heartbeatPeriodMs'?: (number);
  'sessionId'?: (string);
  'containerInstanceArn'?: (string);
  'containerInsights'?: (boolean);
}
