// Original file: protos/berth/v1/ecs.proto

import type { FSxWindowsFileServerAuthorizationConfig as _berth_v1_FSxWindowsFileServerAuthorizationConfig, FSxWindowsFileServerAuthorizationConfig__Output as _berth_v1_FSxWindowsFileServerAuthorizationConfig__Output } from '../../berth/v1/FSxWindowsFileServerAuthorizationConfig.js';

export interface FSxWindowsFileServerVolumeConfiguration {
  'fileSystemId'?: (string);
  'rootDirectory'?: (string);
  'authorizationConfig'?: (_berth_v1_FSxWindowsFileServerAuthorizationConfig | null);
  '_fileSystemId'?: "fileSystemId";
  '_rootDirectory'?: "rootDirectory";
}

export interface FSxWindowsFileServerVolumeConfiguration__Output {
  'fileSystemId'?: (string);
  'rootDirectory'?: (string);
  'authorizationConfig'?: (_berth_v1_FSxWindowsFileServerAuthorizationConfig__Output);
}
