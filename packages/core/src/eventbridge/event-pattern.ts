// EventBridge's event patterns (the grammar of aws/event-ruler, which EventBridge runs): a pattern is a
// JSON object whose leaves are arrays of matchers (an array is an OR), whose inner objects are nested
// fields, and whose `$or` members are arrays of sub-patterns. Fields are ANDed; a field the event lacks
// matches only `exists: false`; an event field that is an array matches when any element does.
// compileEventPattern checks a pattern with EventBridge's texts ("Event pattern is not valid. Reason: ...")
// and returns a tree that matchesEventPattern walks. Pure.
import { BerthError } from '../errors.js';

/** One matcher of a leaf's array. */
export type Matcher =
  | { kind: 'exact'; value: string | number | boolean | null }
  | { kind: 'prefix' | 'suffix'; value: string; ignoreCase: boolean }
  | { kind: 'equals-ignore-case'; value: string }
  | { kind: 'wildcard'; re: RegExp }
  | { kind: 'numeric'; ranges: { op: NumericOp; value: number }[] }
  | { kind: 'exists'; value: boolean }
  | { kind: 'anything-but'; not: Matcher[] };

type NumericOp = '=' | '<' | '<=' | '>' | '>=';
const NUMERIC_OPS: readonly string[] = ['=', '<', '<=', '>', '>='];

/** A compiled pattern: fields (each nested or a leaf's matchers), and `$or` alternatives. */
export interface CompiledPattern {
  fields: Map<string, CompiledPattern | Matcher[]>;
  or: CompiledPattern[][];
}

/** EventBridge's InvalidEventPatternException, in its words. */
export function invalidPattern(reason: string): BerthError {
  return new BerthError('InvalidEventPatternException', `Event pattern is not valid. Reason: ${reason}`, 'EventPattern');
}

/** EventBridge's limit on a pattern's size in characters. */
export const MAX_EVENT_PATTERN = 4096;

/** Parses and checks a pattern's text (PutRule's EventPattern, TestEventPattern's). */
export function compileEventPattern(text: string): CompiledPattern {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw invalidPattern(`Unrecognized token: ${(e as Error).message}`);
  }
  if (!isObject(doc)) throw invalidPattern('Filter is not an object');
  return compileObject(doc, '');
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function compileObject(doc: Record<string, unknown>, path: string): CompiledPattern {
  const out: CompiledPattern = { fields: new Map(), or: [] };
  for (const [name, value] of Object.entries(doc)) {
    if (name === '$or') {
      if (!Array.isArray(value) || value.length < 2 || !value.every(isObject)) {
        throw invalidPattern('Or relationship is expected to be an array of at least two objects');
      }
      out.or.push(value.map((v) => compileObject(v as Record<string, unknown>, path)));
      continue;
    }
    const field = path === '' ? name : `${path}.${name}`;
    if (isObject(value)) {
      out.fields.set(name, compileObject(value, field));
    } else if (Array.isArray(value)) {
      if (value.length === 0) throw invalidPattern('Empty arrays are not allowed');
      out.fields.set(name, value.map((m) => compileMatcher(m, field)));
    } else {
      throw invalidPattern(`"${name}" must be an object or an array`);
    }
  }
  return out;
}

function compileMatcher(m: unknown, field: string): Matcher {
  if (m === null || typeof m === 'string' || typeof m === 'boolean') return { kind: 'exact', value: m };
  if (typeof m === 'number') return { kind: 'exact', value: m };
  if (Array.isArray(m)) throw invalidPattern(`Match value must be String, number, true, false, or null (at ${field})`);
  const entries = Object.entries(m as Record<string, unknown>);
  if (entries.length !== 1) throw invalidPattern('Only one key allowed in match expression');
  const [type, arg] = entries[0]!;
  switch (type) {
    case 'prefix': case 'suffix': {
      if (typeof arg === 'string') return { kind: type, value: arg, ignoreCase: false };
      if (isObject(arg) && Object.keys(arg).length === 1 && typeof arg['equals-ignore-case'] === 'string') {
        return { kind: type, value: (arg['equals-ignore-case'] as string).toLowerCase(), ignoreCase: true };
      }
      throw invalidPattern(`${type} match pattern must be a string`);
    }
    case 'equals-ignore-case':
      if (typeof arg !== 'string') throw invalidPattern('equals-ignore-case match pattern must be a string');
      return { kind: 'equals-ignore-case', value: arg.toLowerCase() };
    case 'wildcard':
      if (typeof arg !== 'string') throw invalidPattern('wildcard match pattern must be a string');
      return { kind: 'wildcard', re: wildcardRegExp(arg) };
    case 'exists':
      if (typeof arg !== 'boolean') throw invalidPattern('exists match pattern must be either true or false.');
      return { kind: 'exists', value: arg };
    case 'numeric':
      return { kind: 'numeric', ranges: numericRanges(arg) };
    case 'anything-but':
      return { kind: 'anything-but', not: anythingBut(arg) };
    default:
      throw invalidPattern(`Unrecognized match type ${type}`);
  }
}

/** `*` matches any run of characters; `\*` and `\\` are literal; two `*` in a row are refused, as EventBridge does. */
function wildcardRegExp(text: string): RegExp {
  let source = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      const n = text[i + 1];
      if (n !== '*' && n !== '\\') throw invalidPattern(`Invalid escape character at pos ${i}`);
      source += `\\${n}`;
      i++;
    } else if (c === '*') {
      if (text[i + 1] === '*') throw invalidPattern(`Consecutive wildcard characters at pos ${i + 1}`);
      source += '.*';
    } else {
      source += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, 's');
}

/** EventBridge's numeric range: `=` alone, or a lower bound, an upper bound, or both (lower first). */
function numericRanges(arg: unknown): { op: NumericOp; value: number }[] {
  if (!Array.isArray(arg) || arg.length === 0) throw invalidPattern('Value of numeric must be an array.');
  if (arg.length % 2 !== 0 || arg.length > 4) throw invalidPattern('Too many elements in numeric expression');
  const ranges: { op: NumericOp; value: number }[] = [];
  for (let i = 0; i < arg.length; i += 2) {
    const op = arg[i];
    const value = arg[i + 1];
    if (typeof op !== 'string' || !NUMERIC_OPS.includes(op)) throw invalidPattern(`Unrecognized numeric range operator: ${JSON.stringify(op)}`);
    if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidPattern(`Value of ${op} must be numeric`);
    if (Math.abs(value) > 5e9) throw invalidPattern('Numeric values must be within -5.0E9 and +5.0E9 inclusive');
    ranges.push({ op: op as NumericOp, value });
  }
  if (ranges.length === 2) {
    const [lo, hi] = ranges as [{ op: NumericOp; value: number }, { op: NumericOp; value: number }];
    if (!lo.op.startsWith('>') || !hi.op.startsWith('<')) throw invalidPattern('Bad range: a lower bound (> or >=) must come before an upper bound (< or <=)');
    if (lo.value >= hi.value) throw invalidPattern('Bottom must be less than top');
  }
  return ranges;
}

function anythingBut(arg: unknown): Matcher[] {
  if (typeof arg === 'string' || typeof arg === 'number') return [{ kind: 'exact', value: arg }];
  if (Array.isArray(arg)) {
    if (arg.length === 0) throw invalidPattern('Empty arrays are not allowed');
    if (!arg.every((v) => typeof v === 'string') && !arg.every((v) => typeof v === 'number')) {
      throw invalidPattern('Inside anything but list, start|null|boolean is not supported.');
    }
    return arg.map((v: string | number) => ({ kind: 'exact', value: v }));
  }
  if (isObject(arg)) {
    const entries = Object.entries(arg);
    if (entries.length !== 1) throw invalidPattern('Only one key allowed in match expression');
    const [type, v] = entries[0]!;
    if (type === 'prefix' || type === 'suffix') {
      if (typeof v !== 'string') throw invalidPattern(`${type} match pattern must be a string`);
      return [{ kind: type, value: v, ignoreCase: false }];
    }
    if (type === 'equals-ignore-case') {
      const values = typeof v === 'string' ? [v] : Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string') ? v as string[] : undefined;
      if (!values) throw invalidPattern('Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.');
      return values.map((x) => ({ kind: 'equals-ignore-case', value: x.toLowerCase() }));
    }
    if (type === 'wildcard') {
      if (typeof v !== 'string') throw invalidPattern('wildcard match pattern must be a string');
      return [{ kind: 'wildcard', re: wildcardRegExp(v) }];
    }
    throw invalidPattern(`Unsupported anything-but pattern: ${type}`);
  }
  throw invalidPattern('Value of anything-but must be an array or single string/number value.');
}

/** Does the event (a parsed JSON object) match the compiled pattern? */
export function matchesEventPattern(pattern: CompiledPattern, event: unknown): boolean {
  return matchObject(pattern, event);
}

function matchObject(p: CompiledPattern, value: unknown): boolean {
  for (const [name, sub] of p.fields) {
    const v = isObject(value) ? value[name] : undefined;
    if (!(Array.isArray(sub) ? matchLeaf(sub, v) : matchNested(sub, v))) return false;
  }
  return p.or.every((alternatives) => alternatives.some((a) => matchObject(a, value)));
}

/** A nested pattern against an object, or an array of objects (any of them). */
function matchNested(p: CompiledPattern, v: unknown): boolean {
  if (Array.isArray(v)) return v.some((e) => matchNested(p, e));
  return matchObject(p, v);
}

function matchLeaf(matchers: Matcher[], v: unknown): boolean {
  return matchers.some((m) => matchValue(m, v));
}

/** One matcher against a field's value (undefined: the event lacks it). */
function matchValue(m: Matcher, v: unknown): boolean {
  if (m.kind === 'exists') return m.value ? v !== undefined && !isObject(v) && !(Array.isArray(v) && v.length === 0) : v === undefined;
  if (v === undefined) return false;
  if (Array.isArray(v)) return v.some((e) => matchValue(m, e));
  if (m.kind === 'anything-but') return !isObject(v) && !m.not.some((n) => matchScalar(n, v));
  return matchScalar(m, v);
}

function matchScalar(m: Matcher, v: unknown): boolean {
  switch (m.kind) {
    case 'exact':
      return v === m.value;
    case 'prefix': {
      if (typeof v !== 'string') return false;
      const s = m.ignoreCase ? v.toLowerCase() : v;
      return s.startsWith(m.value);
    }
    case 'suffix': {
      if (typeof v !== 'string') return false;
      const s = m.ignoreCase ? v.toLowerCase() : v;
      return s.endsWith(m.value);
    }
    case 'equals-ignore-case':
      return typeof v === 'string' && v.toLowerCase() === m.value;
    case 'wildcard':
      return typeof v === 'string' && m.re.test(v);
    case 'numeric':
      return typeof v === 'number' && m.ranges.every((r) => compare(v, r.op, r.value));
    default:
      return false;
  }
}

function compare(v: number, op: NumericOp, x: number): boolean {
  switch (op) {
    case '=': return v === x;
    case '<': return v < x;
    case '<=': return v <= x;
    case '>': return v > x;
    case '>=': return v >= x;
  }
}
