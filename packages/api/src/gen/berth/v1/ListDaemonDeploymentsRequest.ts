// Original file: protos/berth/v1/ecs.proto

import type { CreatedAt as _berth_v1_CreatedAt, CreatedAt__Output as _berth_v1_CreatedAt__Output } from '../../berth/v1/CreatedAt.js';

export interface ListDaemonDeploymentsRequest {
  'daemonArn'?: (string);
  'status'?: (string)[];
  'createdAt'?: (_berth_v1_CreatedAt | null);
  'maxResults'?: (number);
  'nextToken'?: (string);
  'berthPresentMembers'?: (string)[];
  '_daemonArn'?: "daemonArn";
  '_maxResults'?: "maxResults";
  '_nextToken'?: "nextToken";
}

export interface ListDaemonDeploymentsRequest__Output {
  'daemonArn'?: (string);
  'status'?: (string)[];
  'createdAt'?: (_berth_v1_CreatedAt__Output);
  'maxResults'?: (number);
  'nextToken'?: (string);
  'berthPresentMembers'?: (string)[];
}
