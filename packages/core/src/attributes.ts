// Container instance attributes (ECS API brief §3.1 Attribute, §4.5): the rules for names and values,
// and how an instance's attributes are made of two parts: the ones its agent registers (replaced at each
// registration) and the custom ones added with PutAttributes (kept across re-registrations, at most 10).
import { BerthError, invalid } from './errors.js';
import type { Attribute } from './model/types.js';
import { describeValue } from './validate-shape.js';

/** 1-128 letters, digits, hyphens, underscores, periods, slashes, backslashes. */
export const ATTRIBUTE_NAME = /^[A-Za-z0-9_\-/\\.]{1,128}$/;
/** 1-128 letters, digits, spaces (not leading or trailing) and - _ . @ / \ : */
export const ATTRIBUTE_VALUE = /^[A-Za-z0-9_\-.@/\\: ]{1,128}$/;
/**
 * Where an agent's metrics listener is scraped (HOST:PORT), registered by the agent with its other
 * attributes: the control plane's Prometheus service discovery (/prometheus/sd) lists it.
 */
export const METRICS_ADDRESS_ATTRIBUTE = 'berth.metrics-address';
/** ECS's quota of custom attributes per resource. */
export const MAX_CUSTOM_ATTRIBUTES = 10;

/** Checks one attribute's name, value and targetType; InvalidParameterException naming `${field}.name` etc. */
export function checkAttribute(field: string, a: Attribute): void {
  if (typeof a.name !== 'string' || !ATTRIBUTE_NAME.test(a.name)) {
    throw invalid(`${field}.name`, `The attribute name ${describeValue(a.name)} is invalid: use 1 to 128 letters, numbers, hyphens, underscores, periods, slashes or backslashes.`);
  }
  if (a.value !== undefined && (!ATTRIBUTE_VALUE.test(a.value) || a.value !== a.value.trim())) {
    throw invalid(`${field}.value`, `The value of attribute '${a.name}' is invalid (${describeValue(a.value)}): use 1 to 128 letters, numbers, spaces (not leading or trailing) and - _ . @ / \\ :.`);
  }
  if (a.targetType !== undefined && a.targetType !== 'container-instance') {
    throw invalid(`${field}.targetType`, `The attribute target type must be container-instance (${describeValue(a.targetType)} given).`);
  }
}

/** Checks a list of attributes of one resource: each valid, no name twice. */
export function checkAttributes(field: string, attrs: readonly Attribute[] | undefined): void {
  const seen = new Map<string, number>();
  attrs?.forEach((a, i) => {
    const f = `${field}[${i}]`;
    checkAttribute(f, a);
    const prev = seen.get(a.name);
    if (prev !== undefined) throw invalid(`${f}.name`, `The attribute '${a.name}' is given more than once.`);
    seen.set(a.name, i);
  });
}

const bare = (a: Attribute): Attribute => (a.value !== undefined ? { name: a.name, value: a.value } : { name: a.name });

/**
 * The instance's attributes: the agent's, then the custom ones (a custom attribute of the same name as an
 * agent's replaces it).
 */
export function mergeAttributes(agent: readonly Attribute[], custom: readonly Attribute[]): Attribute[] {
  const names = new Set(custom.map((a) => a.name));
  return [...agent.filter((a) => !names.has(a.name)).map(bare), ...custom.map(bare)];
}

/**
 * `custom` with `put` added (same name: value replaced). AttributeLimitExceededException when the result
 * has more than 10 custom attributes; `target` names the instance in the message.
 */
export function putCustomAttributes(custom: readonly Attribute[], put: readonly Attribute[], target: string): Attribute[] {
  const out = custom.map(bare);
  for (const a of put) {
    const i = out.findIndex((x) => x.name === a.name);
    if (i >= 0) out[i] = bare(a);
    else out.push(bare(a));
  }
  if (out.length > MAX_CUSTOM_ATTRIBUTES) {
    throw new BerthError('AttributeLimitExceededException',
      `${target} would have ${out.length} custom attributes; at most ${MAX_CUSTOM_ATTRIBUTES} are allowed per container instance.`, 'attributes');
  }
  return out;
}
