// Original file: protos/berth/v1/ecs.proto

import type { DeploymentCircuitBreaker as _berth_v1_DeploymentCircuitBreaker, DeploymentCircuitBreaker__Output as _berth_v1_DeploymentCircuitBreaker__Output } from '../../berth/v1/DeploymentCircuitBreaker.js';
import type { DeploymentAlarms as _berth_v1_DeploymentAlarms, DeploymentAlarms__Output as _berth_v1_DeploymentAlarms__Output } from '../../berth/v1/DeploymentAlarms.js';
import type { DeploymentLifecycleHook as _berth_v1_DeploymentLifecycleHook, DeploymentLifecycleHook__Output as _berth_v1_DeploymentLifecycleHook__Output } from '../../berth/v1/DeploymentLifecycleHook.js';
import type { LinearConfiguration as _berth_v1_LinearConfiguration, LinearConfiguration__Output as _berth_v1_LinearConfiguration__Output } from '../../berth/v1/LinearConfiguration.js';
import type { CanaryConfiguration as _berth_v1_CanaryConfiguration, CanaryConfiguration__Output as _berth_v1_CanaryConfiguration__Output } from '../../berth/v1/CanaryConfiguration.js';

export interface DeploymentConfiguration {
  'deploymentCircuitBreaker'?: (_berth_v1_DeploymentCircuitBreaker | null);
  'maximumPercent'?: (number);
  'minimumHealthyPercent'?: (number);
  'alarms'?: (_berth_v1_DeploymentAlarms | null);
  'strategy'?: (string);
  'bakeTimeInMinutes'?: (number);
  'lifecycleHooks'?: (_berth_v1_DeploymentLifecycleHook)[];
  'linearConfiguration'?: (_berth_v1_LinearConfiguration | null);
  'canaryConfiguration'?: (_berth_v1_CanaryConfiguration | null);
  'berthPresentMembers'?: (string)[];
  '_maximumPercent'?: "maximumPercent";
  '_minimumHealthyPercent'?: "minimumHealthyPercent";
  '_strategy'?: "strategy";
  '_bakeTimeInMinutes'?: "bakeTimeInMinutes";
}

export interface DeploymentConfiguration__Output {
  'deploymentCircuitBreaker'?: (_berth_v1_DeploymentCircuitBreaker__Output);
  'maximumPercent'?: (number);
  'minimumHealthyPercent'?: (number);
  'alarms'?: (_berth_v1_DeploymentAlarms__Output);
  'strategy'?: (string);
  'bakeTimeInMinutes'?: (number);
  'lifecycleHooks'?: (_berth_v1_DeploymentLifecycleHook__Output)[];
  'linearConfiguration'?: (_berth_v1_LinearConfiguration__Output);
  'canaryConfiguration'?: (_berth_v1_CanaryConfiguration__Output);
  'berthPresentMembers'?: (string)[];
}
