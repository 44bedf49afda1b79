// Original file: protos/berth/v1/agent.proto


export interface CredentialsRequest {
  'requestId'?: (string);
  'taskArn'?: (string);
  'roleType'?: (string);
  '_requestId'?: "requestId";
  '_taskArn'?: "taskArn";
  '_roleType'?: "roleType";
}

export interface CredentialsRequest__Output {
  'requestId'?: (string);
  'taskArn'?: (string);
  'roleType'?: (string);
}
