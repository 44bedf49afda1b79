// Original file: protos/berth/v1/fleet.proto

import type { JoinToken as _berth_v1_JoinToken, JoinToken__Output as _berth_v1_JoinToken__Output } from '../../berth/v1/JoinToken.js';

export interface CreateJoinTokenResponse {
  'token'?: (string);
  'joinToken'?: (_berth_v1_JoinToken | null);
  '_token'?: "token";
}

export interface CreateJoinTokenResponse__Output {
  'token'?: (string);
  'joinToken'?: (_berth_v1_JoinToken__Output);
}
