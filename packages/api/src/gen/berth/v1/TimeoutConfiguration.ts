// Original file: protos/berth/v1/ecs.proto


export interface TimeoutConfiguration {
  'idleTimeoutSeconds'?: (number);
  'perRequestTimeoutSeconds'?: (number);
  '_idleTimeoutSeconds'?: "idleTimeoutSeconds";
  '_perRequestTimeoutSeconds'?: "perRequestTimeoutSeconds";
}

export interface TimeoutConfiguration__Output {
  'idleTimeoutSeconds'?: (number);
  'perRequestTimeoutSeconds'?: (number);
}
