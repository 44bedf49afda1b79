// Loads Berth's protos with proto-loader. The options are fixed by the conventions and MUST match the
// flags scripts/gen-proto-types.mjs gives the type generator: snake_case proto fields load as ECS's
// camelCase, absent fields stay absent (defaults: false), no synthetic oneof keys for optional fields,
// int64 as strings (converted back to numbers by wire.ts), enums as strings.
// proto-loader itself is loaded at the first load: the agent, which imports this module through client.ts,
// never loads it (it reads its own protos' descriptor through agent-protos.ts).
import * as grpc from '@grpc/grpc-js';
import type { Options } from '@grpc/proto-loader';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ApiModel } from '@berth/core';
import type { ProtoGrpcType as EcsProto } from './gen/ecs.js';
import type { ProtoGrpcType as AgentProto } from './gen/agent.js';
import type { ProtoGrpcType as IamProto } from './gen/iam.js';
import type { ProtoGrpcType as EventsProto } from './gen/events.js';
import type { ProtoGrpcType as TasksProto } from './gen/tasks.js';

type ProtoGrpcType = EcsProto & AgentProto & IamProto & EventsProto & TasksProto;

export const PROTO_ROOT = fileURLToPath(new URL('../../../../protos', import.meta.url));

export const LOAD_OPTIONS: Options = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: false,
  oneofs: false,
  includeDirs: [PROTO_ROOT],
};

let cached: ProtoGrpcType | undefined;

let protoLoader: typeof import('@grpc/proto-loader') | undefined;
function loadSync(files: string | string[], options: Options): ReturnType<typeof import('@grpc/proto-loader').loadSync> {
  protoLoader ??= createRequire(import.meta.url)('@grpc/proto-loader') as typeof import('@grpc/proto-loader');
  return protoLoader.loadSync(files, options);
}

/** The loaded berth.v1 package (loaded once per process). */
export function loadBerthProtos(): ProtoGrpcType {
  cached ??= grpc.loadPackageDefinition(loadSync(['berth/v1/ecs.proto', 'berth/v1/agent.proto', 'berth/v1/iam.proto', 'berth/v1/events.proto', 'berth/v1/tasks.proto'], LOAD_OPTIONS)) as unknown as ProtoGrpcType;
  return cached;
}

const apiServices = new Map<string, grpc.ServiceClientConstructor>();

/** The gRPC service of a generated API (its client constructor; `.service` is its definition). */
export function loadApiService(api: ApiModel): grpc.ServiceClientConstructor {
  let ctor = apiServices.get(api.grpcService);
  if (!ctor) {
    const root = api.protoFile === 'berth/v1/ecs.proto' ? (loadBerthProtos() as unknown as grpc.GrpcObject) : grpc.loadPackageDefinition(loadSync(api.protoFile, LOAD_OPTIONS));
    let node: unknown = root;
    for (const part of api.grpcService.split('.')) node = (node as Record<string, unknown>)[part];
    ctor = node as grpc.ServiceClientConstructor;
    apiServices.set(api.grpcService, ctor);
  }
  return ctor;
}
