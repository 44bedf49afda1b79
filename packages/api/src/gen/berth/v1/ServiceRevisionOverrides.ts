// Original file: protos/berth/v1/ecs.proto

import type { RuntimePlatformOverride as _berth_v1_RuntimePlatformOverride, RuntimePlatformOverride__Output as _berth_v1_RuntimePlatformOverride__Output } from '../../berth/v1/RuntimePlatformOverride.js';

export interface ServiceRevisionOverrides {
  'runtimePlatform'?: (_berth_v1_RuntimePlatformOverride | null);
}

export interface ServiceRevisionOverrides__Output {
  'runtimePlatform'?: (_berth_v1_RuntimePlatformOverride__Output);
}
