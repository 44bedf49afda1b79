// Original file: protos/berth/v1/ecs.proto


export interface DaemonCircuitBreaker {
  'failureCount'?: (number);
  'status'?: (string);
  'threshold'?: (number);
  '_failureCount'?: "failureCount";
  '_status'?: "status";
  '_threshold'?: "threshold";
}

export interface DaemonCircuitBreaker__Output {
  'failureCount'?: (number);
  'status'?: (string);
  'threshold'?: (number);
}
