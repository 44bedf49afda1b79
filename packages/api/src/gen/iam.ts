import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AccessKey as _berth_v1_AccessKey, AccessKey__Output as _berth_v1_AccessKey__Output } from './berth/v1/AccessKey.js';
import type { BerthIamClient as _berth_v1_BerthIamClient, BerthIamDefinition as _berth_v1_BerthIamDefinition } from './berth/v1/BerthIam.js';
import type { CreateAccessKeyRequest as _berth_v1_CreateAccessKeyRequest, CreateAccessKeyRequest__Output as _berth_v1_CreateAccessKeyRequest__Output } from './berth/v1/CreateAccessKeyRequest.js';
import type { CreateAccessKeyResponse as _berth_v1_CreateAccessKeyResponse, CreateAccessKeyResponse__Output as _berth_v1_CreateAccessKeyResponse__Output } from './berth/v1/CreateAccessKeyResponse.js';
import type { DeleteAccessKeyRequest as _berth_v1_DeleteAccessKeyRequest, DeleteAccessKeyRequest__Output as _berth_v1_DeleteAccessKeyRequest__Output } from './berth/v1/DeleteAccessKeyRequest.js';
import type { DeleteAccessKeyResponse as _berth_v1_DeleteAccessKeyResponse, DeleteAccessKeyResponse__Output as _berth_v1_DeleteAccessKeyResponse__Output } from './berth/v1/DeleteAccessKeyResponse.js';
import type { ListAccessKeysRequest as _berth_v1_ListAccessKeysRequest, ListAccessKeysRequest__Output as _berth_v1_ListAccessKeysRequest__Output } from './berth/v1/ListAccessKeysRequest.js';
import type { ListAccessKeysResponse as _berth_v1_ListAccessKeysResponse, ListAccessKeysResponse__Output as _berth_v1_ListAccessKeysResponse__Output } from './berth/v1/ListAccessKeysResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  berth: {
    v1: {
      AccessKey: MessageTypeDefinition<_berth_v1_AccessKey, _berth_v1_AccessKey__Output>
      BerthIam: SubtypeConstructor<typeof grpc.Client, _berth_v1_BerthIamClient> & { service: _berth_v1_BerthIamDefinition }
      CreateAccessKeyRequest: MessageTypeDefinition<_berth_v1_CreateAccessKeyRequest, _berth_v1_CreateAccessKeyRequest__Output>
      CreateAccessKeyResponse: MessageTypeDefinition<_berth_v1_CreateAccessKeyResponse, _berth_v1_CreateAccessKeyResponse__Output>
      DeleteAccessKeyRequest: MessageTypeDefinition<_berth_v1_DeleteAccessKeyRequest, _berth_v1_DeleteAccessKeyRequest__Output>
      DeleteAccessKeyResponse: MessageTypeDefinition<_berth_v1_DeleteAccessKeyResponse, _berth_v1_DeleteAccessKeyResponse__Output>
      ListAccessKeysRequest: MessageTypeDefinition<_berth_v1_ListAccessKeysRequest, _berth_v1_ListAccessKeysRequest__Output>
      ListAccessKeysResponse: MessageTypeDefinition<_berth_v1_ListAccessKeysResponse, _berth_v1_ListAccessKeysResponse__Output>
    }
  }
}

