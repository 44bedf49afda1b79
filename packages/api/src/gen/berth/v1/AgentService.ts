// Original file: protos/berth/v1/agent.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AgentMessage as _berth_v1_AgentMessage, AgentMessage__Output as _berth_v1_AgentMessage__Output } from '../../berth/v1/AgentMessage.js';
import type { ServerMessage as _berth_v1_ServerMessage, ServerMessage__Output as _berth_v1_ServerMessage__Output } from '../../berth/v1/ServerMessage.js';

export interface AgentServiceClient extends grpc.Client {
  Connect(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_berth_v1_AgentMessage, _berth_v1_ServerMessage__Output>;
  Connect(options?: grpc.CallOptions): grpc.ClientDuplexStream<_berth_v1_AgentMessage, _berth_v1_ServerMessage__Output>;
  connect(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_berth_v1_AgentMessage, _berth_v1_ServerMessage__Output>;
  connect(options?: grpc.CallOptions): grpc.ClientDuplexStream<_berth_v1_AgentMessage, _berth_v1_ServerMessage__Output>;
  
}

export interface AgentServiceHandlers extends grpc.UntypedServiceImplementation {
  Connect: grpc.handleBidiStreamingCall<_berth_v1_AgentMessage__Output, _berth_v1_ServerMessage>;
  
}

export interface AgentServiceDefinition extends grpc.ServiceDefinition {
  Connect: MethodDefinition<_berth_v1_AgentMessage, _berth_v1_ServerMessage, _berth_v1_AgentMessage__Output, _berth_v1_ServerMessage__Output>
}
