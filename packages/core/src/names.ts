// ECS resource names: task definition families, cluster names, container names, volume names (and
// service / capacity provider names) are 1-255 characters of letters, digits, hyphens and underscores.
import { invalid } from './errors.js';
import { describeValue } from './validate-shape.js';

export const NAME_PATTERN = /^[A-Za-z0-9_-]{1,255}$/;

/**
 * Throws InvalidParameterException on `field` unless `value` is a valid ECS name. `what` names it in the
 * message ("The container name"); by default the member's name ("'family'").
 */
export function checkName(field: string, value: unknown, what = `'${field.slice(field.lastIndexOf('.') + 1)}'`): asserts value is string {
  if (typeof value === 'string' && NAME_PATTERN.test(value)) return;
  const why = typeof value !== 'string' ? `must be a string, got ${describeValue(value)}`
    : value.length === 0 ? 'must not be empty'
    : value.length > 255 ? `must be at most 255 characters (${value.length} given)`
    : `may contain only letters, numbers, hyphens and underscores (${describeValue(value)} given)`;
  throw invalid(field, `${what} ${why}.`);
}
