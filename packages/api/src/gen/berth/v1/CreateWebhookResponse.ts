// Original file: protos/berth/v1/invoking.proto

import type { Webhook as _berth_v1_Webhook, Webhook__Output as _berth_v1_Webhook__Output } from '../../berth/v1/Webhook.js';

export interface CreateWebhookResponse {
  'webhook'?: (_berth_v1_Webhook | null);
  'token'?: (string);
  '_webhook'?: "webhook";
  '_token'?: "token";
}

export interface CreateWebhookResponse__Output {
  'webhook'?: (_berth_v1_Webhook__Output);
  'token'?: (string);
}
