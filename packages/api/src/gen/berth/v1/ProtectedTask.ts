// Original file: protos/berth/v1/ecs.proto


export interface ProtectedTask {
  'taskArn'?: (string);
  'protectionEnabled'?: (boolean);
  'expirationDate'?: (number | string);
  '_taskArn'?: "taskArn";
  '_protectionEnabled'?: "protectionEnabled";
  '_expirationDate'?: "expirationDate";
}

export interface ProtectedTask__Output {
  'taskArn'?: (string);
  'protectionEnabled'?: (boolean);
  'expirationDate'?: (number);
}
