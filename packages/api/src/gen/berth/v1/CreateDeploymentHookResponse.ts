// Original file: protos/berth/v1/deployment-hooks.proto

import type { DeploymentHook as _berth_v1_DeploymentHook, DeploymentHook__Output as _berth_v1_DeploymentHook__Output } from '../../berth/v1/DeploymentHook.js';

export interface CreateDeploymentHookResponse {
  'deploymentHook'?: (_berth_v1_DeploymentHook | null);
  '_deploymentHook'?: "deploymentHook";
}

export interface CreateDeploymentHookResponse__Output {
  'deploymentHook'?: (_berth_v1_DeploymentHook__Output);
}
