// Original file: protos/berth/v1/ecs.proto

import type { DaemonDeploymentConfiguration as _berth_v1_DaemonDeploymentConfiguration, DaemonDeploymentConfiguration__Output as _berth_v1_DaemonDeploymentConfiguration__Output } from '../../berth/v1/DaemonDeploymentConfiguration.js';
import type { Tag as _berth_v1_Tag, Tag__Output as _berth_v1_Tag__Output } from '../../berth/v1/Tag.js';

export interface CreateDaemonRequest {
  'daemonName'?: (string);
  'clusterArn'?: (string);
  'daemonTaskDefinitionArn'?: (string);
  'capacityProviderArns'?: (string)[];
  'deploymentConfiguration'?: (_berth_v1_DaemonDeploymentConfiguration | null);
  'tags'?: (_berth_v1_Tag)[];
  'propagateTags'?: (string);
  'enableEcsManagedTags'?: (boolean);
  'enableExecuteCommand'?: (boolean);
  'clientToken'?: (string);
  'berthPresentMembers'?: (string)[];
  '_daemonName'?: "daemonName";
  '_clusterArn'?: "clusterArn";
  '_daemonTaskDefinitionArn'?: "daemonTaskDefinitionArn";
  '_propagateTags'?: "propagateTags";
  '_enableEcsManagedTags'?: "enableEcsManagedTags";
  '_enableExecuteCommand'?: "enableExecuteCommand";
  '_clientToken'?: "clientToken";
}

export interface CreateDaemonRequest__Output {
  'daemonName'?: (string);
  'clusterArn'?: (string);
  'daemonTaskDefinitionArn'?: (string);
  'capacityProviderArns'?: (string)[];
  'deploymentConfiguration'?: (_berth_v1_DaemonDeploymentConfiguration__Output);
  'tags'?: (_berth_v1_Tag__Output)[];
  'propagateTags'?: (string);
  'enableEcsManagedTags'?: (boolean);
  'enableExecuteCommand'?: (boolean);
  'clientToken'?: (string);
  'berthPresentMembers'?: (string)[];
}
