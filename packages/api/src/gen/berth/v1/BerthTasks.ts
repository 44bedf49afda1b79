// Original file: protos/berth/v1/tasks.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ExecInput as _berth_v1_ExecInput, ExecInput__Output as _berth_v1_ExecInput__Output } from '../../berth/v1/ExecInput.js';
import type { GetTaskLogsRequest as _berth_v1_GetTaskLogsRequest, GetTaskLogsRequest__Output as _berth_v1_GetTaskLogsRequest__Output } from '../../berth/v1/GetTaskLogsRequest.js';
import type { TaskOutput as _berth_v1_TaskOutput, TaskOutput__Output as _berth_v1_TaskOutput__Output } from '../../berth/v1/TaskOutput.js';

export interface BerthTasksClient extends grpc.Client {
  ExecuteCommand(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_berth_v1_ExecInput, _berth_v1_TaskOutput__Output>;
  ExecuteCommand(options?: grpc.CallOptions): grpc.ClientDuplexStream<_berth_v1_ExecInput, _berth_v1_TaskOutput__Output>;
  executeCommand(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_berth_v1_ExecInput, _berth_v1_TaskOutput__Output>;
  executeCommand(options?: grpc.CallOptions): grpc.ClientDuplexStream<_berth_v1_ExecInput, _berth_v1_TaskOutput__Output>;
  
  GetTaskLogs(argument: _berth_v1_GetTaskLogsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_TaskOutput__Output>;
  GetTaskLogs(argument: _berth_v1_GetTaskLogsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_TaskOutput__Output>;
  getTaskLogs(argument: _berth_v1_GetTaskLogsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_TaskOutput__Output>;
  getTaskLogs(argument: _berth_v1_GetTaskLogsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_TaskOutput__Output>;
  
}

export interface BerthTasksHandlers extends grpc.UntypedServiceImplementation {
  ExecuteCommand: grpc.handleBidiStreamingCall<_berth_v1_ExecInput__Output, _berth_v1_TaskOutput>;
  
  GetTaskLogs: grpc.handleServerStreamingCall<_berth_v1_GetTaskLogsRequest__Output, _berth_v1_TaskOutput>;
  
}

export interface BerthTasksDefinition extends grpc.ServiceDefinition {
  ExecuteCommand: MethodDefinition<_berth_v1_ExecInput, _berth_v1_TaskOutput, _berth_v1_ExecInput__Output, _berth_v1_TaskOutput__Output>
  GetTaskLogs: MethodDefinition<_berth_v1_GetTaskLogsRequest, _berth_v1_TaskOutput, _berth_v1_GetTaskLogsRequest__Output, _berth_v1_TaskOutput__Output>
}
