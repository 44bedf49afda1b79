// Original file: protos/berth/v1/ecs.proto

import type { DaemonRevisionDetail as _berth_v1_DaemonRevisionDetail, DaemonRevisionDetail__Output as _berth_v1_DaemonRevisionDetail__Output } from '../../berth/v1/DaemonRevisionDetail.js';

export interface DaemonDetail {
  'daemonArn'?: (string);
  'clusterArn'?: (string);
  'status'?: (string);
  'currentRevisions'?: (_berth_v1_DaemonRevisionDetail)[];
  'deploymentArn'?: (string);
  'createdAt'?: (number | string);
  'updatedAt'?: (number | string);
  'berthPresentMembers'?: (string)[];
  '_daemonArn'?: "daemonArn";
  '_clusterArn'?: "clusterArn";
  '_status'?: "status";
  '_deploymentArn'?: "deploymentArn";
  '_createdAt'?: "createdAt";
  '_updatedAt'?: "updatedAt";
}

export interface DaemonDetail__Output {
  'daemonArn'?: (string);
  'clusterArn'?: (string);
  'status'?: (string);
  'currentRevisions'?: (_berth_v1_DaemonRevisionDetail__Output)[];
  'deploymentArn'?: (string);
  'createdAt'?: (number);
  'updatedAt'?: (number);
  'berthPresentMembers'?: (string)[];
}
