// Original file: protos/berth/v1/capacity.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateScaleHookRequest as _berth_v1_CreateScaleHookRequest, CreateScaleHookRequest__Output as _berth_v1_CreateScaleHookRequest__Output } from '../../berth/v1/CreateScaleHookRequest.js';
import type { CreateScaleHookResponse as _berth_v1_CreateScaleHookResponse, CreateScaleHookResponse__Output as _berth_v1_CreateScaleHookResponse__Output } from '../../berth/v1/CreateScaleHookResponse.js';
import type { DeleteScaleHookRequest as _berth_v1_DeleteScaleHookRequest, DeleteScaleHookRequest__Output as _berth_v1_DeleteScaleHookRequest__Output } from '../../berth/v1/DeleteScaleHookRequest.js';
import type { DeleteScaleHookResponse as _berth_v1_DeleteScaleHookResponse, DeleteScaleHookResponse__Output as _berth_v1_DeleteScaleHookResponse__Output } from '../../berth/v1/DeleteScaleHookResponse.js';
import type { ListScaleHooksRequest as _berth_v1_ListScaleHooksRequest, ListScaleHooksRequest__Output as _berth_v1_ListScaleHooksRequest__Output } from '../../berth/v1/ListScaleHooksRequest.js';
import type { ListScaleHooksResponse as _berth_v1_ListScaleHooksResponse, ListScaleHooksResponse__Output as _berth_v1_ListScaleHooksResponse__Output } from '../../berth/v1/ListScaleHooksResponse.js';

export interface BerthCapacityClient extends grpc.Client {
  CreateScaleHook(argument: _berth_v1_CreateScaleHookRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateScaleHookResponse__Output>): grpc.ClientUnaryCall;
  CreateScaleHook(argument: _berth_v1_CreateScaleHookRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_CreateScaleHookResponse__Output>): grpc.ClientUnaryCall;
  CreateScaleHook(argument: _berth_v1_CreateScaleHookRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateScaleHookResponse__Output>): grpc.ClientUnaryCall;
  CreateScaleHook(argument: _berth_v1_CreateScaleHookRequest, callback: grpc.requestCallback<_berth_v1_CreateScaleHookResponse__Output>): grpc.ClientUnaryCall;
  createScaleHook(argument: _berth_v1_CreateScaleHookRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateScaleHookResponse__Output>): grpc.ClientUnaryCall;
  createScaleHook(argument: _berth_v1_CreateScaleHookRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_CreateScaleHookResponse__Output>): grpc.ClientUnaryCall;
  createScaleHook(argument: _berth_v1_CreateScaleHookRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateScaleHookResponse__Output>): grpc.ClientUnaryCall;
  createScaleHook(argument: _berth_v1_CreateScaleHookRequest, callback: grpc.requestCallback<_berth_v1_CreateScaleHookResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteScaleHook(argument: _berth_v1_DeleteScaleHookRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteScaleHookResponse__Output>): grpc.ClientUnaryCall;
  DeleteScaleHook(argument: _berth_v1_DeleteScaleHookRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteScaleHookResponse__Output>): grpc.ClientUnaryCall;
  DeleteScaleHook(argument: _berth_v1_DeleteScaleHookRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteScaleHookResponse__Output>): grpc.ClientUnaryCall;
  DeleteScaleHook(argument: _berth_v1_DeleteScaleHookRequest, callback: grpc.requestCallback<_berth_v1_DeleteScaleHookResponse__Output>): grpc.ClientUnaryCall;
  deleteScaleHook(argument: _berth_v1_DeleteScaleHookRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteScaleHookResponse__Output>): grpc.ClientUnaryCall;
  deleteScaleHook(argument: _berth_v1_DeleteScaleHookRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteScaleHookResponse__Output>): grpc.ClientUnaryCall;
  deleteScaleHook(argument: _berth_v1_DeleteScaleHookRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteScaleHookResponse__Output>): grpc.ClientUnaryCall;
  deleteScaleHook(argument: _berth_v1_DeleteScaleHookRequest, callback: grpc.requestCallback<_berth_v1_DeleteScaleHookResponse__Output>): grpc.ClientUnaryCall;
  
  ListScaleHooks(argument: _berth_v1_ListScaleHooksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListScaleHooksResponse__Output>): grpc.ClientUnaryCall;
  ListScaleHooks(argument: _berth_v1_ListScaleHooksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListScaleHooksResponse__Output>): grpc.ClientUnaryCall;
  ListScaleHooks(argument: _berth_v1_ListScaleHooksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListScaleHooksResponse__Output>): grpc.ClientUnaryCall;
  ListScaleHooks(argument: _berth_v1_ListScaleHooksRequest, callback: grpc.requestCallback<_berth_v1_ListScaleHooksResponse__Output>): grpc.ClientUnaryCall;
  listScaleHooks(argument: _berth_v1_ListScaleHooksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListScaleHooksResponse__Output>): grpc.ClientUnaryCall;
  listScaleHooks(argument: _berth_v1_ListScaleHooksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListScaleHooksResponse__Output>): grpc.ClientUnaryCall;
  listScaleHooks(argument: _berth_v1_ListScaleHooksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListScaleHooksResponse__Output>): grpc.ClientUnaryCall;
  listScaleHooks(argument: _berth_v1_ListScaleHooksRequest, callback: grpc.requestCallback<_berth_v1_ListScaleHooksResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface BerthCapacityHandlers extends grpc.UntypedServiceImplementation {
  CreateScaleHook: grpc.handleUnaryCall<_berth_v1_CreateScaleHookRequest__Output, _berth_v1_CreateScaleHookResponse>;
  
  DeleteScaleHook: grpc.handleUnaryCall<_berth_v1_DeleteScaleHookRequest__Output, _berth_v1_DeleteScaleHookResponse>;
  
  ListScaleHooks: grpc.handleUnaryCall<_berth_v1_ListScaleHooksRequest__Output, _berth_v1_ListScaleHooksResponse>;
  
}

export interface BerthCapacityDefinition extends grpc.ServiceDefinition {
  CreateScaleHook: MethodDefinition<_berth_v1_CreateScaleHookRequest, _berth_v1_CreateScaleHookResponse, _berth_v1_CreateScaleHookRequest__Output, _berth_v1_CreateScaleHookResponse__Output>
  DeleteScaleHook: MethodDefinition<_berth_v1_DeleteScaleHookRequest, _berth_v1_DeleteScaleHookResponse, _berth_v1_DeleteScaleHookRequest__Output, _berth_v1_DeleteScaleHookResponse__Output>
  ListScaleHooks: MethodDefinition<_berth_v1_ListScaleHooksRequest, _berth_v1_ListScaleHooksResponse, _berth_v1_ListScaleHooksRequest__Output, _berth_v1_ListScaleHooksResponse__Output>
}
