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
    out[m.key] = m.member !== undefined ? walk(api, m.member, v) : v;
    if (m.collection && v !== undefined && v !== null) (present ??= []).push(k);
  }
  if (shape.presence && present !== undefined) out[PRESENCE_KEY] = present;
  return out;
}

function walk(api: ApiModel, shapeName: string, value: unknown): unknown {
  const shape = api.shapes[shapeName];
  if (value === null || value === undefined || !shape) return value;
  switch (shape.type) {
    case 'structure': {
      // A document (any JSON value) travels as its JSON text in one field.
      if (shape.document) return { [DOCUMENT_KEY]: JSON.stringify(value) };
      if (typeof value !== 'object' || Array.isArray(value)) return value;
      return structureOut(api, shape, value as Record<string, unknown>);
    }
    case 'list': {
      if (!Array.isArray(value)) return value;
      if (shape.wrapped) return value.map((v) => ({ value: walk(api, shape.member, v) }));
      return value.map((v) => walk(api, shape.member, v));
    }
    case 'map': {
      if (typeof value !== 'object') return value;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = shape.wrapped ? { value: walk(api, shape.value, v) } : walk(api, shape.value, v);
      return out;
    }
    default:
      return value;
  }
}

// The way in, compiled: one converter per shape, made once per model and shape name, so a decoded message
// is walked by closures that already know each member's model name and converter, with no shape lookup,
// rename search or Object.entries array per object (an assignment's task and definition were ~half the
// agent's cost of decoding it). What it returns is what the generic walk returned (test/wire-in.test.ts
// compares the two on every example task definition, its task and every model's samples).
type InConverter = (value: unknown) => unknown;
const identity: InConverter = (v) => v;
const longIn: InConverter = (v) => (typeof v === 'string' ? Number(v) : v);
const inConverters = new WeakMap<ApiModel, Map<string, InConverter>>();

function inConverter(api: ApiModel, shapeName: string): InConverter {
  let byName = inConverters.get(api);
  if (!byName) inConverters.set(api, (byName = new Map()));
  let c = byName.get(shapeName);
  if (c === undefined) {
    // Set before building, so a recursive shape (CloudWatch Logs' LogFieldType) finds itself.
    let built: InConverter | undefined;
    byName.set(shapeName, (v) => (built ??= buildIn(api, shapeName))(v));
    built = buildIn(api, shapeName);
    byName.set(shapeName, (c = built));
  }
  return c;
}

function buildIn(api: ApiModel, shapeName: string): InConverter {
  const shape = api.shapes[shapeName];
  if (!shape) return identity;
  switch (shape.type) {
    case 'structure':
      return shape.document ? documentIn : structureIn(api, shape);
    case 'list': {
      const item = inConverter(api, shape.member);
      if (shape.wrapped) {
        const empty = emptyMaker(api, shape.member);
        return (value) => (Array.isArray(value) ? value.map((v) => item((v as { value?: unknown } | null | undefined)?.value ?? empty())) : value);
      }
      return (value) => (Array.isArray(value) ? value.map((v) => item(v)) : value);
    }
    case 'map': {
      const item = inConverter(api, shape.value);
      const wrapped = shape.wrapped === true;
      const empty = emptyMaker(api, shape.value);
      return (value) => {
        if (value === null || value === undefined || typeof value !== 'object') return value;
        const out: Record<string, unknown> = {};
        for (const k in value) {
          if (!Object.hasOwn(value, k)) continue;
          const v = (value as Record<string, unknown>)[k];
          out[k] = wrapped ? item((v as { value?: unknown } | null | undefined)?.value ?? empty()) : item(v);
        }
        return out;
      };
    }
    case 'long':
      return longIn;
    default:
      return identity;
  }
}

function documentIn(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  const text = (value as Record<string, unknown>)[DOCUMENT_KEY];
  return typeof text === 'string' ? JSON.parse(text) as unknown : undefined;
}

/** A fresh empty list or map for a shape (a wrapper with no value). */
function emptyMaker(api: ApiModel, shapeName: string): () => unknown {
  return api.shapes[shapeName]?.type === 'list' ? () => [] : () => ({});
}

/** A structure member's way in, by the name it arrives under. */
interface InMember { name: string; convert: InConverter }

function structureIn(api: ApiModel, shape: Structure): InConverter {
  const byWireName = new Map<string, InMember>();
  const member = (k: string): InMember => {
    let m = byWireName.get(k);
    if (m === undefined) {
      // A loaded name that is itself a member stays (IAM has both isTruncated and, elsewhere, IsTruncated).
      const name = !Object.hasOwn(shape.members, k) ? (shape.renames?.[k] ?? api.renames[k] ?? k) : k;
      const ms = Object.hasOwn(shape.members, name) ? shape.members[name] : undefined;
      byWireName.set(k, (m = { name, convert: ms ? inConverter(api, ms) : identity }));
    }
    return m;
  };
  // The members whose presence the wire carries, with the empty value each gets back.
  const presence = shape.presence ? new Map<string, () => unknown>() : undefined;
  return (value) => {
    if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) return value;
    const v = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k in v) {
      if (k === PRESENCE_KEY || !Object.hasOwn(v, k)) continue;
      const m = member(k);
      out[m.name] = m.convert(v[k]);
    }
    if (presence !== undefined) {
      const flags = v[PRESENCE_KEY];
      if (Array.isArray(flags)) {
        for (const f of flags) {
          if (typeof f !== 'string' || !Object.hasOwn(shape.members, f) || out[f] !== undefined) continue;
          let empty = presence.get(f);
          if (empty === undefined) presence.set(f, (empty = emptyMaker(api, shape.members[f]!)));
          out[f] = empty();
        }
      }
    }
    return out;
  };
}

/** Model object -> the object proto-loader serializes. */
export function toWire<T>(shapeName: string, value: T, api: ApiModel = ECS_API): unknown {
  return walk(api, shapeName, value);
}

/** Decoded proto object -> model object. `listDefaults` restores ECS's always-present empty lists (responses only). */
export function fromWire<T>(shapeName: string, value: unknown, opts: { listDefaults?: boolean; api?: ApiModel } = {}): T {
  const api = opts.api ?? ECS_API;
  const v = inConverter(api, shapeName)(value);
  if (opts.listDefaults && api === ECS_API) applyListDefaults(shapeName, v);
  return v as T;
}
