// Original file: protos/berth/v1/invoking.proto

import type { Webhook as _berth_v1_Webhook, Webhook__Output as _berth_v1_Webhook__Output } from '../../berth/v1/Webhook.js';

export interface ListWebhooksResponse {
  'webhooks'?: (_berth_v1_Webhook)[];
}

export interface ListWebhooksResponse__Output {
  'webhooks'?: (_berth_v1_Webhook__Output)[];
}
