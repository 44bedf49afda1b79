// Original file: protos/berth/v1/capacity.proto

import type { ScaleHookCall as _berth_v1_ScaleHookCall, ScaleHookCall__Output as _berth_v1_ScaleHookCall__Output } from '../../berth/v1/ScaleHookCall.js';

export interface ScaleHook {
  'name'?: (string);
  'arn'?: (string);
  'kind'?: (string);
  'url'?: (string);
  'timeoutSeconds'?: (number);
  'retries'?: (number);
  'description'?: (string);
  'createdAt'?: (number | string);
  'lastCall'?: (_berth_v1_ScaleHookCall | null);
  '_name'?: "name";
  '_arn'?: "arn";
  '_kind'?: "kind";
  '_url'?: "url";
  '_timeoutSeconds'?: "timeoutSeconds";
  '_retries'?: "retries";
  '_description'?: "description";
  '_createdAt'?: "createdAt";
  '_lastCall'?: "lastCall";
}

export interface ScaleHook__Output {
  'name'?: (string);
  'arn'?: (string);
  'kind'?: (string);
  'url'?: (string);
  'timeoutSeconds'?: (number);
  'retries'?: (number);
  'description'?: (string);
  'createdAt'?: (number);
  'lastCall'?: (_berth_v1_ScaleHookCall__Output);
}
