// ECS resource tags (ECS API brief §4.11): at most 50 per resource, unique keys, key 1-128 and value
// 0-256 characters from letters, separators (spaces), digits and `_ . : / = + - @`; keys beginning with
// `aws:` in any case are reserved for AWS.
import { invalid } from './errors.js';
import { describeValue } from './validate-shape.js';
import type { Tag } from './model/types.js';

export const MAX_TAGS = 50;
export const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

const codePoints = (s: string) => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** Checks a `tags` list (`[{key, value}]`); throws InvalidParameterException naming e.g. `tags[2].key`. */
export function checkTags(field: string, tags: unknown): void {
  if (!Array.isArray(tags)) throw invalid(field, `${field}: must be a list of {key, value}, got ${describeValue(tags)}`);
  if (tags.length > MAX_TAGS) throw invalid(field, `${field}: at most ${MAX_TAGS} tags are allowed (${tags.length} given)`);
  const seen = new Map<string, number>();
  for (let i = 0; i < tags.length; i++) {
    const tag: unknown = tags[i];
    const p = `${field}[${i}]`;
    if (typeof tag !== 'object' || tag === null || Array.isArray(tag)) throw invalid(p, `${p}: must be an object {key, value}`);
    const { key, value } = tag as { key?: unknown; value?: unknown };
    const kp = `${p}.key`;
    const vp = `${p}.value`;
    if (key === undefined || key === null) throw invalid(kp, `${kp}: required`);
    if (typeof key !== 'string') throw invalid(kp, `${kp}: must be a string, got ${describeValue(key)}`);
    const klen = codePoints(key);
    if (klen < 1 || klen > 128) throw invalid(kp, `${kp}: must be 1 to 128 characters (${klen} given)`);
    if (!TAG_CHARS.test(key)) throw invalid(kp, `${kp}: ${describeValue(key)} may contain only letters, digits, spaces and _ . : / = + - @`);
    if (key.slice(0, 4).toLowerCase() === 'aws:') throw invalid(kp, `${kp}: the 'aws:' prefix is reserved for AWS use (${describeValue(key)})`);
    const prev = seen.get(key);
    if (prev !== undefined) throw invalid(kp, `${kp}: duplicate tag key ${describeValue(key)} (also ${field}[${prev}].key)`);
    seen.set(key, i);
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') throw invalid(vp, `${vp}: must be a string, got ${describeValue(value)}`);
    const vlen = codePoints(value);
    if (vlen > 256) throw invalid(vp, `${vp}: must be at most 256 characters (${vlen} given)`);
    if (!TAG_CHARS.test(value)) throw invalid(vp, `${vp}: ${describeValue(value)} may contain only letters, digits, spaces and _ . : / = + - @`);
  }
}

/** TagResource: new keys are added, existing keys take the new value; the result is checked against the limits. */
export function mergeTags(existing: readonly Tag[], add: readonly Tag[]): Tag[] {
  const out = existing.map((t) => ({ ...t }));
  for (const tag of add) {
    const at = out.findIndex((t) => t.key === tag.key);
    if (at >= 0) out[at] = { ...tag };
    else out.push({ ...tag });
  }
  if (out.length > MAX_TAGS) throw invalid('tags', `tags: a resource can have at most ${MAX_TAGS} tags (${out.length} after this request)`);
  return out;
}

/** UntagResource: keys that are not there are ignored, as ECS does. */
export function removeTags(existing: readonly Tag[], keys: readonly string[]): Tag[] {
  const drop = new Set(keys);
  return existing.filter((t) => !drop.has(t.key ?? ''));
}
