// Original file: protos/berth/v1/ecs.proto

import type { ThresholdConfiguration as _berth_v1_ThresholdConfiguration, ThresholdConfiguration__Output as _berth_v1_ThresholdConfiguration__Output } from '../../berth/v1/ThresholdConfiguration.js';

export interface DeploymentCircuitBreaker {
  'enable'?: (boolean);
  'rollback'?: (boolean);
  'resetOnHealthyTask'?: (boolean);
  'thresholdConfiguration'?: (_berth_v1_ThresholdConfiguration | null);
  '_enable'?: "enable";
  '_rollback'?: "rollback";
  '_resetOnHealthyTask'?: "resetOnHealthyTask";
}

export interface DeploymentCircuitBreaker__Output {
  'enable'?: (boolean);
  'rollback'?: (boolean);
  'resetOnHealthyTask'?: (boolean);
  'thresholdConfiguration'?: (_berth_v1_ThresholdConfiguration__Output);
}
