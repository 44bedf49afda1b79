// Original file: protos/berth/v1/invoking.proto

import type { Invocation as _berth_v1_Invocation, Invocation__Output as _berth_v1_Invocation__Output } from '../../berth/v1/Invocation.js';

export interface ListInvocationsResponse {
  'invocations'?: (_berth_v1_Invocation)[];
}

export interface ListInvocationsResponse__Output {
  'invocations'?: (_berth_v1_Invocation__Output)[];
}
