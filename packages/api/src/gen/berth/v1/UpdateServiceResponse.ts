// Original file: protos/berth/v1/ecs.proto

import type { Service as _berth_v1_Service, Service__Output as _berth_v1_Service__Output } from '../../berth/v1/Service.js';

export interface UpdateServiceResponse {
  'service'?: (_berth_v1_Service | null);
}

export interface UpdateServiceResponse__Output {
  'service'?: (_berth_v1_Service__Output);
}
