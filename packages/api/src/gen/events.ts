import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { BerthEventsClient as _berth_v1_BerthEventsClient, BerthEventsDefinition as _berth_v1_BerthEventsDefinition } from './berth/v1/BerthEvents.js';
import type { EventMessage as _berth_v1_EventMessage, EventMessage__Output as _berth_v1_EventMessage__Output } from './berth/v1/EventMessage.js';
import type { WatchEventsRequest as _berth_v1_WatchEventsRequest, WatchEventsRequest__Output as _berth_v1_WatchEventsRequest__Output } from './berth/v1/WatchEventsRequest.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  berth: {
    v1: {
      BerthEvents: SubtypeConstructor<typeof grpc.Client, _berth_v1_BerthEventsClient> & { service: _berth_v1_BerthEventsDefinition }
      EventMessage: MessageTypeDefinition<_berth_v1_EventMessage, _berth_v1_EventMessage__Output>
      WatchEventsRequest: MessageTypeDefinition<_berth_v1_WatchEventsRequest, _berth_v1_WatchEventsRequest__Output>
    }
  }
}

