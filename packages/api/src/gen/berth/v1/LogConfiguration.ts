// Original file: protos/berth/v1/ecs.proto

import type { Secret as _berth_v1_Secret, Secret__Output as _berth_v1_Secret__Output } from '../../berth/v1/Secret.js';

export interface LogConfiguration {
  'logDriver'?: (string);
  'options'?: ({[key: string]: string});
  'secretOptions'?: (_berth_v1_Secret)[];
  'berthPresentMembers'?: (string)[];
  '_logDriver'?: "logDriver";
}

export interface LogConfiguration__Output {
  'logDriver'?: (string);
  'options'?: ({[key: string]: string});
  'secretOptions'?: (_berth_v1_Secret__Output)[];
  'berthPresentMembers'?: (string)[];
}
