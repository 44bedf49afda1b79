// The schedule expressions of EventBridge, EventBridge Scheduler and Application Auto Scaling's scheduled
// actions, parsed once here for every API that takes one:
//   at(yyyy-mm-ddThh:mm:ss)       once, at that local time
//   rate(value unit)              every value minutes|hours|days (singular unit for 1, plural otherwise)
//   cron(min hour dom month dow year)   AWS's six fields: `*`, `,`, `-`, `/`; `?` in exactly one of
//                                 day-of-month and day-of-week; `L` and `W` in day-of-month (`L`, `LW`,
//                                 `15W`); `L` and `#` in day-of-week (`6L`: the month's last Friday,
//                                 `2#1`: its first Monday); day-of-week 1-7 is SUN-SAT; names JAN-DEC, SUN-SAT.
// A malformed expression is a ScheduleExpressionError with the reason; each API words its own refusal.

export class ScheduleExpressionError extends Error {}

export interface CronFields {
  minutes: number[];
  hours: number[];
  months: number[];
  /** Allowed years (1970-2199). */
  years: number[];
  /** Day of month: numbers, or `L` (last day), `LW` (last weekday), `NW` (the weekday nearest N). `undefined`: `?`. */
  dayOfMonth?: { days: number[]; last: boolean; lastWeekday: boolean; nearestWeekday?: number };
  /** Day of week (1 = Sunday): numbers, `NL` (the month's last such day), `N#K` (its K-th). `undefined`: `?`. */
  dayOfWeek?: { days: number[]; lastOf?: number; nth?: { day: number; k: number } };
}

export type ScheduleExpression =
  | { kind: 'at'; at: { year: number; month: number; day: number; hour: number; minute: number; second: number } }
  | { kind: 'rate'; seconds: number }
  | { kind: 'cron'; cron: CronFields };

const fail = (reason: string): never => { throw new ScheduleExpressionError(reason); };

export function parseScheduleExpression(text: string): ScheduleExpression {
  const m = /^(at|rate|cron)\((.*)\)$/s.exec(text.trim());
  if (!m) return fail('A schedule expression is at(...), rate(...) or cron(...).');
  const body = m[2]!.trim();
  if (m[1] === 'at') return parseAt(body);
  if (m[1] === 'rate') return parseRate(body);
  return { kind: 'cron', cron: parseCron(body) };
}

function parseAt(body: string): ScheduleExpression {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body);
  if (!m) return fail('at() takes a date and time as yyyy-mm-ddThh:mm:ss.');
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const d = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) fail(`at(${body}) is not a valid date and time.`);
  return { kind: 'at', at: { year, month, day, hour, minute, second } };
}

const RATE_UNITS: Record<string, number> = { minute: 60, hour: 3600, day: 86400 };

function parseRate(body: string): ScheduleExpression {
  const m = /^(\d+)\s+(minute|minutes|hour|hours|day|days)$/.exec(body);
  if (!m) return fail('rate() takes a positive whole number and a unit: minute(s), hour(s) or day(s).');
  const value = Number(m[1]);
  const unit = m[2]!;
  if (value < 1) fail('The value of rate() must be positive.');
  const plural = unit.endsWith('s');
  if (value === 1 && plural) fail(`rate(1 ${unit}): a value of 1 takes the singular unit (${unit.slice(0, -1)}).`);
  if (value > 1 && !plural) fail(`rate(${value} ${unit}): a value above 1 takes the plural unit (${unit}s).`);
  return { kind: 'rate', seconds: value * RATE_UNITS[plural ? unit.slice(0, -1) : unit]! };
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** A field of numbers: `*`, `a`, `a-b`, `a/n`, `*\/n`, `a-b/n`, comma-separated; `names` map to min.. */
function numbers(field: string, what: string, min: number, max: number, names?: string[]): number[] {
  const value = (t: string): number => {
    const i = names?.indexOf(t.toUpperCase()) ?? -1;
    if (i >= 0) return min + i;
    if (!/^\d+$/.test(t)) return fail(`${what}: '${t}' is not a value.`);
    const n = Number(t);
    if (n < min || n > max) fail(`${what}: ${n} is outside ${min}-${max}.`);
    return n;
  };
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/') as [string, string | undefined];
    if (stepText !== undefined && !/^\d+$/.test(stepText)) fail(`${what}: '${part}' has no whole step.`);
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1) fail(`${what}: the step of '${part}' must be positive.`);
    let lo: number;
    let hi: number;
    if (range === '*') {
      [lo, hi] = [min, max];
    } else if (range.includes('-')) {
      const [a, b] = range.split('-') as [string, string];
      [lo, hi] = [value(a), value(b)];
      if (lo > hi) fail(`${what}: the range '${range}' runs backwards.`);
    } else {
      lo = value(range);
      hi = stepText === undefined ? lo : max;
    }
    for (let n = lo; n <= hi; n += step) out.add(n);
  }
  return [...out].sort((a, b) => a - b);
}

function parseCron(body: string): CronFields {
  const f = body.split(/\s+/);
  if (f.length !== 6) fail(`cron() takes six fields (minutes hours day-of-month month day-of-week year); got ${f.length}.`);
  const [min, hour, dom, month, dow, year] = f as [string, string, string, string, string, string];
  if ((dom === '?') === (dow === '?')) fail('cron(): exactly one of day-of-month and day-of-week must be ?.');
  return {
    minutes: numbers(min, 'minutes', 0, 59),
    hours: numbers(hour, 'hours', 0, 23),
    months: numbers(month, 'month', 1, 12, MONTHS),
    years: numbers(year, 'year', 1970, 2199),
    ...(dom !== '?' ? { dayOfMonth: parseDayOfMonth(dom) } : {}),
    ...(dow !== '?' ? { dayOfWeek: parseDayOfWeek(dow) } : {}),
  };
}

function parseDayOfMonth(field: string): NonNullable<CronFields['dayOfMonth']> {
  if (field === 'L') return { days: [], last: true, lastWeekday: false };
  if (field === 'LW') return { days: [], last: false, lastWeekday: true };
  const w = /^(\d+)W$/.exec(field);
  if (w) {
    const n = Number(w[1]);
    if (n < 1 || n > 31) fail(`day-of-month: ${n} is outside 1-31.`);
    return { days: [], last: false, lastWeekday: false, nearestWeekday: n };
  }
  return { days: numbers(field, 'day-of-month', 1, 31), last: false, lastWeekday: false };
}

function parseDayOfWeek(field: string): NonNullable<CronFields['dayOfWeek']> {
  const day = (t: string) => numbers(t, 'day-of-week', 1, 7, DAYS)[0]!;
  if (field === 'L') return { days: [7] };
  const last = /^(\w+)L$/.exec(field);
  if (last) return { days: [], lastOf: day(last[1]!) };
  const nth = /^(\w+)#(\d)$/.exec(field);
  if (nth) {
    const k = Number(nth[2]);
    if (k < 1 || k > 5) fail(`day-of-week: '${field}': the week of the month is 1-5.`);
    return { days: [], nth: { day: day(nth[1]!), k } };
  }
  return { days: numbers(field, 'day-of-week', 1, 7, DAYS) };
}
