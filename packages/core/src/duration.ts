// Durations as Go writes them ("300ms", "30s", "1h30m"): amazon-ecs-agent's settings use this form,
// and Berth's own duration flags follow it.
import { BerthError } from './errors.js';
import { describeValue } from './validate-shape.js';

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds in a Go duration string; throws a BerthError naming `name` when it is not one. */
export function parseGoDuration(s: string, name: string): number {
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0, pos = 0, m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    total += Number(m[1]) * UNITS[m[2]!]!;
    pos = re.lastIndex;
  }
  if (pos !== s.length || s.length === 0) throw new BerthError('InvalidParameterException', `${name} must be a duration such as 30s, 5m or 3h (${describeValue(s)} given).`, name);
  return total;
}
