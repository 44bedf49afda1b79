// A protobuf message with every field set, for the tests that compare two roots' codecs on the same bytes
// (agent-protos.test, ecs-client-protos.test).
import { createRequire } from 'node:module';
import type { Type } from 'protobufjs';

const require = createRequire(import.meta.url);
const protobuf = require('protobufjs') as typeof import('protobufjs');

/** A message of `type` with every field set (int64 as strings, enums as names), to `depth` levels. */
export function sample(type: Type, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of type.fieldsArray) {
    f.resolve();
    let v: unknown;
    if (f.resolvedType instanceof protobuf.Type) {
      if (depth > 6) continue;
      v = sample(f.resolvedType, depth + 1);
    } else if (f.resolvedType instanceof protobuf.Enum) v = Object.keys(f.resolvedType.values).at(-1);
    else if (f.type === 'string') v = `v-${f.name}`;
    else if (f.type === 'bool') v = true;
    else if (f.type === 'bytes') v = Buffer.from('berth');
    else if (/^(s|u)?int64$|fixed64$/.test(f.type)) v = '123456789012';
    else if (f.type === 'double' || f.type === 'float') v = 1.5;
    else v = 7;
    out[f.name] = f.map ? { k: v } : f.repeated ? [v] : v;
  }
  return out;
}
