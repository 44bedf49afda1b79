// The agent's build-time descriptor (protos/berth/agent-client.json, agent-protos.ts) puts the same bytes on
// the wire as the server's protos (proto-loader on the .proto files, load.ts): each of its message types
// compiles to the same codecs as the full protos' type of that name, each method has the same path,
// streaming and serializers, and it holds every call the agent makes. `make gen` keeps it current
// (generated.test.ts runs gen-proto-types.mjs --check).
import t from 'tap';
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as grpc from '@grpc/grpc-js';
import type { Namespace, Root, Service, Type } from 'protobufjs';
import { FLEET_API } from '@berth/core/fleet-api.js';
import { ECS_API } from '@berth/core/model/ecs-api.js';
import { AGENT_DESCRIPTOR, agentService } from '../src/agent-protos.js';
import { sample } from './proto-sample.js';
import { LOAD_OPTIONS, loadApiService, loadBerthProtos } from '../src/load.js';

const require = createRequire(import.meta.url);
const protobuf = require('protobufjs') as typeof import('protobufjs');
// The server's root: Berth's protos as proto-loader loads them (its own loader, the same options).
const { loadProtosWithOptionsSync } = require('@grpc/proto-loader/build/src/util.js') as { loadProtosWithOptionsSync(f: string[], o: object): Root };
const full = loadProtosWithOptionsSync(['berth/v1/ecs.proto', 'berth/v1/agent.proto', 'berth/v1/fleet.proto'], LOAD_OPTIONS);
const agent = protobuf.Root.fromJSON(JSON.parse(readFileSync(AGENT_DESCRIPTOR, 'utf8')));
agent.resolveAll();

const v1 = (root: Root) => (root.lookup('berth.v1') as Namespace).nestedArray;
const types = (root: Root): Type[] => v1(root).filter((o): o is Type => o instanceof protobuf.Type);
const services = (root: Root): Service[] => v1(root).filter((o): o is Service => o instanceof protobuf.Service);


t.test('every message type of the descriptor compiles to the same codecs as the server\'s', async (t) => {
  const mine = types(agent);
  t.ok(mine.length > 50 && mine.length < types(full).length / 2, `${mine.length} of the ${types(full).length} types of agent.proto, ecs.proto and fleet.proto`);
  for (const a of mine) {
    const b = full.lookupType(a.fullName);
    a.setup();
    b.setup();
    for (const k of ['encode', 'decode', 'fromObject', 'toObject'] as const) {
      if (a[k].toString() !== b[k].toString()) t.fail(`${a.fullName}.${k} differs`);
    }
    // And the types their fields reach, in the same order (the codecs index them).
    t.same(a.fieldsArray.map((f) => [f.name, f.id, f.type, f.resolvedType?.fullName]), b.fieldsArray.map((f) => [f.name, f.id, f.type, f.resolvedType?.fullName]), a.fullName);
    const value = sample(a);
    const bytes = Buffer.from(a.encode(a.fromObject(value)).finish());
    if (!bytes.equals(Buffer.from(b.encode(b.fromObject(value)).finish()))) t.fail(`${a.fullName}: different bytes`);
  }
});

t.test('every method: the server\'s path, streaming and serializers', async (t) => {
  const server: Record<string, grpc.ServiceDefinition> = {
    'berth.v1.AgentService': loadBerthProtos().berth.v1.AgentService.service,
    'berth.v1.ECS': loadApiService(ECS_API).service,
    'berth.v1.BerthFleet': loadApiService(FLEET_API).service,
  };
  t.same(services(agent).map((s) => s.fullName.slice(1)).sort(), Object.keys(server).sort(), 'the agent stream, ECS and the fleet API');
  let n = 0;
  for (const s of services(agent)) {
    const name = s.fullName.slice(1);
    const mine = agentService(name).service;
    for (const m of s.methodsArray) {
      const a = mine[m.name]!, b = server[name]![m.name]!;
      t.same([a.path, a.requestStream, a.responseStream, a.originalName], [b.path, b.requestStream, b.responseStream, b.originalName], `${name}/${m.name}`);
      for (const [type, ser, des, serB, desB] of [
        [m.resolvedRequestType!, a.requestSerialize, a.requestDeserialize, b.requestSerialize, b.requestDeserialize],
        [m.resolvedResponseType!, a.responseSerialize, a.responseDeserialize, b.responseSerialize, b.responseDeserialize],
      ] as const) {
        const value = sample(type as Type);
        const bytes = ser(value);
        t.ok(bytes.equals(serB(value)), `${name}/${m.name}: ${type.name} serializes to the same bytes`);
        t.same(des(bytes), desB(bytes), `${name}/${m.name}: ${type.name} deserializes alike`);
        t.same(Object.keys(des(bytes) as object).sort(), Object.keys(value).sort(), `${type.name}: every field travels`);
      }
      n++;
    }
  }
  t.equal(n, 5, 'Connect, CreateCluster, RegisterContainerInstance, Join, RenewCertificate');
  t.same(LOAD_OPTIONS.longs, String, 'deserialized with load.ts\'s options');
});

// A call the agent makes that the descriptor lacks would fail at run time ("no gRPC method"): every
// `client.call('Action'` and `callApi(FLEET_API, 'Action'` in the agent's sources is one of its methods.
t.test('every call in the agent\'s sources is in the descriptor', async (t) => {
  const src = fileURLToPath(new URL('../../../agent/src', import.meta.url));
  const text = readdirSync(src, { recursive: true }).map(String).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(src, f), 'utf8')).join('\n');
  const calls = [...text.matchAll(/\.call\('(\w+)'/g)].map((m) => `berth.v1.ECS/${m[1]}`)
    .concat([...text.matchAll(/callApi\(FLEET_API, '(\w+)'/g)].map((m) => `berth.v1.BerthFleet/${m[1]}`));
  t.ok(calls.length >= 4, `found the agent's calls: ${[...new Set(calls)].join(', ')}`);
  t.notOk(/\.(sts|iam|callApi)\((?!FLEET_API)/.test(text.replace(/callApi\(FLEET_API/g, '')), 'no other API called');
  for (const c of new Set(calls)) {
    const [service, method] = c.split('/');
    t.ok(agentService(service!).service[method!], `${c} is in the descriptor`);
  }
});
