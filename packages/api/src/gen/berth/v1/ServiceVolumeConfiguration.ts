// Original file: protos/berth/v1/ecs.proto

import type { ServiceManagedEBSVolumeConfiguration as _berth_v1_ServiceManagedEBSVolumeConfiguration, ServiceManagedEBSVolumeConfiguration__Output as _berth_v1_ServiceManagedEBSVolumeConfiguration__Output } from '../../berth/v1/ServiceManagedEBSVolumeConfiguration.js';

export interface ServiceVolumeConfiguration {
  'name'?: (string);
  'managedEbsVolume'?: (_berth_v1_ServiceManagedEBSVolumeConfiguration | null);
  '_name'?: "name";
}

export interface ServiceVolumeConfiguration__Output {
  'name'?: (string);
  'managedEbsVolume'?: (_berth_v1_ServiceManagedEBSVolumeConfiguration__Output);
}
