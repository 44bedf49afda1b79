// Original file: protos/berth/v1/ecs.proto

import type { HostVolumeProperties as _berth_v1_HostVolumeProperties, HostVolumeProperties__Output as _berth_v1_HostVolumeProperties__Output } from '../../berth/v1/HostVolumeProperties.js';
import type { DockerVolumeConfiguration as _berth_v1_DockerVolumeConfiguration, DockerVolumeConfiguration__Output as _berth_v1_DockerVolumeConfiguration__Output } from '../../berth/v1/DockerVolumeConfiguration.js';
import type { EFSVolumeConfiguration as _berth_v1_EFSVolumeConfiguration, EFSVolumeConfiguration__Output as _berth_v1_EFSVolumeConfiguration__Output } from '../../berth/v1/EFSVolumeConfiguration.js';
import type { S3FilesVolumeConfiguration as _berth_v1_S3FilesVolumeConfiguration, S3FilesVolumeConfiguration__Output as _berth_v1_S3FilesVolumeConfiguration__Output } from '../../berth/v1/S3FilesVolumeConfiguration.js';
import type { FSxWindowsFileServerVolumeConfiguration as _berth_v1_FSxWindowsFileServerVolumeConfiguration, FSxWindowsFileServerVolumeConfiguration__Output as _berth_v1_FSxWindowsFileServerVolumeConfiguration__Output } from '../../berth/v1/FSxWindowsFileServerVolumeConfiguration.js';

export interface Volume {
  'name'?: (string);
  'host'?: (_berth_v1_HostVolumeProperties | null);
  'dockerVolumeConfiguration'?: (_berth_v1_DockerVolumeConfiguration | null);
  'efsVolumeConfiguration'?: (_berth_v1_EFSVolumeConfiguration | null);
  's3filesVolumeConfiguration'?: (_berth_v1_S3FilesVolumeConfiguration | null);
  'fsxWindowsFileServerVolumeConfiguration'?: (_berth_v1_FSxWindowsFileServerVolumeConfiguration | null);
  'configuredAtLaunch'?: (boolean);
  '_name'?: "name";
  '_configuredAtLaunch'?: "configuredAtLaunch";
}

export interface Volume__Output {
  'name'?: (string);
  'host'?: (_berth_v1_HostVolumeProperties__Output);
  'dockerVolumeConfiguration'?: (_berth_v1_DockerVolumeConfiguration__Output);
  'efsVolumeConfiguration'?: (_berth_v1_EFSVolumeConfiguration__Output);
  's3filesVolumeConfiguration'?: (_berth_v1_S3FilesVolumeConfiguration__Output);
  'fsxWindowsFileServerVolumeConfiguration'?: (_berth_v1_FSxWindowsFileServerVolumeConfiguration__Output);
  'configuredAtLaunch'?: (boolean);
}
