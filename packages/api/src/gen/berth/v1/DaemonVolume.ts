// Original file: protos/berth/v1/ecs.proto

import type { HostVolumeProperties as _berth_v1_HostVolumeProperties, HostVolumeProperties__Output as _berth_v1_HostVolumeProperties__Output } from '../../berth/v1/HostVolumeProperties.js';

export interface DaemonVolume {
  'name'?: (string);
  'host'?: (_berth_v1_HostVolumeProperties | null);
  '_name'?: "name";
}

export interface DaemonVolume__Output {
  'name'?: (string);
  'host'?: (_berth_v1_HostVolumeProperties__Output);
}
