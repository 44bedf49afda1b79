// Original file: protos/berth/v1/ecs.proto

import type { VersionInfo as _berth_v1_VersionInfo, VersionInfo__Output as _berth_v1_VersionInfo__Output } from '../../berth/v1/VersionInfo.js';
import type { Resource as _berth_v1_Resource, Resource__Output as _berth_v1_Resource__Output } from '../../berth/v1/Resource.js';
import type { Attribute as _berth_v1_Attribute, Attribute__Output as _berth_v1_Attribute__Output } from '../../berth/v1/Attribute.js';
import type { Attachment as _berth_v1_Attachment, Attachment__Output as _berth_v1_Attachment__Output } from '../../berth/v1/Attachment.js';
import type { Tag as _berth_v1_Tag, Tag__Output as _berth_v1_Tag__Output } from '../../berth/v1/Tag.js';
import type { ContainerInstanceHealthStatus as _berth_v1_ContainerInstanceHealthStatus, ContainerInstanceHealthStatus__Output as _berth_v1_ContainerInstanceHealthStatus__Output } from '../../berth/v1/ContainerInstanceHealthStatus.js';
import type { Long } from '@grpc/proto-loader';

export interface ContainerInstance {
  'containerInstanceArn'?: (string);
  'ec2InstanceId'?: (string);
  'capacityProviderName'?: (string);
  'version'?: (number | string | Long);
  'versionInfo'?: (_berth_v1_VersionInfo | null);
  'remainingResources'?: (_berth_v1_Resource)[];
  'registeredResources'?: (_berth_v1_Resource)[];
  'status'?: (string);
  'statusReason'?: (string);
  'agentConnected'?: (boolean);
  'runningTasksCount'?: (number);
  'pendingTasksCount'?: (number);
  'agentUpdateStatus'?: (string);
  'attributes'?: (_berth_v1_Attribute)[];
  'registeredAt'?: (number | string);
  'attachments'?: (_berth_v1_Attachment)[];
  'tags'?: (_berth_v1_Tag)[];
  'healthStatus'?: (_berth_v1_ContainerInstanceHealthStatus | null);
  'berthPresentMembers'?: (string)[];
  '_containerInstanceArn'?: "containerInstanceArn";
  '_ec2InstanceId'?: "ec2InstanceId";
  '_capacityProviderName'?: "capacityProviderName";
  '_version'?: "version";
  '_status'?: "status";
  '_statusReason'?: "statusReason";
  '_agentConnected'?: "agentConnected";
  '_runningTasksCount'?: "runningTasksCount";
  '_pendingTasksCount'?: "pendingTasksCount";
  '_agentUpdateStatus'?: "agentUpdateStatus";
  '_registeredAt'?: "registeredAt";
}

export interface ContainerInstance__Output {
  'containerInstanceArn'?: (string);
  'ec2InstanceId'?: (string);
  'capacityProviderName'?: (string);
  'version'?: (string);
  'versionInfo'?: (_berth_v1_VersionInfo__Output);
  'remainingResources'?: (_berth_v1_Resource__Output)[];
  'registeredResources'?: (_berth_v1_Resource__Output)[];
  'status'?: (string);
  'statusReason'?: (string);
  'agentConnected'?: (boolean);
  'runningTasksCount'?: (number);
  'pendingTasksCount'?: (number);
  'agentUpdateStatus'?: (string);
  'attributes'?: (_berth_v1_Attribute__Output)[];
  'registeredAt'?: (number);
  'attachments'?: (_berth_v1_Attachment__Output)[];
  'tags'?: (_berth_v1_Tag__Output)[];
  'healthStatus'?: (_berth_v1_ContainerInstanceHealthStatus__Output);
  'berthPresentMembers'?: (string)[];
}
