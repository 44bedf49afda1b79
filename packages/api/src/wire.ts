// Conversion between ECS model objects (what core and the store hold, with ECS's exact member names and
// JSON numbers) and what proto-loader sends and receives. Three differences, all driven by the model:
//  - the few member names protobufjs's camelCase cannot reproduce (bindIP <-> bindIp, ...),
//  - int64 (ECS `long`) travels as a string,
//  - proto3 cannot tell an empty list from an absent one, so on output ECS's default empty lists are
//    put back (core's ECS_LIST_DEFAULTS) where ECS always returns them.
import { SHAPES, WIRE_RENAMES, applyListDefaults } from '@berth/core';

const TO_WIRE: Record<string, string> = Object.fromEntries(Object.entries(WIRE_RENAMES).map(([w, m]) => [m, w]));

function walk(shapeName: string, value: unknown, dir: 'in' | 'out'): unknown {
  const shape = SHAPES[shapeName];
  if (value === null || value === undefined || !shape) return value;
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || Array.isArray(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const modelName = dir === 'in' ? (WIRE_RENAMES[k] ?? k) : k;
        const member = shape.members[modelName];
        const key = dir === 'in' ? modelName : (TO_WIRE[k] ?? k);
        out[key] = member ? walk(member, v, dir) : v;
      }
      return out;
    }
    case 'list':
      return Array.isArray(value) ? value.map((v) => walk(shape.member, v, dir)) : value;
    case 'map': {
      if (typeof value !== 'object') return value;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = walk(shape.value, v, dir);
      return out;
    }
    case 'long':
      return dir === 'in' && typeof value === 'string' ? Number(value) : value;
    default:
      return value;
  }
}

/** Model object -> the object proto-loader serializes. */
export function toWire<T>(shapeName: string, value: T): unknown {
  return walk(shapeName, value, 'out');
}

/** Decoded proto object -> model object. `listDefaults` restores ECS's always-present empty lists (responses only). */
export function fromWire<T>(shapeName: string, value: unknown, opts: { listDefaults?: boolean } = {}): T {
  const v = walk(shapeName, value, 'in');
  if (opts.listDefaults) applyListDefaults(shapeName, v);
  return v as T;
}
