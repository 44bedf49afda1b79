// Original file: protos/berth/v1/deployment-hooks.proto

import type { DeploymentHook as _berth_v1_DeploymentHook, DeploymentHook__Output as _berth_v1_DeploymentHook__Output } from '../../berth/v1/DeploymentHook.js';

export interface ListDeploymentHooksResponse {
  'deploymentHooks'?: (_berth_v1_DeploymentHook)[];
}

export interface ListDeploymentHooksResponse__Output {
  'deploymentHooks'?: (_berth_v1_DeploymentHook__Output)[];
}
