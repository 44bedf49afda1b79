// Original file: protos/berth/v1/ecs.proto

import type { ServiceRevisionSummary as _berth_v1_ServiceRevisionSummary, ServiceRevisionSummary__Output as _berth_v1_ServiceRevisionSummary__Output } from '../../berth/v1/ServiceRevisionSummary.js';
import type { DeploymentLifecycleHookDetail as _berth_v1_DeploymentLifecycleHookDetail, DeploymentLifecycleHookDetail__Output as _berth_v1_DeploymentLifecycleHookDetail__Output } from '../../berth/v1/DeploymentLifecycleHookDetail.js';
import type { DeploymentConfiguration as _berth_v1_DeploymentConfiguration, DeploymentConfiguration__Output as _berth_v1_DeploymentConfiguration__Output } from '../../berth/v1/DeploymentConfiguration.js';
import type { Rollback as _berth_v1_Rollback, Rollback__Output as _berth_v1_Rollback__Output } from '../../berth/v1/Rollback.js';
import type { ServiceDeploymentCircuitBreaker as _berth_v1_ServiceDeploymentCircuitBreaker, ServiceDeploymentCircuitBreaker__Output as _berth_v1_ServiceDeploymentCircuitBreaker__Output } from '../../berth/v1/ServiceDeploymentCircuitBreaker.js';
import type { ServiceDeploymentAlarms as _berth_v1_ServiceDeploymentAlarms, ServiceDeploymentAlarms__Output as _berth_v1_ServiceDeploymentAlarms__Output } from '../../berth/v1/ServiceDeploymentAlarms.js';

export interface ServiceDeployment {
  'serviceDeploymentArn'?: (string);
  'serviceArn'?: (string);
  'clusterArn'?: (string);
  'createdAt'?: (number | string);
  'startedAt'?: (number | string);
  'finishedAt'?: (number | string);
  'stoppedAt'?: (number | string);
  'updatedAt'?: (number | string);
  'sourceServiceRevisions'?: (_berth_v1_ServiceRevisionSummary)[];
  'targetServiceRevision'?: (_berth_v1_ServiceRevisionSummary | null);
  'status'?: (string);
  'statusReason'?: (string);
  'lifecycleStage'?: (string);
  'lifecycleHookDetails'?: (_berth_v1_DeploymentLifecycleHookDetail)[];
  'deploymentConfiguration'?: (_berth_v1_DeploymentConfiguration | null);
  'rollback'?: (_berth_v1_Rollback | null);
  'deploymentCircuitBreaker'?: (_berth_v1_ServiceDeploymentCircuitBreaker | null);
  'alarms'?: (_berth_v1_ServiceDeploymentAlarms | null);
  'berthPresentMembers'?: (string)[];
  '_serviceDeploymentArn'?: "serviceDeploymentArn";
  '_serviceArn'?: "serviceArn";
  '_clusterArn'?: "clusterArn";
  '_createdAt'?: "createdAt";
  '_startedAt'?: "startedAt";
  '_finishedAt'?: "finishedAt";
  '_stoppedAt'?: "stoppedAt";
  '_updatedAt'?: "updatedAt";
  '_status'?: "status";
  '_statusReason'?: "statusReason";
  '_lifecycleStage'?: "lifecycleStage";
}

export interface ServiceDeployment__Output {
  'serviceDeploymentArn'?: (string);
  'serviceArn'?: (string);
  'clusterArn'?: (string);
  'createdAt'?: (number);
  'startedAt'?: (number);
  'finishedAt'?: (number);
  'stoppedAt'?: (number);
  'updatedAt'?: (number);
  'sourceServiceRevisions'?: (_berth_v1_ServiceRevisionSummary__Output)[];
  'targetServiceRevision'?: (_berth_v1_ServiceRevisionSummary__Output);
  'status'?: (string);
  'statusReason'?: (string);
  'lifecycleStage'?: (string);
  'lifecycleHookDetails'?: (_berth_v1_DeploymentLifecycleHookDetail__Output)[];
  'deploymentConfiguration'?: (_berth_v1_DeploymentConfiguration__Output);
  'rollback'?: (_berth_v1_Rollback__Output);
  'deploymentCircuitBreaker'?: (_berth_v1_ServiceDeploymentCircuitBreaker__Output);
  'alarms'?: (_berth_v1_ServiceDeploymentAlarms__Output);
  'berthPresentMembers'?: (string)[];
}
