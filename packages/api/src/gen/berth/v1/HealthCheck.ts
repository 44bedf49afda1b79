// Original file: protos/berth/v1/ecs.proto


export interface HealthCheck {
  'command'?: (string)[];
  'interval'?: (number);
  'timeout'?: (number);
  'retries'?: (number);
  'startPeriod'?: (number);
  'berthPresentMembers'?: (string)[];
  '_interval'?: "interval";
  '_timeout'?: "timeout";
  '_retries'?: "retries";
  '_startPeriod'?: "startPeriod";
}

export interface HealthCheck__Output {
  'command'?: (string)[];
  'interval'?: (number);
  'timeout'?: (number);
  'retries'?: (number);
  'startPeriod'?: (number);
  'berthPresentMembers'?: (string)[];
}
