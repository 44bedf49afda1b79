// Wall-clock time in an IANA time zone, through Node's Intl (its ICU time zone data): an instant's local
// date and time, and the instant of a local date and time. Daylight saving, as EventBridge Scheduler has it:
// a local time that does not exist (the hour skipped in spring) has no instant; a local time that occurs
// twice (the hour repeated in autumn) is its first instant only, so a schedule runs once.

/** A local date and time (month 1-12, day of month 1-31). */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Is `name` an IANA time zone Node knows (`UTC` included)? */
export function isTimeZone(name: string): boolean {
  if (name === '' || name.length > 50) return false;
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** The local date and time of an instant (epoch ms) in the zone. */
export function wallTimeOf(ms: number, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

const asUtc = (w: WallTime) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
const sameWall = (a: WallTime, b: WallTime) => asUtc(a) === asUtc(b);

/**
 * The first instant (epoch ms) whose local time in the zone is `w`, or undefined when the zone skips it.
 * The zone's offset is taken half a day before and after, so a transition between them is seen either way.
 */
export function instantOf(w: WallTime, timeZone: string): number | undefined {
  const naive = asUtc(w);
  const offsetAt = (ms: number) => asUtc(wallTimeOf(ms, timeZone)) - Math.floor(ms / 1000) * 1000;
  const candidates = [naive - offsetAt(naive - 12 * 3600_000), naive - offsetAt(naive + 12 * 3600_000)]
    .filter((ms) => sameWall(wallTimeOf(ms, timeZone), w));
  return candidates.length ? Math.min(...candidates) : undefined;
}
