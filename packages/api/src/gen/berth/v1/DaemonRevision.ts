// Original file: protos/berth/v1/ecs.proto

import type { DaemonContainerImage as _berth_v1_DaemonContainerImage, DaemonContainerImage__Output as _berth_v1_DaemonContainerImage__Output } from '../../berth/v1/DaemonContainerImage.js';

export interface DaemonRevision {
  'daemonRevisionArn'?: (string);
  'clusterArn'?: (string);
  'daemonArn'?: (string);
  'daemonTaskDefinitionArn'?: (string);
  'createdAt'?: (number | string);
  'containerImages'?: (_berth_v1_DaemonContainerImage)[];
  'propagateTags'?: (string);
  'enableEcsManagedTags'?: (boolean);
  'enableExecuteCommand'?: (boolean);
  'berthPresentMembers'?: (string)[];
  '_daemonRevisionArn'?: "daemonRevisionArn";
  '_clusterArn'?: "clusterArn";
  '_daemonArn'?: "daemonArn";
  '_daemonTaskDefinitionArn'?: "daemonTaskDefinitionArn";
  '_createdAt'?: "createdAt";
  '_propagateTags'?: "propagateTags";
  '_enableEcsManagedTags'?: "enableEcsManagedTags";
  '_enableExecuteCommand'?: "enableExecuteCommand";
}

export interface DaemonRevision__Output {
  'daemonRevisionArn'?: (string);
  'clusterArn'?: (string);
  'daemonArn'?: (string);
  'daemonTaskDefinitionArn'?: (string);
  'createdAt'?: (number);
  'containerImages'?: (_berth_v1_DaemonContainerImage__Output)[];
  'propagateTags'?: (string);
  'enableEcsManagedTags'?: (boolean);
  'enableExecuteCommand'?: (boolean);
  'berthPresentMembers'?: (string)[];
}
