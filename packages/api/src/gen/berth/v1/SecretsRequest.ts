// Original file: protos/berth/v1/agent.proto


export interface SecretsRequest {
  'requestId'?: (string);
  'taskArn'?: (string);
  '_requestId'?: "requestId";
  '_taskArn'?: "taskArn";
}

export interface SecretsRequest__Output {
  'requestId'?: (string);
  'taskArn'?: (string);
}
