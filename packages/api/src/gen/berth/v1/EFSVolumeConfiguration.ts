// Original file: protos/berth/v1/ecs.proto

import type { EFSAuthorizationConfig as _berth_v1_EFSAuthorizationConfig, EFSAuthorizationConfig__Output as _berth_v1_EFSAuthorizationConfig__Output } from '../../berth/v1/EFSAuthorizationConfig.js';

export interface EFSVolumeConfiguration {
  'fileSystemId'?: (string);
  'rootDirectory'?: (string);
  'transitEncryption'?: (string);
  'transitEncryptionPort'?: (number);
  'authorizationConfig'?: (_berth_v1_EFSAuthorizationConfig | null);
  '_fileSystemId'?: "fileSystemId";
  '_rootDirectory'?: "rootDirectory";
  '_transitEncryption'?: "transitEncryption";
  '_transitEncryptionPort'?: "transitEncryptionPort";
}

export interface EFSVolumeConfiguration__Output {
  'fileSystemId'?: (string);
  'rootDirectory'?: (string);
  'transitEncryption'?: (string);
  'transitEncryptionPort'?: (number);
  'authorizationConfig'?: (_berth_v1_EFSAuthorizationConfig__Output);
}
