// Original file: protos/berth/v1/agent.proto


export interface TaskProtectionAnswer {
  'requestId'?: (string);
  'taskArn'?: (string);
  'protectionEnabled'?: (boolean);
  'expirationDate'?: (number | string);
  'failure'?: (string);
  '_requestId'?: "requestId";
  '_taskArn'?: "taskArn";
  '_protectionEnabled'?: "protectionEnabled";
  '_expirationDate'?: "expirationDate";
  '_failure'?: "failure";
}

export interface TaskProtectionAnswer__Output {
  'requestId'?: (string);
  'taskArn'?: (string);
  'protectionEnabled'?: (boolean);
  'expirationDate'?: (number);
  'failure'?: (string);
}
