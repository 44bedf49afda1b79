// Original file: protos/berth/v1/ecs.proto

import type { KeyValuePair as _berth_v1_KeyValuePair, KeyValuePair__Output as _berth_v1_KeyValuePair__Output } from '../../berth/v1/KeyValuePair.js';

export interface ProxyConfiguration {
  'type'?: (string);
  'containerName'?: (string);
  'properties'?: (_berth_v1_KeyValuePair)[];
  'berthPresentMembers'?: (string)[];
  '_type'?: "type";
  '_containerName'?: "containerName";
}

export interface ProxyConfiguration__Output {
  'type'?: (string);
  'containerName'?: (string);
  'properties'?: (_berth_v1_KeyValuePair__Output)[];
  'berthPresentMembers'?: (string)[];
}
