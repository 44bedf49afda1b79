// Original file: protos/berth/v1/ecs.proto


export interface DeploymentLifecycleHookTimeoutConfiguration {
  'timeoutInMinutes'?: (number);
  'action'?: (string);
  '_timeoutInMinutes'?: "timeoutInMinutes";
  '_action'?: "action";
}

export interface DeploymentLifecycleHookTimeoutConfiguration__Output {
  'timeoutInMinutes'?: (number);
  'action'?: (string);
}
