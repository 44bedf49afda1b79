// Original file: protos/berth/v1/ecs.proto

import type { Attribute as _berth_v1_Attribute, Attribute__Output as _berth_v1_Attribute__Output } from '../../berth/v1/Attribute.js';

export interface DeleteAttributesRequest {
  'cluster'?: (string);
  'attributes'?: (_berth_v1_Attribute)[];
  'berthPresentMembers'?: (string)[];
  '_cluster'?: "cluster";
}

export interface DeleteAttributesRequest__Output {
  'cluster'?: (string);
  'attributes'?: (_berth_v1_Attribute__Output)[];
  'berthPresentMembers'?: (string)[];
}
