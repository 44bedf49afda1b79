// Original file: protos/berth/v1/ecs.proto

import type { Attribute as _berth_v1_Attribute, Attribute__Output as _berth_v1_Attribute__Output } from '../../berth/v1/Attribute.js';

export interface ListAttributesResponse {
  'attributes'?: (_berth_v1_Attribute)[];
  'nextToken'?: (string);
  'berthPresentMembers'?: (string)[];
  '_nextToken'?: "nextToken";
}

export interface ListAttributesResponse__Output {
  'attributes'?: (_berth_v1_Attribute__Output)[];
  'nextToken'?: (string);
  'berthPresentMembers'?: (string)[];
}
