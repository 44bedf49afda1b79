// ECS resource names: task definition families, cluster names, container names, volume names (and
// service / capacity provider names) are 1-255 characters of letters, digits, hyphens and underscores.
import { invalid } from './errors.js';
import { describeValue } from './validate-shape.js';

export const NAME_PATTERN = /^[A-Za-z0-9_-]{1,255}$/;

/** Throws InvalidParameterException on `field` unless `value` is a valid ECS name. */
export function checkName(field: string, value: unknown): asserts value is string {
  if (typeof value === 'string' && NAME_PATTERN.test(value)) return;
  const why = typeof value !== 'string' ? `must be a string, got ${describeValue(value)}`
    : value.length === 0 ? 'must not be empty'
    : value.length > 255 ? `must be at most 255 characters (${value.length} given)`
    : `${describeValue(value)} may contain only letters, digits, hyphens and underscores`;
  throw invalid(field, `${field}: ${why}`);
}
