// Original file: protos/berth/v1/events.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { EventMessage as _berth_v1_EventMessage, EventMessage__Output as _berth_v1_EventMessage__Output } from '../../berth/v1/EventMessage.js';
import type { WatchEventsRequest as _berth_v1_WatchEventsRequest, WatchEventsRequest__Output as _berth_v1_WatchEventsRequest__Output } from '../../berth/v1/WatchEventsRequest.js';

export interface BerthEventsClient extends grpc.Client {
  WatchEvents(argument: _berth_v1_WatchEventsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_EventMessage__Output>;
  WatchEvents(argument: _berth_v1_WatchEventsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_EventMessage__Output>;
  watchEvents(argument: _berth_v1_WatchEventsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_EventMessage__Output>;
  watchEvents(argument: _berth_v1_WatchEventsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_EventMessage__Output>;
  
}

export interface BerthEventsHandlers extends grpc.UntypedServiceImplementation {
  WatchEvents: grpc.handleServerStreamingCall<_berth_v1_WatchEventsRequest__Output, _berth_v1_EventMessage>;
  
}

export interface BerthEventsDefinition extends grpc.ServiceDefinition {
  WatchEvents: MethodDefinition<_berth_v1_WatchEventsRequest, _berth_v1_EventMessage, _berth_v1_WatchEventsRequest__Output, _berth_v1_EventMessage__Output>
}
