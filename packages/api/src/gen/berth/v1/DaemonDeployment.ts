// Original file: protos/berth/v1/ecs.proto

import type { DaemonDeploymentRevisionDetail as _berth_v1_DaemonDeploymentRevisionDetail, DaemonDeploymentRevisionDetail__Output as _berth_v1_DaemonDeploymentRevisionDetail__Output } from '../../berth/v1/DaemonDeploymentRevisionDetail.js';
import type { DaemonCircuitBreaker as _berth_v1_DaemonCircuitBreaker, DaemonCircuitBreaker__Output as _berth_v1_DaemonCircuitBreaker__Output } from '../../berth/v1/DaemonCircuitBreaker.js';
import type { DaemonDeploymentAlarms as _berth_v1_DaemonDeploymentAlarms, DaemonDeploymentAlarms__Output as _berth_v1_DaemonDeploymentAlarms__Output } from '../../berth/v1/DaemonDeploymentAlarms.js';
import type { DaemonRollback as _berth_v1_DaemonRollback, DaemonRollback__Output as _berth_v1_DaemonRollback__Output } from '../../berth/v1/DaemonRollback.js';
import type { DaemonDeploymentConfiguration as _berth_v1_DaemonDeploymentConfiguration, DaemonDeploymentConfiguration__Output as _berth_v1_DaemonDeploymentConfiguration__Output } from '../../berth/v1/DaemonDeploymentConfiguration.js';

export interface DaemonDeployment {
  'daemonDeploymentArn'?: (string);
  'clusterArn'?: (string);
  'status'?: (string);
  'statusReason'?: (string);
  'targetDaemonRevision'?: (_berth_v1_DaemonDeploymentRevisionDetail | null);
  'sourceDaemonRevisions'?: (_berth_v1_DaemonDeploymentRevisionDetail)[];
  'circuitBreaker'?: (_berth_v1_DaemonCircuitBreaker | null);
  'alarms'?: (_berth_v1_DaemonDeploymentAlarms | null);
  'rollback'?: (_berth_v1_DaemonRollback | null);
  'deploymentConfiguration'?: (_berth_v1_DaemonDeploymentConfiguration | null);
  'createdAt'?: (number | string);
  'startedAt'?: (number | string);
  'stoppedAt'?: (number | string);
  'finishedAt'?: (number | string);
  'berthPresentMembers'?: (string)[];
  '_daemonDeploymentArn'?: "daemonDeploymentArn";
  '_clusterArn'?: "clusterArn";
  '_status'?: "status";
  '_statusReason'?: "statusReason";
  '_createdAt'?: "createdAt";
  '_startedAt'?: "startedAt";
  '_stoppedAt'?: "stoppedAt";
  '_finishedAt'?: "finishedAt";
}

export interface DaemonDeployment__Output {
  'daemonDeploymentArn'?: (string);
  'clusterArn'?: (string);
  'status'?: (string);
  'statusReason'?: (string);
  'targetDaemonRevision'?: (_berth_v1_DaemonDeploymentRevisionDetail__Output);
  'sourceDaemonRevisions'?: (_berth_v1_DaemonDeploymentRevisionDetail__Output)[];
  'circuitBreaker'?: (_berth_v1_DaemonCircuitBreaker__Output);
  'alarms'?: (_berth_v1_DaemonDeploymentAlarms__Output);
  'rollback'?: (_berth_v1_DaemonRollback__Output);
  'deploymentConfiguration'?: (_berth_v1_DaemonDeploymentConfiguration__Output);
  'createdAt'?: (number);
  'startedAt'?: (number);
  'stoppedAt'?: (number);
  'finishedAt'?: (number);
  'berthPresentMembers'?: (string)[];
}
