// Original file: protos/berth/v1/ecs.proto

import type { DaemonDeploymentConfiguration as _berth_v1_DaemonDeploymentConfiguration, DaemonDeploymentConfiguration__Output as _berth_v1_DaemonDeploymentConfiguration__Output } from '../../berth/v1/DaemonDeploymentConfiguration.js';

export interface UpdateDaemonRequest {
  'daemonArn'?: (string);
  'daemonTaskDefinitionArn'?: (string);
  'capacityProviderArns'?: (string)[];
  'deploymentConfiguration'?: (_berth_v1_DaemonDeploymentConfiguration | null);
  'propagateTags'?: (string);
  'enableEcsManagedTags'?: (boolean);
  'enableExecuteCommand'?: (boolean);
  'berthPresentMembers'?: (string)[];
  '_daemonArn'?: "daemonArn";
  '_daemonTaskDefinitionArn'?: "daemonTaskDefinitionArn";
  '_propagateTags'?: "propagateTags";
  '_enableEcsManagedTags'?: "enableEcsManagedTags";
  '_enableExecuteCommand'?: "enableExecuteCommand";
}

export interface UpdateDaemonRequest__Output {
  'daemonArn'?: (string);
  'daemonTaskDefinitionArn'?: (string);
  'capacityProviderArns'?: (string)[];
  'deploymentConfiguration'?: (_berth_v1_DaemonDeploymentConfiguration__Output);
  'propagateTags'?: (string);
  'enableEcsManagedTags'?: (boolean);
  'enableExecuteCommand'?: (boolean);
  'berthPresentMembers'?: (string)[];
}
