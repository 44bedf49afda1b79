import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { BerthInvokingClient as _berth_v1_BerthInvokingClient, BerthInvokingDefinition as _berth_v1_BerthInvokingDefinition } from './berth/v1/BerthInvoking.js';
import type { CreateWebhookRequest as _berth_v1_CreateWebhookRequest, CreateWebhookRequest__Output as _berth_v1_CreateWebhookRequest__Output } from './berth/v1/CreateWebhookRequest.js';
import type { CreateWebhookResponse as _berth_v1_CreateWebhookResponse, CreateWebhookResponse__Output as _berth_v1_CreateWebhookResponse__Output } from './berth/v1/CreateWebhookResponse.js';
import type { DeleteWebhookRequest as _berth_v1_DeleteWebhookRequest, DeleteWebhookRequest__Output as _berth_v1_DeleteWebhookRequest__Output } from './berth/v1/DeleteWebhookRequest.js';
import type { DeleteWebhookResponse as _berth_v1_DeleteWebhookResponse, DeleteWebhookResponse__Output as _berth_v1_DeleteWebhookResponse__Output } from './berth/v1/DeleteWebhookResponse.js';
import type { Invocation as _berth_v1_Invocation, Invocation__Output as _berth_v1_Invocation__Output } from './berth/v1/Invocation.js';
import type { ListInvocationsRequest as _berth_v1_ListInvocationsRequest, ListInvocationsRequest__Output as _berth_v1_ListInvocationsRequest__Output } from './berth/v1/ListInvocationsRequest.js';
import type { ListInvocationsResponse as _berth_v1_ListInvocationsResponse, ListInvocationsResponse__Output as _berth_v1_ListInvocationsResponse__Output } from './berth/v1/ListInvocationsResponse.js';
import type { ListWebhooksRequest as _berth_v1_ListWebhooksRequest, ListWebhooksRequest__Output as _berth_v1_ListWebhooksRequest__Output } from './berth/v1/ListWebhooksRequest.js';
import type { ListWebhooksResponse as _berth_v1_ListWebhooksResponse, ListWebhooksResponse__Output as _berth_v1_ListWebhooksResponse__Output } from './berth/v1/ListWebhooksResponse.js';
import type { Webhook as _berth_v1_Webhook, Webhook__Output as _berth_v1_Webhook__Output } from './berth/v1/Webhook.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  berth: {
    v1: {
      BerthInvoking: SubtypeConstructor<typeof grpc.Client, _berth_v1_BerthInvokingClient> & { service: _berth_v1_BerthInvokingDefinition }
      CreateWebhookRequest: MessageTypeDefinition<_berth_v1_CreateWebhookRequest, _berth_v1_CreateWebhookRequest__Output>
      CreateWebhookResponse: MessageTypeDefinition<_berth_v1_CreateWebhookResponse, _berth_v1_CreateWebhookResponse__Output>
      DeleteWebhookRequest: MessageTypeDefinition<_berth_v1_DeleteWebhookRequest, _berth_v1_DeleteWebhookRequest__Output>
      DeleteWebhookResponse: MessageTypeDefinition<_berth_v1_DeleteWebhookResponse, _berth_v1_DeleteWebhookResponse__Output>
      Invocation: MessageTypeDefinition<_berth_v1_Invocation, _berth_v1_Invocation__Output>
      ListInvocationsRequest: MessageTypeDefinition<_berth_v1_ListInvocationsRequest, _berth_v1_ListInvocationsRequest__Output>
      ListInvocationsResponse: MessageTypeDefinition<_berth_v1_ListInvocationsResponse, _berth_v1_ListInvocationsResponse__Output>
      ListWebhooksRequest: MessageTypeDefinition<_berth_v1_ListWebhooksRequest, _berth_v1_ListWebhooksRequest__Output>
      ListWebhooksResponse: MessageTypeDefinition<_berth_v1_ListWebhooksResponse, _berth_v1_ListWebhooksResponse__Output>
      Webhook: MessageTypeDefinition<_berth_v1_Webhook, _berth_v1_Webhook__Output>
    }
  }
}

