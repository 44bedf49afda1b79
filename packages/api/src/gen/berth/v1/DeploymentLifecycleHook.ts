// Original file: protos/berth/v1/ecs.proto

import type { HookDetails as _berth_v1_HookDetails, HookDetails__Output as _berth_v1_HookDetails__Output } from '../../berth/v1/HookDetails.js';
import type { DeploymentLifecycleHookTimeoutConfiguration as _berth_v1_DeploymentLifecycleHookTimeoutConfiguration, DeploymentLifecycleHookTimeoutConfiguration__Output as _berth_v1_DeploymentLifecycleHookTimeoutConfiguration__Output } from '../../berth/v1/DeploymentLifecycleHookTimeoutConfiguration.js';

export interface DeploymentLifecycleHook {
  'targetType'?: (string);
  'hookTargetArn'?: (string);
  'roleArn'?: (string);
  'lifecycleStages'?: (string)[];
  'hookDetails'?: (_berth_v1_HookDetails | null);
  'timeoutConfiguration'?: (_berth_v1_DeploymentLifecycleHookTimeoutConfiguration | null);
  'berthPresentMembers'?: (string)[];
  '_targetType'?: "targetType";
  '_hookTargetArn'?: "hookTargetArn";
  '_roleArn'?: "roleArn";
}

export interface DeploymentLifecycleHook__Output {
  'targetType'?: (string);
  'hookTargetArn'?: (string);
  'roleArn'?: (string);
  'lifecycleStages'?: (string)[];
  'hookDetails'?: (_berth_v1_HookDetails__Output);
  'timeoutConfiguration'?: (_berth_v1_DeploymentLifecycleHookTimeoutConfiguration__Output);
  'berthPresentMembers'?: (string)[];
}
