// Original file: protos/berth/v1/ecs.proto


export interface DeploymentLifecycleHookDetail {
  'hookId'?: (string);
  'targetType'?: (string);
  'targetArn'?: (string);
  'status'?: (string);
  'expiresAt'?: (number | string);
  'timeoutAction'?: (string);
  '_hookId'?: "hookId";
  '_targetType'?: "targetType";
  '_targetArn'?: "targetArn";
  '_status'?: "status";
  '_expiresAt'?: "expiresAt";
  '_timeoutAction'?: "timeoutAction";
}

export interface DeploymentLifecycleHookDetail__Output {
  'hookId'?: (string);
  'targetType'?: (string);
  'targetArn'?: (string);
  'status'?: (string);
  'expiresAt'?: (number);
  'timeoutAction'?: (string);
}
