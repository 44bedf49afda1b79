// Conversion between model objects (what core, the handlers and the store hold, with the model's exact
// member names and JSON numbers) and what proto-loader sends and receives. The differences, all driven by
// the API's model (ECS's unless told):
//  - member names protobufjs's camelCase cannot reproduce (bindIP <-> bindIp, STS's UserId <-> userId),
//  - int64 (`long`) travels as a string,
//  - proto3 cannot tell an empty list or map from an absent one, so every message with list or map members
//    carries `berthPresentMembers`, the names of those present (even empty): `[]` on one side is `[]` on
//    the other, and handlers never see the transport,
//  - a list of lists or maps travels as wrapper messages `{value}`, and so does each value of a map of them,
//  - a document (botocore's any-JSON-value shape: ECS's HookDetails) travels as its JSON text, `{berthJson}`.
// `listDefaults` still puts back ECS's always-present empty lists (core's ECS_LIST_DEFAULTS) in answers
// from servers that predate the presence field.
import type { ApiModel } from '@berth/core';
import { ECS_API } from '@berth/core/model/ecs-api.js';
import { applyListDefaults } from '@berth/core/defaults.js';

/** The presence field as proto-loader names it (scripts/gen-model.mjs's PRESENCE_FIELD). */
export const PRESENCE_KEY = 'berthPresentMembers';
/** A document's field as proto-loader names it (scripts/gen-model.mjs's DOCUMENT_FIELD). */
export const DOCUMENT_KEY = 'berthJson';

const toWireNames = new WeakMap<ApiModel, Record<string, string>>();
function toWireName(api: ApiModel, member: string, shapeRenames: Record<string, string> | undefined): string {
  const own = shapeRenames && Object.entries(shapeRenames).find(([, m]) => m === member);
  if (own) return own[0];
  let names = toWireNames.get(api);
  if (!names) {
    names = Object.fromEntries(Object.entries(api.renames).map(([w, m]) => [m, w]));
    toWireNames.set(api, names);
  }
  return names[member] ?? member;
}

type Shape = ApiModel['shapes'][string];
type Structure = Extract<Shape, { type: 'structure' }>;

/** How a structure's member leaves: its wire name, its shape, whether it is a list or map (presence). */
interface OutMember {
  key: string;
  /** The member's shape when its value needs converting (a structure, list or map); else undefined: it goes as it is. */
  member: string | undefined;
  collection: boolean;
}
const outMembers = new WeakMap<Structure, Map<string, OutMember>>();
/** A member's way out, worked out once per shape and name: every assignment and answer carries tasks. */
function outMember(api: ApiModel, shape: Structure, k: string): OutMember {
  let byName = outMembers.get(shape);
  if (!byName) outMembers.set(shape, (byName = new Map()));
  let m = byName.get(k);
  if (!m) {
    const member = shape.members[k];
    // On the way out only structures, lists and maps change (a long stays a number or string as given):
    // the scalars that make most of a Task skip walk() and its shape lookup.
    const t = member === undefined ? undefined : api.shapes[member]?.type;
    const converts = t === 'structure' || t === 'list' || t === 'map';
    byName.set(k, (m = { key: toWireName(api, k, shape.renames), member: converts ? member : undefined, collection: t === 'list' || t === 'map' }));
  }
  return m;
}

/** A structure on its way out: members renamed for the wire, and the presence of lists and maps. */
function structureOut(api: ApiModel, shape: Structure, value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let present: string[] | undefined;
  for (const k in value) {
    if (!Object.hasOwn(value, k)) continue;
    const v = value[k];
    const m = outMember(api, shape, k);
    out[m.key] = m.member !== undefined ? walk(api, m.member, v, 'out') : v;
    if (m.collection && v !== undefined && v !== null) (present ??= []).push(k);
  }
  if (shape.presence && present !== undefined) out[PRESENCE_KEY] = present;
  return out;
}

function walk(api: ApiModel, shapeName: string, value: unknown, dir: 'in' | 'out'): unknown {
  const shape = api.shapes[shapeName];
  if (value === null || value === undefined || !shape) return value;
  switch (shape.type) {
    case 'structure': {
      // A document (any JSON value) travels as its JSON text in one field.
      if (shape.document) {
        if (dir === 'out') return { [DOCUMENT_KEY]: JSON.stringify(value) };
        const text = (value as Record<string, unknown>)[DOCUMENT_KEY];
        return typeof text === 'string' ? JSON.parse(text) as unknown : undefined;
      }
      if (typeof value !== 'object' || Array.isArray(value)) return value;
      if (dir === 'out') return structureOut(api, shape, value as Record<string, unknown>);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (k === PRESENCE_KEY) continue;
        // A loaded name that is itself a member stays (IAM has both isTruncated and, elsewhere, IsTruncated).
        const modelName = !Object.hasOwn(shape.members, k) ? (shape.renames?.[k] ?? api.renames[k] ?? k) : k;
        const member = shape.members[modelName];
        out[modelName] = member ? walk(api, member, v, dir) : v;
      }
      const flags = shape.presence ? (value as Record<string, unknown>)[PRESENCE_KEY] : undefined;
      if (Array.isArray(flags)) {
        for (const m of flags) {
          const ms = typeof m === 'string' && Object.hasOwn(shape.members, m) ? shape.members[m]! : undefined;
          if (ms && out[m] === undefined) out[m] = api.shapes[ms]!.type === 'list' ? [] : {};
        }
      }
      return out;
    }
    case 'list': {
      if (!Array.isArray(value)) return value;
      if (shape.wrapped) return dir === 'out' ? value.map((v) => ({ value: walk(api, shape.member, v, dir) })) : value.map((v) => walk(api, shape.member, (v as { value?: unknown })?.value ?? emptyOf(api, shape.member), dir));
      return value.map((v) => walk(api, shape.member, v, dir));
    }
    case 'map': {
      if (typeof value !== 'object') return value;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (!shape.wrapped) out[k] = walk(api, shape.value, v, dir);
        else out[k] = dir === 'out' ? { value: walk(api, shape.value, v, dir) } : walk(api, shape.value, (v as { value?: unknown })?.value ?? emptyOf(api, shape.value), dir);
      }
      return out;
    }
    case 'long':
      return dir === 'in' && typeof value === 'string' ? Number(value) : value;
    default:
      return value;
  }
}

function isCollection(api: ApiModel, shapeName: string): boolean {
  const t = api.shapes[shapeName]?.type;
  return t === 'list' || t === 'map';
}

function emptyOf(api: ApiModel, shapeName: string): unknown {
  return api.shapes[shapeName]?.type === 'list' ? [] : {};
}

/** Model object -> the object proto-loader serializes. */
export function toWire<T>(shapeName: string, value: T, api: ApiModel = ECS_API): unknown {
  return walk(api, shapeName, value, 'out');
}

/** Decoded proto object -> model object. `listDefaults` restores ECS's always-present empty lists (responses only). */
export function fromWire<T>(shapeName: string, value: unknown, opts: { listDefaults?: boolean; api?: ApiModel } = {}): T {
  const api = opts.api ?? ECS_API;
  const v = walk(api, shapeName, value, 'in');
  if (opts.listDefaults && api === ECS_API) applyListDefaults(shapeName, v);
  return v as T;
}
