// Original file: protos/berth/v1/ecs.proto

import type { KeyValuePair as _berth_v1_KeyValuePair, KeyValuePair__Output as _berth_v1_KeyValuePair__Output } from '../../berth/v1/KeyValuePair.js';

export interface Attachment {
  'id'?: (string);
  'type'?: (string);
  'status'?: (string);
  'details'?: (_berth_v1_KeyValuePair)[];
  'berthPresentMembers'?: (string)[];
  '_id'?: "id";
  '_type'?: "type";
  '_status'?: "status";
}

export interface Attachment__Output {
  'id'?: (string);
  'type'?: (string);
  'status'?: (string);
  'details'?: (_berth_v1_KeyValuePair__Output)[];
  'berthPresentMembers'?: (string)[];
}
