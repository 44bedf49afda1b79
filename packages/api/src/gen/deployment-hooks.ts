import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { BerthDeploymentHooksClient as _berth_v1_BerthDeploymentHooksClient, BerthDeploymentHooksDefinition as _berth_v1_BerthDeploymentHooksDefinition } from './berth/v1/BerthDeploymentHooks.js';
import type { CreateDeploymentHookRequest as _berth_v1_CreateDeploymentHookRequest, CreateDeploymentHookRequest__Output as _berth_v1_CreateDeploymentHookRequest__Output } from './berth/v1/CreateDeploymentHookRequest.js';
import type { CreateDeploymentHookResponse as _berth_v1_CreateDeploymentHookResponse, CreateDeploymentHookResponse__Output as _berth_v1_CreateDeploymentHookResponse__Output } from './berth/v1/CreateDeploymentHookResponse.js';
import type { DeleteDeploymentHookRequest as _berth_v1_DeleteDeploymentHookRequest, DeleteDeploymentHookRequest__Output as _berth_v1_DeleteDeploymentHookRequest__Output } from './berth/v1/DeleteDeploymentHookRequest.js';
import type { DeleteDeploymentHookResponse as _berth_v1_DeleteDeploymentHookResponse, DeleteDeploymentHookResponse__Output as _berth_v1_DeleteDeploymentHookResponse__Output } from './berth/v1/DeleteDeploymentHookResponse.js';
import type { DeploymentHook as _berth_v1_DeploymentHook, DeploymentHook__Output as _berth_v1_DeploymentHook__Output } from './berth/v1/DeploymentHook.js';
import type { ListDeploymentHooksRequest as _berth_v1_ListDeploymentHooksRequest, ListDeploymentHooksRequest__Output as _berth_v1_ListDeploymentHooksRequest__Output } from './berth/v1/ListDeploymentHooksRequest.js';
import type { ListDeploymentHooksResponse as _berth_v1_ListDeploymentHooksResponse, ListDeploymentHooksResponse__Output as _berth_v1_ListDeploymentHooksResponse__Output } from './berth/v1/ListDeploymentHooksResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  berth: {
    v1: {
      BerthDeploymentHooks: SubtypeConstructor<typeof grpc.Client, _berth_v1_BerthDeploymentHooksClient> & { service: _berth_v1_BerthDeploymentHooksDefinition }
      CreateDeploymentHookRequest: MessageTypeDefinition<_berth_v1_CreateDeploymentHookRequest, _berth_v1_CreateDeploymentHookRequest__Output>
      CreateDeploymentHookResponse: MessageTypeDefinition<_berth_v1_CreateDeploymentHookResponse, _berth_v1_CreateDeploymentHookResponse__Output>
      DeleteDeploymentHookRequest: MessageTypeDefinition<_berth_v1_DeleteDeploymentHookRequest, _berth_v1_DeleteDeploymentHookRequest__Output>
      DeleteDeploymentHookResponse: MessageTypeDefinition<_berth_v1_DeleteDeploymentHookResponse, _berth_v1_DeleteDeploymentHookResponse__Output>
      DeploymentHook: MessageTypeDefinition<_berth_v1_DeploymentHook, _berth_v1_DeploymentHook__Output>
      ListDeploymentHooksRequest: MessageTypeDefinition<_berth_v1_ListDeploymentHooksRequest, _berth_v1_ListDeploymentHooksRequest__Output>
      ListDeploymentHooksResponse: MessageTypeDefinition<_berth_v1_ListDeploymentHooksResponse, _berth_v1_ListDeploymentHooksResponse__Output>
    }
  }
}

