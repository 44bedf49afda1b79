// When a schedule fires next: the first occurrence strictly after an instant, in the schedule's time zone
// (default UTC), within its start and end. cron walks local calendar days (only the allowed years and
// months), so daylight saving follows time-zone.ts: a skipped local time does not fire, a repeated one
// fires once. rate() counts from its start (the schedule's StartDate, or when it was created).
import type { CronFields, ScheduleExpression } from './expression.js';
import { instantOf, wallTimeOf } from './time-zone.js';

export interface OccurrenceWindow {
  /** IANA zone (default UTC). */
  timeZone?: string;
  /** Epoch seconds: no occurrence before it; rate() counts from it. */
  start?: number;
  /** Epoch seconds: no occurrence after it. */
  end?: number;
}

/** The next occurrence (epoch seconds) strictly after `after`, or undefined when there is none. */
export function nextOccurrence(expr: ScheduleExpression, after: number, window: OccurrenceWindow = {}): number | undefined {
  const tz = window.timeZone ?? 'UTC';
  const from = window.start !== undefined ? Math.max(after, window.start - 0.001) : after;
  let next: number | undefined;
  if (expr.kind === 'at') {
    const ms = instantOf(expr.at, tz);
    next = ms !== undefined && ms / 1000 > from ? ms / 1000 : undefined;
  } else if (expr.kind === 'rate') {
    const origin = window.start ?? 0;
    next = origin + (Math.floor((from - origin) / expr.seconds) + 1) * expr.seconds;
  } else {
    next = nextCron(expr.cron, from, tz);
  }
  return next !== undefined && (window.end === undefined || next <= window.end) ? next : undefined;
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
/** 1 = Sunday, as cron's day-of-week. */
const weekday = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;

function dayMatches(c: CronFields, year: number, month: number, day: number): boolean {
  const last = daysIn(year, month);
  if (c.dayOfMonth) {
    const dm = c.dayOfMonth;
    if (dm.last) return day === last;
    if (dm.lastWeekday) return day === weekdayNear(year, month, last);
    if (dm.nearestWeekday !== undefined) return dm.nearestWeekday <= last && day === weekdayNear(year, month, dm.nearestWeekday);
    return dm.days.includes(day);
  }
  const dw = c.dayOfWeek!;
  const wd = weekday(year, month, day);
  if (dw.lastOf !== undefined) return wd === dw.lastOf && day + 7 > last;
  if (dw.nth) return wd === dw.nth.day && Math.ceil(day / 7) === dw.nth.k;
  return dw.days.includes(wd);
}

/** The weekday nearest day `n` of the month, never leaving the month (cron's `W`). */
function weekdayNear(year: number, month: number, n: number): number {
  const wd = weekday(year, month, n);
  if (wd === 7) return n === 1 ? 3 : n - 1;
  if (wd === 1) return n === daysIn(year, month) ? n - 2 : n + 1;
  return n;
}

function nextCron(c: CronFields, after: number, tz: string): number | undefined {
  // A day early: a local time in the autumn's repeated hour may precede `after`'s own local time.
  const start = wallTimeOf(after * 1000 - 86400_000, tz);
  for (const year of c.years) {
    if (year < start.year) continue;
    for (const month of c.months) {
      if (year === start.year && month < start.month) continue;
      const firstDay = year === start.year && month === start.month ? start.day : 1;
      for (let day = firstDay; day <= daysIn(year, month); day++) {
        if (!dayMatches(c, year, month, day)) continue;
        for (const hour of c.hours) {
          for (const minute of c.minutes) {
            // No zone is more than 14 hours ahead of UTC: a local time this early cannot be after `after`.
            if (Date.UTC(year, month - 1, day, hour, minute) < (after - 14 * 3600) * 1000) continue;
            const ms = instantOf({ year, month, day, hour, minute, second: 0 }, tz);
            if (ms !== undefined && ms / 1000 > after) return ms / 1000;
          }
        }
      }
    }
  }
  return undefined;
}
