// Original file: protos/berth/v1/capacity.proto

import type { ScaleHook as _berth_v1_ScaleHook, ScaleHook__Output as _berth_v1_ScaleHook__Output } from '../../berth/v1/ScaleHook.js';

export interface CreateScaleHookResponse {
  'scaleHook'?: (_berth_v1_ScaleHook | null);
  '_scaleHook'?: "scaleHook";
}

export interface CreateScaleHookResponse__Output {
  'scaleHook'?: (_berth_v1_ScaleHook__Output);
}
