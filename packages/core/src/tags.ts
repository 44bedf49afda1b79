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
  if (!Array.isArray(tags)) throw invalid(field, `'tags' must be a list of {key, value}, got ${describeValue(tags)}.`);
  if (tags.length > MAX_TAGS) throw invalid(field, `A resource can have at most ${MAX_TAGS} tags (${tags.length} given).`);
  const seen = new Set<string>();
  for (let i = 0; i < tags.length; i++) {
    const tag: unknown = tags[i];
    const p = `${field}[${i}]`;
    if (typeof tag !== 'object' || tag === null || Array.isArray(tag)) throw invalid(p, `Each tag must be an object {key, value}, got ${describeValue(tag)}.`);
    const { key, value } = tag as { key?: unknown; value?: unknown };
    const kp = `${p}.key`;
    const vp = `${p}.value`;
    if (key === undefined || key === null) throw invalid(kp, "Missing required member 'key' in Tag.");
    if (typeof key !== 'string') throw invalid(kp, `The tag key must be a string, got ${describeValue(key)}.`);
    const klen = codePoints(key);
    if (klen < 1 || klen > 128) throw invalid(kp, `The tag key must be 1 to 128 characters (${klen} given).`);
    if (!TAG_CHARS.test(key)) throw invalid(kp, `The tag key ${describeValue(key)} may contain only letters, numbers, spaces and _ . : / = + - @.`);
    if (key.slice(0, 4).toLowerCase() === 'aws:') throw invalid(kp, `The tag key ${describeValue(key)} uses the 'aws:' prefix, which is reserved for AWS use.`);
    if (seen.has(key)) throw invalid(kp, `The tag key ${describeValue(key)} is given more than once.`);
    seen.add(key);
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') throw invalid(vp, `The tag value must be a string, got ${describeValue(value)}.`);
    const vlen = codePoints(value);
    if (vlen > 256) throw invalid(vp, `The tag value must be at most 256 characters (${vlen} given).`);
    if (!TAG_CHARS.test(value)) throw invalid(vp, `The tag value ${describeValue(value)} may contain only letters, numbers, spaces and _ . : / = + - @.`);
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
  if (out.length > MAX_TAGS) throw invalid('tags', `A resource can have at most ${MAX_TAGS} tags (${out.length} after this request).`);
  return out;
}

/** UntagResource: keys that are not there are ignored, as ECS does. */
export function removeTags(existing: readonly Tag[], keys: readonly string[]): Tag[] {
  const drop = new Set(keys);
  return existing.filter((t) => !drop.has(t.key ?? ''));
}
