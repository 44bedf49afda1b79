// The agent's gRPC services, from the descriptor `make gen` writes at build time (protos/berth/agent-client.json:
// the agent stream, registration, joining and renewing a certificate, and only the messages those reach),
// loaded with protobufjs/light. proto-loader, which the server and the CLI use (load.ts), parses every
// .proto file and builds descriptor objects for each of their 400 messages: 6 MiB of an idle agent's heap,
// where this takes under 2 (docs/agent.md, "Memory").
// The wire is the same: the types are the same protobufjs types (test/agent-protos.test.ts compares their
// generated codecs with the full protos'), and serialize and deserialize are proto-loader's own, with
// load.ts's options.
import * as grpc from '@grpc/grpc-js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ApiModel } from '@berth/core';
import { LOAD_OPTIONS, PROTO_ROOT } from './load.js';

type Protobuf = typeof import('protobufjs/light.js');
type MessageType = import('protobufjs/light.js').Type;

export const AGENT_DESCRIPTOR = `${PROTO_ROOT}/berth/agent-client.json`;

let services: Map<string, grpc.ServiceClientConstructor> | undefined;

/** A service of the agent's descriptor by its full name (berth.v1.AgentService, ...). */
export function agentService(grpcService: string): grpc.ServiceClientConstructor {
  services ??= loadAgentServices();
  const ctor = services.get(grpcService);
  if (!ctor) throw new Error(`${grpcService} is not in the agent's protos (scripts/gen-proto-types.mjs, AGENT_CLIENT)`);
  return ctor;
}

/** The service of a generated API (ECS, Fleet) from the agent's descriptor: BerthClient's `protos` option. */
export function agentApiService(api: ApiModel): grpc.ServiceClientConstructor {
  return agentService(api.grpcService);
}

// proto-loader's createSerializer and createDeserializer (also the ECS client's: ecs-client-protos.ts).
export function serializer(type: MessageType): (value: object) => Buffer {
  return (value) => {
    if (Array.isArray(value)) throw new Error(`Failed to serialize message: expected object with ${type.name} structure, got array instead`);
    return type.encode(type.fromObject(value)).finish() as Buffer;
  };
}
export function deserializer(type: MessageType): (buf: Buffer) => object {
  return (buf) => type.toObject(type.decode(buf), LOAD_OPTIONS);
}

function loadAgentServices(): Map<string, grpc.ServiceClientConstructor> {
  const protobuf = createRequire(import.meta.url)('protobufjs/light') as Protobuf;
  const root = protobuf.Root.fromJSON(JSON.parse(readFileSync(AGENT_DESCRIPTOR, 'utf8')));
  root.resolveAll();
  const out = new Map<string, grpc.ServiceClientConstructor>();
  const walk = (ns: import('protobufjs/light.js').NamespaceBase): void => {
    for (const obj of ns.nestedArray) {
      if (obj instanceof protobuf.Service) {
        const name = obj.fullName.slice(1);
        const def: Record<string, grpc.MethodDefinition<object, object>> = {};
        for (const m of obj.methodsArray) {
          const req = m.resolvedRequestType!, res = m.resolvedResponseType!;
          def[m.name] = {
            path: `/${name}/${m.name}`,
            requestStream: !!m.requestStream,
            responseStream: !!m.responseStream,
            requestSerialize: serializer(req),
            requestDeserialize: deserializer(req),
            responseSerialize: serializer(res),
            responseDeserialize: deserializer(res),
            originalName: m.name[0]!.toLowerCase() + m.name.slice(1),
          };
        }
        out.set(name, grpc.makeClientConstructor(def, name));
      } else if (obj instanceof protobuf.Namespace && !(obj instanceof protobuf.Type)) walk(obj);
    }
  };
  walk(root);
  return out;
}
