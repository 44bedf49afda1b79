// Original file: protos/berth/v1/ecs.proto

import type { Setting as _berth_v1_Setting, Setting__Output as _berth_v1_Setting__Output } from '../../berth/v1/Setting.js';

export interface ListAccountSettingsResponse {
  'settings'?: (_berth_v1_Setting)[];
  'nextToken'?: (string);
  'berthPresentMembers'?: (string)[];
  '_nextToken'?: "nextToken";
}

export interface ListAccountSettingsResponse__Output {
  'settings'?: (_berth_v1_Setting__Output)[];
  'nextToken'?: (string);
  'berthPresentMembers'?: (string)[];
}
