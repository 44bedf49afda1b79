// Original file: protos/berth/v1/iam.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateAccessKeyRequest as _berth_v1_CreateAccessKeyRequest, CreateAccessKeyRequest__Output as _berth_v1_CreateAccessKeyRequest__Output } from '../../berth/v1/CreateAccessKeyRequest.js';
import type { CreateAccessKeyResponse as _berth_v1_CreateAccessKeyResponse, CreateAccessKeyResponse__Output as _berth_v1_CreateAccessKeyResponse__Output } from '../../berth/v1/CreateAccessKeyResponse.js';
import type { DeleteAccessKeyRequest as _berth_v1_DeleteAccessKeyRequest, DeleteAccessKeyRequest__Output as _berth_v1_DeleteAccessKeyRequest__Output } from '../../berth/v1/DeleteAccessKeyRequest.js';
import type { DeleteAccessKeyResponse as _berth_v1_DeleteAccessKeyResponse, DeleteAccessKeyResponse__Output as _berth_v1_DeleteAccessKeyResponse__Output } from '../../berth/v1/DeleteAccessKeyResponse.js';
import type { ListAccessKeysRequest as _berth_v1_ListAccessKeysRequest, ListAccessKeysRequest__Output as _berth_v1_ListAccessKeysRequest__Output } from '../../berth/v1/ListAccessKeysRequest.js';
import type { ListAccessKeysResponse as _berth_v1_ListAccessKeysResponse, ListAccessKeysResponse__Output as _berth_v1_ListAccessKeysResponse__Output } from '../../berth/v1/ListAccessKeysResponse.js';

export interface BerthIamClient extends grpc.Client {
  CreateAccessKey(argument: _berth_v1_CreateAccessKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateAccessKeyResponse__Output>): grpc.ClientUnaryCall;
  CreateAccessKey(argument: _berth_v1_CreateAccessKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_CreateAccessKeyResponse__Output>): grpc.ClientUnaryCall;
  CreateAccessKey(argument: _berth_v1_CreateAccessKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateAccessKeyResponse__Output>): grpc.ClientUnaryCall;
  CreateAccessKey(argument: _berth_v1_CreateAccessKeyRequest, callback: grpc.requestCallback<_berth_v1_CreateAccessKeyResponse__Output>): grpc.ClientUnaryCall;
  createAccessKey(argument: _berth_v1_CreateAccessKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateAccessKeyResponse__Output>): grpc.ClientUnaryCall;
  createAccessKey(argument: _berth_v1_CreateAccessKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_CreateAccessKeyResponse__Output>): grpc.ClientUnaryCall;
  createAccessKey(argument: _berth_v1_CreateAccessKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateAccessKeyResponse__Output>): grpc.ClientUnaryCall;
  createAccessKey(argument: _berth_v1_CreateAccessKeyRequest, callback: grpc.requestCallback<_berth_v1_CreateAccessKeyResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteAccessKey(argument: _berth_v1_DeleteAccessKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteAccessKeyResponse__Output>): grpc.ClientUnaryCall;
  DeleteAccessKey(argument: _berth_v1_DeleteAccessKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteAccessKeyResponse__Output>): grpc.ClientUnaryCall;
  DeleteAccessKey(argument: _berth_v1_DeleteAccessKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteAccessKeyResponse__Output>): grpc.ClientUnaryCall;
  DeleteAccessKey(argument: _berth_v1_DeleteAccessKeyRequest, callback: grpc.requestCallback<_berth_v1_DeleteAccessKeyResponse__Output>): grpc.ClientUnaryCall;
  deleteAccessKey(argument: _berth_v1_DeleteAccessKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteAccessKeyResponse__Output>): grpc.ClientUnaryCall;
  deleteAccessKey(argument: _berth_v1_DeleteAccessKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteAccessKeyResponse__Output>): grpc.ClientUnaryCall;
  deleteAccessKey(argument: _berth_v1_DeleteAccessKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteAccessKeyResponse__Output>): grpc.ClientUnaryCall;
  deleteAccessKey(argument: _berth_v1_DeleteAccessKeyRequest, callback: grpc.requestCallback<_berth_v1_DeleteAccessKeyResponse__Output>): grpc.ClientUnaryCall;
  
  ListAccessKeys(argument: _berth_v1_ListAccessKeysRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListAccessKeysResponse__Output>): grpc.ClientUnaryCall;
  ListAccessKeys(argument: _berth_v1_ListAccessKeysRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListAccessKeysResponse__Output>): grpc.ClientUnaryCall;
  ListAccessKeys(argument: _berth_v1_ListAccessKeysRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListAccessKeysResponse__Output>): grpc.ClientUnaryCall;
  ListAccessKeys(argument: _berth_v1_ListAccessKeysRequest, callback: grpc.requestCallback<_berth_v1_ListAccessKeysResponse__Output>): grpc.ClientUnaryCall;
  listAccessKeys(argument: _berth_v1_ListAccessKeysRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListAccessKeysResponse__Output>): grpc.ClientUnaryCall;
  listAccessKeys(argument: _berth_v1_ListAccessKeysRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListAccessKeysResponse__Output>): grpc.ClientUnaryCall;
  listAccessKeys(argument: _berth_v1_ListAccessKeysRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListAccessKeysResponse__Output>): grpc.ClientUnaryCall;
  listAccessKeys(argument: _berth_v1_ListAccessKeysRequest, callback: grpc.requestCallback<_berth_v1_ListAccessKeysResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface BerthIamHandlers extends grpc.UntypedServiceImplementation {
  CreateAccessKey: grpc.handleUnaryCall<_berth_v1_CreateAccessKeyRequest__Output, _berth_v1_CreateAccessKeyResponse>;
  
  DeleteAccessKey: grpc.handleUnaryCall<_berth_v1_DeleteAccessKeyRequest__Output, _berth_v1_DeleteAccessKeyResponse>;
  
  ListAccessKeys: grpc.handleUnaryCall<_berth_v1_ListAccessKeysRequest__Output, _berth_v1_ListAccessKeysResponse>;
  
}

export interface BerthIamDefinition extends grpc.ServiceDefinition {
  CreateAccessKey: MethodDefinition<_berth_v1_CreateAccessKeyRequest, _berth_v1_CreateAccessKeyResponse, _berth_v1_CreateAccessKeyRequest__Output, _berth_v1_CreateAccessKeyResponse__Output>
  DeleteAccessKey: MethodDefinition<_berth_v1_DeleteAccessKeyRequest, _berth_v1_DeleteAccessKeyResponse, _berth_v1_DeleteAccessKeyRequest__Output, _berth_v1_DeleteAccessKeyResponse__Output>
  ListAccessKeys: MethodDefinition<_berth_v1_ListAccessKeysRequest, _berth_v1_ListAccessKeysResponse, _berth_v1_ListAccessKeysRequest__Output, _berth_v1_ListAccessKeysResponse__Output>
}
