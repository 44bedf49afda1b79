// Original file: protos/berth/v1/ecs.proto

import type { DaemonDetail as _berth_v1_DaemonDetail, DaemonDetail__Output as _berth_v1_DaemonDetail__Output } from '../../berth/v1/DaemonDetail.js';

export interface DescribeDaemonResponse {
  'daemon'?: (_berth_v1_DaemonDetail | null);
}

export interface DescribeDaemonResponse__Output {
  'daemon'?: (_berth_v1_DaemonDetail__Output);
}
