import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { BerthCapacityClient as _berth_v1_BerthCapacityClient, BerthCapacityDefinition as _berth_v1_BerthCapacityDefinition } from './berth/v1/BerthCapacity.js';
import type { CreateScaleHookRequest as _berth_v1_CreateScaleHookRequest, CreateScaleHookRequest__Output as _berth_v1_CreateScaleHookRequest__Output } from './berth/v1/CreateScaleHookRequest.js';
import type { CreateScaleHookResponse as _berth_v1_CreateScaleHookResponse, CreateScaleHookResponse__Output as _berth_v1_CreateScaleHookResponse__Output } from './berth/v1/CreateScaleHookResponse.js';
import type { DeleteScaleHookRequest as _berth_v1_DeleteScaleHookRequest, DeleteScaleHookRequest__Output as _berth_v1_DeleteScaleHookRequest__Output } from './berth/v1/DeleteScaleHookRequest.js';
import type { DeleteScaleHookResponse as _berth_v1_DeleteScaleHookResponse, DeleteScaleHookResponse__Output as _berth_v1_DeleteScaleHookResponse__Output } from './berth/v1/DeleteScaleHookResponse.js';
import type { ListScaleHooksRequest as _berth_v1_ListScaleHooksRequest, ListScaleHooksRequest__Output as _berth_v1_ListScaleHooksRequest__Output } from './berth/v1/ListScaleHooksRequest.js';
import type { ListScaleHooksResponse as _berth_v1_ListScaleHooksResponse, ListScaleHooksResponse__Output as _berth_v1_ListScaleHooksResponse__Output } from './berth/v1/ListScaleHooksResponse.js';
import type { ScaleHook as _berth_v1_ScaleHook, ScaleHook__Output as _berth_v1_ScaleHook__Output } from './berth/v1/ScaleHook.js';
import type { ScaleHookCall as _berth_v1_ScaleHookCall, ScaleHookCall__Output as _berth_v1_ScaleHookCall__Output } from './berth/v1/ScaleHookCall.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  berth: {
    v1: {
      BerthCapacity: SubtypeConstructor<typeof grpc.Client, _berth_v1_BerthCapacityClient> & { service: _berth_v1_BerthCapacityDefinition }
      CreateScaleHookRequest: MessageTypeDefinition<_berth_v1_CreateScaleHookRequest, _berth_v1_CreateScaleHookRequest__Output>
      CreateScaleHookResponse: MessageTypeDefinition<_berth_v1_CreateScaleHookResponse, _berth_v1_CreateScaleHookResponse__Output>
      DeleteScaleHookRequest: MessageTypeDefinition<_berth_v1_DeleteScaleHookRequest, _berth_v1_DeleteScaleHookRequest__Output>
      DeleteScaleHookResponse: MessageTypeDefinition<_berth_v1_DeleteScaleHookResponse, _berth_v1_DeleteScaleHookResponse__Output>
      ListScaleHooksRequest: MessageTypeDefinition<_berth_v1_ListScaleHooksRequest, _berth_v1_ListScaleHooksRequest__Output>
      ListScaleHooksResponse: MessageTypeDefinition<_berth_v1_ListScaleHooksResponse, _berth_v1_ListScaleHooksResponse__Output>
      ScaleHook: MessageTypeDefinition<_berth_v1_ScaleHook, _berth_v1_ScaleHook__Output>
      ScaleHookCall: MessageTypeDefinition<_berth_v1_ScaleHookCall, _berth_v1_ScaleHookCall__Output>
    }
  }
}

