// Original file: protos/berth/v1/ecs.proto

import type { CreatedAt as _berth_v1_CreatedAt, CreatedAt__Output as _berth_v1_CreatedAt__Output } from '../../berth/v1/CreatedAt.js';

export interface ListServiceDeploymentsRequest {
  'service'?: (string);
  'cluster'?: (string);
  'status'?: (string)[];
  'createdAt'?: (_berth_v1_CreatedAt | null);
  'nextToken'?: (string);
  'maxResults'?: (number);
  'berthPresentMembers'?: (string)[];
  '_service'?: "service";
  '_cluster'?: "cluster";
  '_nextToken'?: "nextToken";
  '_maxResults'?: "maxResults";
}

export interface ListServiceDeploymentsRequest__Output {
  'service'?: (string);
  'cluster'?: (string);
  'status'?: (string)[];
  'createdAt'?: (_berth_v1_CreatedAt__Output);
  'nextToken'?: (string);
  'maxResults'?: (number);
  'berthPresentMembers'?: (string)[];
}
