// Original file: protos/berth/v1/ecs.proto

import type { Attribute as _berth_v1_Attribute, Attribute__Output as _berth_v1_Attribute__Output } from '../../berth/v1/Attribute.js';

export interface PutAttributesResponse {
  'attributes'?: (_berth_v1_Attribute)[];
  'berthPresentMembers'?: (string)[];
}

export interface PutAttributesResponse__Output {
  'attributes'?: (_berth_v1_Attribute__Output)[];
  'berthPresentMembers'?: (string)[];
}
