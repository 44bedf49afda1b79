// Original file: protos/berth/v1/ecs.proto

import type { CapacityProvider as _berth_v1_CapacityProvider, CapacityProvider__Output as _berth_v1_CapacityProvider__Output } from '../../berth/v1/CapacityProvider.js';

export interface UpdateCapacityProviderResponse {
  'capacityProvider'?: (_berth_v1_CapacityProvider | null);
}

export interface UpdateCapacityProviderResponse__Output {
  'capacityProvider'?: (_berth_v1_CapacityProvider__Output);
}
