// The ECS client's build-time descriptor (protos/berth/ecs-client.json, ecs-client-protos.ts) puts the same
// bytes on the wire as the server's protos (proto-loader on the .proto files, load.ts): every method of
// berth.v1.ECS, with the server's path, streaming and original name; its codecs, built from the messages the
// method reaches alone, compile to the same code as the full protos' and serialize and deserialize a message
// with every field set (to depth 6) alike. `make gen` keeps it current (generated.test.ts).
import t from 'tap';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Root, Type } from 'protobufjs';
import { ECS_API } from '@berth/core/model/ecs-api.js';
import { ECS_CLIENT_DESCRIPTOR, ecsClientService } from '../src/ecs-client-protos.js';
import { clientApiService } from '../src/client.js';
import { sample } from './proto-sample.js';
import { LOAD_OPTIONS, loadApiService } from '../src/load.js';

const require = createRequire(import.meta.url);
const protobuf = require('protobufjs') as typeof import('protobufjs');
const { loadProtosWithOptionsSync } = require('@grpc/proto-loader/build/src/util.js') as { loadProtosWithOptionsSync(f: string[], o: object): Root };
const full = loadProtosWithOptionsSync(['berth/v1/ecs.proto'], LOAD_OPTIONS);
const descriptor = JSON.parse(readFileSync(ECS_CLIENT_DESCRIPTOR, 'utf8')) as { methods: Record<string, { types: string[] }> };


t.test('every ECS method: the server\'s path, streaming, name and serializers', async (t) => {
  const server = loadApiService(ECS_API).service;
  const mine = ecsClientService().service;
  t.same(Object.keys(mine).sort(), Object.keys(server).sort(), 'every method of berth.v1.ECS');
  t.ok(Object.keys(mine).length > 70, `${Object.keys(mine).length} methods`);
  t.equal(clientApiService(ECS_API), ecsClientService(), 'BerthClient\'s default for ECS');
  const service = full.lookupService('berth.v1.ECS');
  for (const m of service.methodsArray) {
    m.resolve();
    const a = mine[m.name]!, b = server[m.name]!;
    t.same([a.path, a.requestStream, a.responseStream, a.originalName], [b.path, b.requestStream, b.responseStream, b.originalName], m.name);
    for (const [type, ser, des, serB, desB] of [
      [m.resolvedRequestType!, a.requestSerialize, a.requestDeserialize, b.requestSerialize, b.requestDeserialize],
      [m.resolvedResponseType!, a.responseSerialize, a.responseDeserialize, b.responseSerialize, b.responseDeserialize],
    ] as const) {
      const value = sample(type);
      const bytes = ser(value);
      if (!bytes.equals(serB(value))) t.fail(`${m.name}: ${type.name} serializes to other bytes`);
      t.same(des(bytes), desB(bytes), `${m.name}: ${type.name} deserializes alike`);
      t.same(Object.keys(des(bytes) as object).sort(), Object.keys(value).sort(), `${m.name}: ${type.name}: every field travels`);
    }
  }
});

t.test('each method\'s messages compile to the full protos\' codecs', async (t) => {
  const all = JSON.parse(readFileSync(ECS_CLIENT_DESCRIPTOR, 'utf8')) as { types: Record<string, unknown> };
  let n = 0;
  for (const [name, m] of Object.entries(descriptor.methods)) {
    const root = protobuf.Root.fromJSON({ nested: { berth: { nested: { v1: { nested: Object.fromEntries(m.types.map((x) => [x, all.types[x]])) } } } } } as never);
    root.resolveAll();
    for (const x of m.types) {
      const a = root.lookup(`berth.v1.${x}`);
      const b = full.lookup(`berth.v1.${x}`);
      if (!(a instanceof protobuf.Type) || !(b instanceof protobuf.Type)) {
        t.same(a?.toJSON(), b?.toJSON(), `${name}: ${x}`);
        continue;
      }
      a.setup();
      b.setup();
      for (const k of ['encode', 'decode', 'fromObject', 'toObject'] as const) if (a[k].toString() !== b[k].toString()) t.fail(`${name}: ${x}.${k} differs`);
      const fields = (y: Type) => y.fieldsArray.map((f) => [f.name, f.id, f.type, f.repeated, f.map, f.optional, f.resolvedType?.fullName]);
      if (JSON.stringify(fields(a)) !== JSON.stringify(fields(b))) t.fail(`${name}: ${x}'s fields differ`);
      n++;
    }
  }
  t.ok(n > 1000, `${n} message types of the methods' roots compared`);
});
