// Original file: protos/berth/v1/capacity.proto

import type { ScaleHook as _berth_v1_ScaleHook, ScaleHook__Output as _berth_v1_ScaleHook__Output } from '../../berth/v1/ScaleHook.js';

export interface ListScaleHooksResponse {
  'scaleHooks'?: (_berth_v1_ScaleHook)[];
}

export interface ListScaleHooksResponse__Output {
  'scaleHooks'?: (_berth_v1_ScaleHook__Output)[];
}
