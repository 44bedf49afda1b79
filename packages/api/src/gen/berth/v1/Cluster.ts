// Original file: protos/berth/v1/ecs.proto

import type { ClusterConfiguration as _berth_v1_ClusterConfiguration, ClusterConfiguration__Output as _berth_v1_ClusterConfiguration__Output } from '../../berth/v1/ClusterConfiguration.js';
import type { KeyValuePair as _berth_v1_KeyValuePair, KeyValuePair__Output as _berth_v1_KeyValuePair__Output } from '../../berth/v1/KeyValuePair.js';
import type { Tag as _berth_v1_Tag, Tag__Output as _berth_v1_Tag__Output } from '../../berth/v1/Tag.js';
import type { ClusterSetting as _berth_v1_ClusterSetting, ClusterSetting__Output as _berth_v1_ClusterSetting__Output } from '../../berth/v1/ClusterSetting.js';
import type { CapacityProviderStrategyItem as _berth_v1_CapacityProviderStrategyItem, CapacityProviderStrategyItem__Output as _berth_v1_CapacityProviderStrategyItem__Output } from '../../berth/v1/CapacityProviderStrategyItem.js';
import type { Attachment as _berth_v1_Attachment, Attachment__Output as _berth_v1_Attachment__Output } from '../../berth/v1/Attachment.js';
import type { ClusterServiceConnectDefaults as _berth_v1_ClusterServiceConnectDefaults, ClusterServiceConnectDefaults__Output as _berth_v1_ClusterServiceConnectDefaults__Output } from '../../berth/v1/ClusterServiceConnectDefaults.js';

export interface Cluster {
  'clusterArn'?: (string);
  'clusterName'?: (string);
  'configuration'?: (_berth_v1_ClusterConfiguration | null);
  'status'?: (string);
  'registeredContainerInstancesCount'?: (number);
  'runningTasksCount'?: (number);
  'pendingTasksCount'?: (number);
  'activeServicesCount'?: (number);
  'statistics'?: (_berth_v1_KeyValuePair)[];
  'tags'?: (_berth_v1_Tag)[];
  'settings'?: (_berth_v1_ClusterSetting)[];
  'capacityProviders'?: (string)[];
  'defaultCapacityProviderStrategy'?: (_berth_v1_CapacityProviderStrategyItem)[];
  'attachments'?: (_berth_v1_Attachment)[];
  'attachmentsStatus'?: (string);
  'serviceConnectDefaults'?: (_berth_v1_ClusterServiceConnectDefaults | null);
  'berthPresentMembers'?: (string)[];
  '_clusterArn'?: "clusterArn";
  '_clusterName'?: "clusterName";
  '_status'?: "status";
  '_registeredContainerInstancesCount'?: "registeredContainerInstancesCount";
  '_runningTasksCount'?: "runningTasksCount";
  '_pendingTasksCount'?: "pendingTasksCount";
  '_activeServicesCount'?: "activeServicesCount";
  '_attachmentsStatus'?: "attachmentsStatus";
}

export interface Cluster__Output {
  'clusterArn'?: (string);
  'clusterName'?: (string);
  'configuration'?: (_berth_v1_ClusterConfiguration__Output);
  'status'?: (string);
  'registeredContainerInstancesCount'?: (number);
  'runningTasksCount'?: (number);
  'pendingTasksCount'?: (number);
  'activeServicesCount'?: (number);
  'statistics'?: (_berth_v1_KeyValuePair__Output)[];
  'tags'?: (_berth_v1_Tag__Output)[];
  'settings'?: (_berth_v1_ClusterSetting__Output)[];
  'capacityProviders'?: (string)[];
  'defaultCapacityProviderStrategy'?: (_berth_v1_CapacityProviderStrategyItem__Output)[];
  'attachments'?: (_berth_v1_Attachment__Output)[];
  'attachmentsStatus'?: (string);
  'serviceConnectDefaults'?: (_berth_v1_ClusterServiceConnectDefaults__Output);
  'berthPresentMembers'?: (string)[];
}
