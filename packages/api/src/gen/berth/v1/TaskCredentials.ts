// Original file: protos/berth/v1/agent.proto


export interface TaskCredentials {
  'requestId'?: (string);
  'taskArn'?: (string);
  'roleType'?: (string);
  'roleArn'?: (string);
  'accessKeyId'?: (string);
  'secretAccessKey'?: (string);
  'sessionToken'?: (string);
  'expiration'?: (number | string);
  'awsEndpoint'?: (string);
  'error'?: (string);
  'logDriverMode'?: (string);
  '_requestId'?: "requestId";
  '_taskArn'?: "taskArn";
  '_roleType'?: "roleType";
  '_roleArn'?: "roleArn";
  '_accessKeyId'?: "accessKeyId";
  '_secretAccessKey'?: "secretAccessKey";
  '_sessionToken'?: "sessionToken";
  '_expiration'?: "expiration";
  '_awsEndpoint'?: "awsEndpoint";
  '_error'?: "error";
  '_logDriverMode'?: "logDriverMode";
}

export interface TaskCredentials__Output {
  'requestId'?: (string);
  'taskArn'?: (string);
  'roleType'?: (string);
  'roleArn'?: (string);
  'accessKeyId'?: (string);
  'secretAccessKey'?: (string);
  'sessionToken'?: (string);
  'expiration'?: (number);
  'awsEndpoint'?: (string);
  'error'?: (string);
  'logDriverMode'?: (string);
}
