// The ECS service as BerthClient calls it, from the descriptor `make gen` writes (protos/berth/ecs-client.json:
// each method of berth.v1.ECS with the names of the messages it reaches, and those messages as protobufjs's
// JSON). A method's codecs are built from its own messages, with protobufjs/light, at its first call: a client
// process (the CLI, an SDK user, the bench's RunTask callers) no longer parses every .proto file and builds
// proto-loader's descriptor objects for all of Berth's messages before its first call (~250 ms of CPU; a
// RunTask's 29 messages take a few ms: docs/benchmarks.md, "callers (session 15)").
// The wire is the same: the messages are the same protobufjs types, and serialize and deserialize are
// proto-loader's own with load.ts's options (test/ecs-client-protos.test.ts compares every method's with the
// server's). The server keeps proto-loader (load.ts): it serves every service.
import * as grpc from '@grpc/grpc-js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PROTO_ROOT } from './load.js';
import { deserializer, serializer } from './agent-protos.js';

type Protobuf = typeof import('protobufjs/light.js');
type MessageType = import('protobufjs/light.js').Type;

export const ECS_CLIENT_DESCRIPTOR = `${PROTO_ROOT}/berth/ecs-client.json`;

interface Descriptor {
  service: string;
  methods: Record<string, { requestType: string; responseType: string; requestStream?: true; responseStream?: true; types: string[] }>;
  types: Record<string, unknown>;
}

let ctor: grpc.ServiceClientConstructor | undefined;

/** berth.v1.ECS's client constructor (`.service`: its definition), each method's codecs made at its first use. */
export function ecsClientService(): grpc.ServiceClientConstructor {
  ctor ??= build();
  return ctor;
}

function build(): grpc.ServiceClientConstructor {
  const d = JSON.parse(readFileSync(ECS_CLIENT_DESCRIPTOR, 'utf8')) as Descriptor;
  let protobuf: Protobuf | undefined;
  const def: Record<string, grpc.MethodDefinition<object, object>> = {};
  for (const [name, m] of Object.entries(d.methods)) {
    let codecs: { requestSerialize(v: object): Buffer; requestDeserialize(b: Buffer): object; responseSerialize(v: object): Buffer; responseDeserialize(b: Buffer): object } | undefined;
    // The method's own root: only the messages it reaches, each a top-level message of berth.v1 as in ecs.proto.
    const codec = () => {
      if (codecs === undefined) {
        protobuf ??= createRequire(import.meta.url)('protobufjs/light') as Protobuf;
        const nested = Object.fromEntries(m.types.map((t) => [t, d.types[t]]));
        const root = protobuf.Root.fromJSON({ nested: { berth: { nested: { v1: { nested } } } } } as Parameters<Protobuf['Root']['fromJSON']>[0]);
        const req = root.lookupType(`berth.v1.${m.requestType}`) as MessageType;
        const res = root.lookupType(`berth.v1.${m.responseType}`) as MessageType;
        codecs = { requestSerialize: serializer(req), requestDeserialize: deserializer(req), responseSerialize: serializer(res), responseDeserialize: deserializer(res) };
      }
      return codecs;
    };
    def[name] = {
      path: `/${d.service}/${name}`,
      requestStream: m.requestStream === true,
      responseStream: m.responseStream === true,
      requestSerialize: (v) => codec().requestSerialize(v),
      requestDeserialize: (b) => codec().requestDeserialize(b),
      responseSerialize: (v) => codec().responseSerialize(v),
      responseDeserialize: (b) => codec().responseDeserialize(b),
      originalName: name[0]!.toLowerCase() + name.slice(1),
    };
  }
  return grpc.makeClientConstructor(def, d.service);
}
