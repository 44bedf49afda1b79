// Original file: protos/berth/v1/ecs.proto

import type { Setting as _berth_v1_Setting, Setting__Output as _berth_v1_Setting__Output } from '../../berth/v1/Setting.js';

export interface DeleteAccountSettingResponse {
  'setting'?: (_berth_v1_Setting | null);
}

export interface DeleteAccountSettingResponse__Output {
  'setting'?: (_berth_v1_Setting__Output);
}
