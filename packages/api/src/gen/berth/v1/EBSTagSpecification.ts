// Original file: protos/berth/v1/ecs.proto

import type { Tag as _berth_v1_Tag, Tag__Output as _berth_v1_Tag__Output } from '../../berth/v1/Tag.js';

export interface EBSTagSpecification {
  'resourceType'?: (string);
  'tags'?: (_berth_v1_Tag)[];
  'propagateTags'?: (string);
  'berthPresentMembers'?: (string)[];
  '_resourceType'?: "resourceType";
  '_propagateTags'?: "propagateTags";
}

export interface EBSTagSpecification__Output {
  'resourceType'?: (string);
  'tags'?: (_berth_v1_Tag__Output)[];
  'propagateTags'?: (string);
  'berthPresentMembers'?: (string)[];
}
