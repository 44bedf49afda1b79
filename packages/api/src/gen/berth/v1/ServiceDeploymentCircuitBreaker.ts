// Original file: protos/berth/v1/ecs.proto


export interface ServiceDeploymentCircuitBreaker {
  'status'?: (string);
  'failureCount'?: (number);
  'threshold'?: (number);
  '_status'?: "status";
  '_failureCount'?: "failureCount";
  '_threshold'?: "threshold";
}

export interface ServiceDeploymentCircuitBreaker__Output {
  'status'?: (string);
  'failureCount'?: (number);
  'threshold'?: (number);
}
