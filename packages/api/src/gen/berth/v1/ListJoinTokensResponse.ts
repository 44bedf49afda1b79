// Original file: protos/berth/v1/fleet.proto

import type { JoinToken as _berth_v1_JoinToken, JoinToken__Output as _berth_v1_JoinToken__Output } from '../../berth/v1/JoinToken.js';

export interface ListJoinTokensResponse {
  'joinTokens'?: (_berth_v1_JoinToken)[];
}

export interface ListJoinTokensResponse__Output {
  'joinTokens'?: (_berth_v1_JoinToken__Output)[];
}
