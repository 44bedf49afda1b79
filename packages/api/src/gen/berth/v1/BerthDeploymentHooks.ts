// Original file: protos/berth/v1/deployment-hooks.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateDeploymentHookRequest as _berth_v1_CreateDeploymentHookRequest, CreateDeploymentHookRequest__Output as _berth_v1_CreateDeploymentHookRequest__Output } from '../../berth/v1/CreateDeploymentHookRequest.js';
import type { CreateDeploymentHookResponse as _berth_v1_CreateDeploymentHookResponse, CreateDeploymentHookResponse__Output as _berth_v1_CreateDeploymentHookResponse__Output } from '../../berth/v1/CreateDeploymentHookResponse.js';
import type { DeleteDeploymentHookRequest as _berth_v1_DeleteDeploymentHookRequest, DeleteDeploymentHookRequest__Output as _berth_v1_DeleteDeploymentHookRequest__Output } from '../../berth/v1/DeleteDeploymentHookRequest.js';
import type { DeleteDeploymentHookResponse as _berth_v1_DeleteDeploymentHookResponse, DeleteDeploymentHookResponse__Output as _berth_v1_DeleteDeploymentHookResponse__Output } from '../../berth/v1/DeleteDeploymentHookResponse.js';
import type { ListDeploymentHooksRequest as _berth_v1_ListDeploymentHooksRequest, ListDeploymentHooksRequest__Output as _berth_v1_ListDeploymentHooksRequest__Output } from '../../berth/v1/ListDeploymentHooksRequest.js';
import type { ListDeploymentHooksResponse as _berth_v1_ListDeploymentHooksResponse, ListDeploymentHooksResponse__Output as _berth_v1_ListDeploymentHooksResponse__Output } from '../../berth/v1/ListDeploymentHooksResponse.js';

export interface BerthDeploymentHooksClient extends grpc.Client {
  CreateDeploymentHook(argument: _berth_v1_CreateDeploymentHookRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateDeploymentHookResponse__Output>): grpc.ClientUnaryCall;
  CreateDeploymentHook(argument: _berth_v1_CreateDeploymentHookRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_CreateDeploymentHookResponse__Output>): grpc.ClientUnaryCall;
  CreateDeploymentHook(argument: _berth_v1_CreateDeploymentHookRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateDeploymentHookResponse__Output>): grpc.ClientUnaryCall;
  CreateDeploymentHook(argument: _berth_v1_CreateDeploymentHookRequest, callback: grpc.requestCallback<_berth_v1_CreateDeploymentHookResponse__Output>): grpc.ClientUnaryCall;
  createDeploymentHook(argument: _berth_v1_CreateDeploymentHookRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateDeploymentHookResponse__Output>): grpc.ClientUnaryCall;
  createDeploymentHook(argument: _berth_v1_CreateDeploymentHookRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_CreateDeploymentHookResponse__Output>): grpc.ClientUnaryCall;
  createDeploymentHook(argument: _berth_v1_CreateDeploymentHookRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateDeploymentHookResponse__Output>): grpc.ClientUnaryCall;
  createDeploymentHook(argument: _berth_v1_CreateDeploymentHookRequest, callback: grpc.requestCallback<_berth_v1_CreateDeploymentHookResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteDeploymentHook(argument: _berth_v1_DeleteDeploymentHookRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteDeploymentHookResponse__Output>): grpc.ClientUnaryCall;
  DeleteDeploymentHook(argument: _berth_v1_DeleteDeploymentHookRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteDeploymentHookResponse__Output>): grpc.ClientUnaryCall;
  DeleteDeploymentHook(argument: _berth_v1_DeleteDeploymentHookRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteDeploymentHookResponse__Output>): grpc.ClientUnaryCall;
  DeleteDeploymentHook(argument: _berth_v1_DeleteDeploymentHookRequest, callback: grpc.requestCallback<_berth_v1_DeleteDeploymentHookResponse__Output>): grpc.ClientUnaryCall;
  deleteDeploymentHook(argument: _berth_v1_DeleteDeploymentHookRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteDeploymentHookResponse__Output>): grpc.ClientUnaryCall;
  deleteDeploymentHook(argument: _berth_v1_DeleteDeploymentHookRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteDeploymentHookResponse__Output>): grpc.ClientUnaryCall;
  deleteDeploymentHook(argument: _berth_v1_DeleteDeploymentHookRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteDeploymentHookResponse__Output>): grpc.ClientUnaryCall;
  deleteDeploymentHook(argument: _berth_v1_DeleteDeploymentHookRequest, callback: grpc.requestCallback<_berth_v1_DeleteDeploymentHookResponse__Output>): grpc.ClientUnaryCall;
  
  ListDeploymentHooks(argument: _berth_v1_ListDeploymentHooksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListDeploymentHooksResponse__Output>): grpc.ClientUnaryCall;
  ListDeploymentHooks(argument: _berth_v1_ListDeploymentHooksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListDeploymentHooksResponse__Output>): grpc.ClientUnaryCall;
  ListDeploymentHooks(argument: _berth_v1_ListDeploymentHooksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListDeploymentHooksResponse__Output>): grpc.ClientUnaryCall;
  ListDeploymentHooks(argument: _berth_v1_ListDeploymentHooksRequest, callback: grpc.requestCallback<_berth_v1_ListDeploymentHooksResponse__Output>): grpc.ClientUnaryCall;
  listDeploymentHooks(argument: _berth_v1_ListDeploymentHooksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListDeploymentHooksResponse__Output>): grpc.ClientUnaryCall;
  listDeploymentHooks(argument: _berth_v1_ListDeploymentHooksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListDeploymentHooksResponse__Output>): grpc.ClientUnaryCall;
  listDeploymentHooks(argument: _berth_v1_ListDeploymentHooksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListDeploymentHooksResponse__Output>): grpc.ClientUnaryCall;
  listDeploymentHooks(argument: _berth_v1_ListDeploymentHooksRequest, callback: grpc.requestCallback<_berth_v1_ListDeploymentHooksResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface BerthDeploymentHooksHandlers extends grpc.UntypedServiceImplementation {
  CreateDeploymentHook: grpc.handleUnaryCall<_berth_v1_CreateDeploymentHookRequest__Output, _berth_v1_CreateDeploymentHookResponse>;
  
  DeleteDeploymentHook: grpc.handleUnaryCall<_berth_v1_DeleteDeploymentHookRequest__Output, _berth_v1_DeleteDeploymentHookResponse>;
  
  ListDeploymentHooks: grpc.handleUnaryCall<_berth_v1_ListDeploymentHooksRequest__Output, _berth_v1_ListDeploymentHooksResponse>;
  
}

export interface BerthDeploymentHooksDefinition extends grpc.ServiceDefinition {
  CreateDeploymentHook: MethodDefinition<_berth_v1_CreateDeploymentHookRequest, _berth_v1_CreateDeploymentHookResponse, _berth_v1_CreateDeploymentHookRequest__Output, _berth_v1_CreateDeploymentHookResponse__Output>
  DeleteDeploymentHook: MethodDefinition<_berth_v1_DeleteDeploymentHookRequest, _berth_v1_DeleteDeploymentHookResponse, _berth_v1_DeleteDeploymentHookRequest__Output, _berth_v1_DeleteDeploymentHookResponse__Output>
  ListDeploymentHooks: MethodDefinition<_berth_v1_ListDeploymentHooksRequest, _berth_v1_ListDeploymentHooksResponse, _berth_v1_ListDeploymentHooksRequest__Output, _berth_v1_ListDeploymentHooksResponse__Output>
}
