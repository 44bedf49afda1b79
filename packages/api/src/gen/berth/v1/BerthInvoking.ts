// Original file: protos/berth/v1/invoking.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateWebhookRequest as _berth_v1_CreateWebhookRequest, CreateWebhookRequest__Output as _berth_v1_CreateWebhookRequest__Output } from '../../berth/v1/CreateWebhookRequest.js';
import type { CreateWebhookResponse as _berth_v1_CreateWebhookResponse, CreateWebhookResponse__Output as _berth_v1_CreateWebhookResponse__Output } from '../../berth/v1/CreateWebhookResponse.js';
import type { DeleteWebhookRequest as _berth_v1_DeleteWebhookRequest, DeleteWebhookRequest__Output as _berth_v1_DeleteWebhookRequest__Output } from '../../berth/v1/DeleteWebhookRequest.js';
import type { DeleteWebhookResponse as _berth_v1_DeleteWebhookResponse, DeleteWebhookResponse__Output as _berth_v1_DeleteWebhookResponse__Output } from '../../berth/v1/DeleteWebhookResponse.js';
import type { ListInvocationsRequest as _berth_v1_ListInvocationsRequest, ListInvocationsRequest__Output as _berth_v1_ListInvocationsRequest__Output } from '../../berth/v1/ListInvocationsRequest.js';
import type { ListInvocationsResponse as _berth_v1_ListInvocationsResponse, ListInvocationsResponse__Output as _berth_v1_ListInvocationsResponse__Output } from '../../berth/v1/ListInvocationsResponse.js';
import type { ListWebhooksRequest as _berth_v1_ListWebhooksRequest, ListWebhooksRequest__Output as _berth_v1_ListWebhooksRequest__Output } from '../../berth/v1/ListWebhooksRequest.js';
import type { ListWebhooksResponse as _berth_v1_ListWebhooksResponse, ListWebhooksResponse__Output as _berth_v1_ListWebhooksResponse__Output } from '../../berth/v1/ListWebhooksResponse.js';

export interface BerthInvokingClient extends grpc.Client {
  CreateWebhook(argument: _berth_v1_CreateWebhookRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateWebhookResponse__Output>): grpc.ClientUnaryCall;
  CreateWebhook(argument: _berth_v1_CreateWebhookRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_CreateWebhookResponse__Output>): grpc.ClientUnaryCall;
  CreateWebhook(argument: _berth_v1_CreateWebhookRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateWebhookResponse__Output>): grpc.ClientUnaryCall;
  CreateWebhook(argument: _berth_v1_CreateWebhookRequest, callback: grpc.requestCallback<_berth_v1_CreateWebhookResponse__Output>): grpc.ClientUnaryCall;
  createWebhook(argument: _berth_v1_CreateWebhookRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateWebhookResponse__Output>): grpc.ClientUnaryCall;
  createWebhook(argument: _berth_v1_CreateWebhookRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_CreateWebhookResponse__Output>): grpc.ClientUnaryCall;
  createWebhook(argument: _berth_v1_CreateWebhookRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateWebhookResponse__Output>): grpc.ClientUnaryCall;
  createWebhook(argument: _berth_v1_CreateWebhookRequest, callback: grpc.requestCallback<_berth_v1_CreateWebhookResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteWebhook(argument: _berth_v1_DeleteWebhookRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteWebhookResponse__Output>): grpc.ClientUnaryCall;
  DeleteWebhook(argument: _berth_v1_DeleteWebhookRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteWebhookResponse__Output>): grpc.ClientUnaryCall;
  DeleteWebhook(argument: _berth_v1_DeleteWebhookRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteWebhookResponse__Output>): grpc.ClientUnaryCall;
  DeleteWebhook(argument: _berth_v1_DeleteWebhookRequest, callback: grpc.requestCallback<_berth_v1_DeleteWebhookResponse__Output>): grpc.ClientUnaryCall;
  deleteWebhook(argument: _berth_v1_DeleteWebhookRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteWebhookResponse__Output>): grpc.ClientUnaryCall;
  deleteWebhook(argument: _berth_v1_DeleteWebhookRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteWebhookResponse__Output>): grpc.ClientUnaryCall;
  deleteWebhook(argument: _berth_v1_DeleteWebhookRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteWebhookResponse__Output>): grpc.ClientUnaryCall;
  deleteWebhook(argument: _berth_v1_DeleteWebhookRequest, callback: grpc.requestCallback<_berth_v1_DeleteWebhookResponse__Output>): grpc.ClientUnaryCall;
  
  ListInvocations(argument: _berth_v1_ListInvocationsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListInvocationsResponse__Output>): grpc.ClientUnaryCall;
  ListInvocations(argument: _berth_v1_ListInvocationsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListInvocationsResponse__Output>): grpc.ClientUnaryCall;
  ListInvocations(argument: _berth_v1_ListInvocationsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListInvocationsResponse__Output>): grpc.ClientUnaryCall;
  ListInvocations(argument: _berth_v1_ListInvocationsRequest, callback: grpc.requestCallback<_berth_v1_ListInvocationsResponse__Output>): grpc.ClientUnaryCall;
  listInvocations(argument: _berth_v1_ListInvocationsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListInvocationsResponse__Output>): grpc.ClientUnaryCall;
  listInvocations(argument: _berth_v1_ListInvocationsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListInvocationsResponse__Output>): grpc.ClientUnaryCall;
  listInvocations(argument: _berth_v1_ListInvocationsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListInvocationsResponse__Output>): grpc.ClientUnaryCall;
  listInvocations(argument: _berth_v1_ListInvocationsRequest, callback: grpc.requestCallback<_berth_v1_ListInvocationsResponse__Output>): grpc.ClientUnaryCall;
  
  ListWebhooks(argument: _berth_v1_ListWebhooksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListWebhooksResponse__Output>): grpc.ClientUnaryCall;
  ListWebhooks(argument: _berth_v1_ListWebhooksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListWebhooksResponse__Output>): grpc.ClientUnaryCall;
  ListWebhooks(argument: _berth_v1_ListWebhooksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListWebhooksResponse__Output>): grpc.ClientUnaryCall;
  ListWebhooks(argument: _berth_v1_ListWebhooksRequest, callback: grpc.requestCallback<_berth_v1_ListWebhooksResponse__Output>): grpc.ClientUnaryCall;
  listWebhooks(argument: _berth_v1_ListWebhooksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListWebhooksResponse__Output>): grpc.ClientUnaryCall;
  listWebhooks(argument: _berth_v1_ListWebhooksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListWebhooksResponse__Output>): grpc.ClientUnaryCall;
  listWebhooks(argument: _berth_v1_ListWebhooksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListWebhooksResponse__Output>): grpc.ClientUnaryCall;
  listWebhooks(argument: _berth_v1_ListWebhooksRequest, callback: grpc.requestCallback<_berth_v1_ListWebhooksResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface BerthInvokingHandlers extends grpc.UntypedServiceImplementation {
  CreateWebhook: grpc.handleUnaryCall<_berth_v1_CreateWebhookRequest__Output, _berth_v1_CreateWebhookResponse>;
  
  DeleteWebhook: grpc.handleUnaryCall<_berth_v1_DeleteWebhookRequest__Output, _berth_v1_DeleteWebhookResponse>;
  
  ListInvocations: grpc.handleUnaryCall<_berth_v1_ListInvocationsRequest__Output, _berth_v1_ListInvocationsResponse>;
  
  ListWebhooks: grpc.handleUnaryCall<_berth_v1_ListWebhooksRequest__Output, _berth_v1_ListWebhooksResponse>;
  
}

export interface BerthInvokingDefinition extends grpc.ServiceDefinition {
  CreateWebhook: MethodDefinition<_berth_v1_CreateWebhookRequest, _berth_v1_CreateWebhookResponse, _berth_v1_CreateWebhookRequest__Output, _berth_v1_CreateWebhookResponse__Output>
  DeleteWebhook: MethodDefinition<_berth_v1_DeleteWebhookRequest, _berth_v1_DeleteWebhookResponse, _berth_v1_DeleteWebhookRequest__Output, _berth_v1_DeleteWebhookResponse__Output>
  ListInvocations: MethodDefinition<_berth_v1_ListInvocationsRequest, _berth_v1_ListInvocationsResponse, _berth_v1_ListInvocationsRequest__Output, _berth_v1_ListInvocationsResponse__Output>
  ListWebhooks: MethodDefinition<_berth_v1_ListWebhooksRequest, _berth_v1_ListWebhooksResponse, _berth_v1_ListWebhooksRequest__Output, _berth_v1_ListWebhooksResponse__Output>
}
