// Original file: protos/berth/v1/ecs.proto

import type { Resource as _berth_v1_Resource, Resource__Output as _berth_v1_Resource__Output } from '../../berth/v1/Resource.js';
import type { VersionInfo as _berth_v1_VersionInfo, VersionInfo__Output as _berth_v1_VersionInfo__Output } from '../../berth/v1/VersionInfo.js';
import type { Attribute as _berth_v1_Attribute, Attribute__Output as _berth_v1_Attribute__Output } from '../../berth/v1/Attribute.js';
import type { PlatformDevice as _berth_v1_PlatformDevice, PlatformDevice__Output as _berth_v1_PlatformDevice__Output } from '../../berth/v1/PlatformDevice.js';
import type { Tag as _berth_v1_Tag, Tag__Output as _berth_v1_Tag__Output } from '../../berth/v1/Tag.js';

export interface RegisterContainerInstanceRequest {
  'cluster'?: (string);
  'instanceIdentityDocument'?: (string);
  'instanceIdentityDocumentSignature'?: (string);
  'totalResources'?: (_berth_v1_Resource)[];
  'versionInfo'?: (_berth_v1_VersionInfo | null);
  'containerInstanceArn'?: (string);
  'attributes'?: (_berth_v1_Attribute)[];
  'platformDevices'?: (_berth_v1_PlatformDevice)[];
  'tags'?: (_berth_v1_Tag)[];
  'berthPresentMembers'?: (string)[];
  '_cluster'?: "cluster";
  '_instanceIdentityDocument'?: "instanceIdentityDocument";
  '_instanceIdentityDocumentSignature'?: "instanceIdentityDocumentSignature";
  '_containerInstanceArn'?: "containerInstanceArn";
}

export interface RegisterContainerInstanceRequest__Output {
  'cluster'?: (string);
  'instanceIdentityDocument'?: (string);
  'instanceIdentityDocumentSignature'?: (string);
  'totalResources'?: (_berth_v1_Resource__Output)[];
  'versionInfo'?: (_berth_v1_VersionInfo__Output);
  'containerInstanceArn'?: (string);
  'attributes'?: (_berth_v1_Attribute__Output)[];
  'platformDevices'?: (_berth_v1_PlatformDevice__Output)[];
  'tags'?: (_berth_v1_Tag__Output)[];
  'berthPresentMembers'?: (string)[];
}
