// Original file: protos/berth/v1/ecs.proto

import type { Tag as _berth_v1_Tag, Tag__Output as _berth_v1_Tag__Output } from '../../berth/v1/Tag.js';

export interface ListTagsForResourceResponse {
  'tags'?: (_berth_v1_Tag)[];
  'berthPresentMembers'?: (string)[];
}

export interface ListTagsForResourceResponse__Output {
  'tags'?: (_berth_v1_Tag__Output)[];
  'berthPresentMembers'?: (string)[];
}
