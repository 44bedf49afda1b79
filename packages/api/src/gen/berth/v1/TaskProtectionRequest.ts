// Original file: protos/berth/v1/agent.proto


export interface TaskProtectionRequest {
  'requestId'?: (string);
  'taskArn'?: (string);
  'update'?: (boolean);
  'protectionEnabled'?: (boolean);
  'expiresInMinutes'?: (number);
  '_requestId'?: "requestId";
  '_taskArn'?: "taskArn";
  '_update'?: "update";
  '_protectionEnabled'?: "protectionEnabled";
  '_expiresInMinutes'?: "expiresInMinutes";
}

export interface TaskProtectionRequest__Output {
  'requestId'?: (string);
  'taskArn'?: (string);
  'update'?: (boolean);
  'protectionEnabled'?: (boolean);
  'expiresInMinutes'?: (number);
}
