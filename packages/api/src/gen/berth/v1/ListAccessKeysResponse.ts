// Original file: protos/berth/v1/iam.proto

import type { AccessKey as _berth_v1_AccessKey, AccessKey__Output as _berth_v1_AccessKey__Output } from '../../berth/v1/AccessKey.js';

export interface ListAccessKeysResponse {
  'accessKeyMetadata'?: (_berth_v1_AccessKey)[];
}

export interface ListAccessKeysResponse__Output {
  'accessKeyMetadata'?: (_berth_v1_AccessKey__Output)[];
}
