// Model-driven validation of request objects against a botocore model's shapes (ECS's SHAPES unless told).
//
// What it checks, for every member reachable from the shape: that the member exists in the structure,
// its JSON type (string / integer / long / double / boolean / timestamp = epoch-seconds number /
// object / array / map of strings), enum values, required members, and the length bounds botocore
// declares (list min/max items, string min/max characters, numeric min/max). It does NOT check
// botocore's `pattern`s nor any cross-member rule: those live in the per-action validators
// (taskdef.ts, ...).
//
// `null` and `undefined` member values are treated as absent (the ECS JSON API never sends null, but
// hand-written JSON and proto decoders sometimes do). It throws the first problem found as an
// InvalidParameterException whose `field` is the member's path (`containerDefinitions[1].portMappings[0]
// .hostPort`); the message is a sentence naming the member by its name ("'hostPort' must be between 0 and
// 65535 (70000 given)."), never the path, as an AWS service's messages do.
//
// It runs on every request, so it allocates nothing on the success path beyond path strings.
import { invalid, type BerthError } from './errors.js';
import type { Shape } from './model/schema.js';
import { SHAPES } from './model/shapes.js';

const hasOwn = Object.prototype.hasOwnProperty;

/** The model shape called `shapeName`; throws a plain Error for a name the model does not have (a bug). */
export function shapeOf(shapeName: string): Shape {
  const s = hasOwn.call(SHAPES, shapeName) ? SHAPES[shapeName] : undefined;
  if (s === undefined) throw new Error(`unknown ECS model shape '${shapeName}'`);
  return s;
}

/** A string cut to at most 60 characters, so that no message carries a huge value. */
export function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** A short, quoted rendering of a value for error messages: `'brige'`, `42`, `an object`, `a list`. */
export function describeValue(v: unknown): string {
  if (typeof v === 'string') return `'${clip(v)}'`;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  return `a${typeof v === 'object' ? 'n object' : ` ${typeof v}`}`;
}

/** `prefix.member`, or `member` at the top level. */
export function joinPath(path: string, member: string): string {
  return path === '' ? member : `${path}.${member}`;
}

/**
 * How a message names the value: the member's name quoted (`'hostPort'`; a list's items and a map's values
 * go by the list's name and the map's key), or the shape's name for the request itself.
 */
function label(name: string, path: string): string {
  return path === '' ? name : describeValue(name);
}

function fail(path: string, name: string, rule: string): BerthError {
  return invalid(path, `${label(name, path)} ${rule}.`);
}

/** The member name a path ends with: `containerDefinitions[3]` -> `containerDefinitions`. */
function lastMember(path: string): string {
  const m = /([^.[\]]+)(?:\[\d+\])*$/.exec(path);
  return m ? m[1]! : path;
}

/** Number of Unicode code points (botocore counts characters, not UTF-16 units). */
function charLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

function checkValue(shapes: Record<string, Shape>, shapeName: string, v: unknown, path: string, name: string): void {
  const s = shapes[shapeName];
  if (s === undefined) throw new Error(`unknown ECS model shape '${shapeName}'`);
  switch (s.type) {
    case 'structure': {
      // A document is any JSON value (it arrived as JSON, so it is one).
      if (s.document) return;
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        throw fail(path, name, `must be an object (${shapeName}), got ${describeValue(v)}`);
      }
      const o = v as Record<string, unknown>;
      const members = s.members;
      if (s.required !== undefined) {
        for (const r of s.required) {
          const rv = o[r];
          if (rv === undefined || rv === null) throw invalid(joinPath(path, r), `Missing required member '${r}' in ${shapeName}.`);
        }
      }
      for (const k in o) {
        if (!hasOwn.call(o, k)) continue;
        const mv = o[k];
        if (!hasOwn.call(members, k)) throw invalid(joinPath(path, k), `Unknown member ${describeValue(k)} in ${shapeName}.`);
        if (mv === undefined || mv === null) continue;
        checkValue(shapes, members[k]!, mv, joinPath(path, k), k);
      }
      return;
    }
    case 'list': {
      if (!Array.isArray(v)) throw fail(path, name, `must be a list, got ${describeValue(v)}`);
      if (s.max !== undefined && v.length > s.max) {
        throw fail(path, name, `must have at most ${s.max} items (${v.length} given)`);
      }
      if (s.min !== undefined && v.length < s.min) {
        throw fail(path, name, `must have at least ${s.min} item${s.min === 1 ? '' : 's'} (${v.length} given)`);
      }
      for (let i = 0; i < v.length; i++) {
        const item = v[i];
        const p = `${path}[${i}]`;
        if (item === undefined || item === null) throw invalid(p, `${label(name, path)} must not contain null.`);
        checkValue(shapes, s.member, item, p, name);
      }
      return;
    }
    case 'map': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        throw fail(path, name, `must be a map of strings, got ${describeValue(v)}`);
      }
      const o = v as Record<string, unknown>;
      if (s.min !== undefined || s.max !== undefined) {
        const n = Object.keys(o).length;
        if (s.max !== undefined && n > s.max) throw fail(path, name, `must have at most ${s.max} entries (${n} given)`);
        if (s.min !== undefined && n < s.min) throw fail(path, name, `must have at least ${s.min} entr${s.min === 1 ? 'y' : 'ies'} (${n} given)`);
      }
      for (const k in o) {
        if (!hasOwn.call(o, k)) continue;
        const mv = o[k];
        const p = joinPath(path, k);
        if (mv === undefined || mv === null) throw invalid(p, `${describeValue(k)} must not be null.`);
        checkValue(shapes, s.value, mv, p, k);
      }
      return;
    }
    case 'blob': {
      if (typeof v !== 'string') throw fail(path, name, `must be base64 text, got ${describeValue(v)}`);
      return;
    }
    case 'string': {
      if (typeof v !== 'string') throw fail(path, name, `must be a string, got ${describeValue(v)}`);
      if (s.enum !== undefined && !s.enum.includes(v)) {
        throw fail(path, name, `must be one of ${s.enum.join(' | ')} (${describeValue(v)} given)`);
      }
      if (s.max !== undefined && v.length > s.max && charLength(v) > s.max) {
        throw fail(path, name, `must be at most ${s.max} characters (${charLength(v)} given)`);
      }
      if (s.min !== undefined && v.length < s.min) {
        throw fail(path, name, `must be at least ${s.min} character${s.min === 1 ? '' : 's'} (${charLength(v)} given)`);
      }
      return;
    }
    case 'integer':
    case 'long': {
      if (typeof v !== 'number' || !Number.isInteger(v)) throw fail(path, name, `must be an integer, got ${describeValue(v)}`);
      if (s.type === 'integer' ? v < INT32_MIN || v > INT32_MAX : !Number.isSafeInteger(v)) {
        throw fail(path, name, `is out of range for a${s.type === 'integer' ? ' 32-bit' : ' 64-bit'} integer (${v} given)`);
      }
      checkBounds(s, v, path, name);
      return;
    }
    case 'double': {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw fail(path, name, `must be a number, got ${describeValue(v)}`);
      checkBounds(s, v, path, name);
      return;
    }
    case 'timestamp': {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw fail(path, name, `must be a timestamp in epoch seconds (a number), got ${describeValue(v)}`);
      }
      return;
    }
    case 'boolean': {
      if (typeof v !== 'boolean') throw fail(path, name, `must be true or false, got ${describeValue(v)}`);
      return;
    }
  }
}

function checkBounds(s: { min?: number; max?: number }, v: number, path: string, name: string): void {
  if ((s.min !== undefined && v < s.min) || (s.max !== undefined && v > s.max)) {
    const range = s.max === undefined ? `at least ${s.min}` : s.min === undefined ? `at most ${s.max}` : `between ${s.min} and ${s.max}`;
    throw fail(path, name, `must be ${range} (${v} given)`);
  }
}

/**
 * Checks `value` against the model shape `shapeName` (e.g. 'RegisterTaskDefinitionRequest'). `path` is the
 * prefix for field names ('' at the top level); `shapes` the model (ECS's by default). Throws
 * InvalidParameterException naming the field.
 */
export function checkShape(shapeName: string, value: unknown, path = '', shapes: Record<string, Shape> = SHAPES): void {
  if (!hasOwn.call(shapes, shapeName)) throw new Error(`unknown ECS model shape '${shapeName}'`);
  checkValue(shapes, shapeName, value, path, path === '' ? shapeName : lastMember(path));
}
