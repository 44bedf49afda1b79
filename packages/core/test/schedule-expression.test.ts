import t from 'tap';
import { ScheduleExpressionError, instantOf, isTimeZone, nextOccurrence, parseScheduleExpression } from '../src/index.js';

const s = (iso: string) => Date.parse(iso) / 1000;
const iso = (sec: number | undefined) => (sec === undefined ? undefined : new Date(sec * 1000).toISOString().replace('.000Z', 'Z'));
const next = (expr: string, after: string, tz?: string) => iso(nextOccurrence(parseScheduleExpression(expr), s(after), tz ? { timeZone: tz } : {}));

// [expression, after, zone, expected next occurrence]
const TABLE: [string, string, string | undefined, string | undefined][] = [
  ['cron(0/15 * * * ? *)', '2026-12-02T10:07:00Z', undefined, '2026-12-02T10:15:00Z'],
  ['cron(0/15 * * * ? *)', '2026-12-02T10:15:00Z', undefined, '2026-12-02T10:30:00Z'],
  ['cron(5,10 8-9 * * ? *)', '2026-12-02T08:07:00Z', undefined, '2026-12-02T08:10:00Z'],
  ['cron(0 8 1 JAN-MAR ? *)', '2026-12-02T00:00:00Z', undefined, '2027-01-01T08:00:00Z'],
  ['cron(0 18 ? * MON-FRI *)', '2026-12-04T19:00:00Z', undefined, '2026-12-07T18:00:00Z'],
  ['cron(0 10 ? * 6L 2026)', '2026-12-01T00:00:00Z', undefined, '2026-12-25T10:00:00Z'],
  ['cron(0 10 ? * 6L 2026)', '2026-12-26T00:00:00Z', undefined, undefined],
  ['cron(0 9 ? * 2#1 *)', '2026-12-08T00:00:00Z', undefined, '2027-01-04T09:00:00Z'],
  ['cron(0 12 15W * ? *)', '2026-11-01T00:00:00Z', undefined, '2026-11-16T12:00:00Z'],
  ['cron(0 12 1W * ? *)', '2026-07-31T00:00:00Z', undefined, '2026-08-03T12:00:00Z'],
  ['cron(0 12 LW * ? *)', '2026-10-01T00:00:00Z', undefined, '2026-10-30T12:00:00Z'],
  ['cron(0 0 L 2 ? *)', '2027-03-01T00:00:00Z', undefined, '2028-02-29T00:00:00Z'],
  ['cron(0 0 31 * ? *)', '2026-04-01T00:00:00Z', undefined, '2026-05-31T00:00:00Z'],
  ['cron(0 0 30 2 ? *)', '2026-01-01T00:00:00Z', undefined, undefined],
  ['cron(0 9 * * ? *)', '2026-12-02T00:00:00Z', 'Europe/Berlin', '2026-12-02T08:00:00Z'],
  ['cron(0 9 * * ? *)', '2026-07-02T00:00:00Z', 'Europe/Berlin', '2026-07-02T07:00:00Z'],
  ['cron(0 9 * * ? *)', '2026-12-02T00:00:00Z', 'Asia/Kolkata', '2026-12-02T03:30:00Z'],
  // Spring forward in New York (8 March 2026, 02:00 -> 03:00): 02:30 does not exist that day, and is skipped.
  ['cron(30 2 * * ? *)', '2026-03-07T12:00:00Z', 'America/New_York', '2026-03-09T06:30:00Z'],
  ['cron(0 * * * ? *)', '2026-03-08T06:30:00Z', 'America/New_York', '2026-03-08T07:00:00Z'],
  // Fall back (1 November 2026, 02:00 -> 01:00): 01:30 happens twice, and fires once, at its first instant.
  ['cron(30 1 * * ? *)', '2026-10-31T12:00:00Z', 'America/New_York', '2026-11-01T05:30:00Z'],
  ['cron(30 1 * * ? *)', '2026-11-01T05:30:00Z', 'America/New_York', '2026-11-02T06:30:00Z'],
  ['cron(30 * * * ? *)', '2026-11-01T05:30:00Z', 'America/New_York', '2026-11-01T07:30:00Z'],
  ['at(2026-12-24T18:00:00)', '2026-12-01T00:00:00Z', 'Europe/Berlin', '2026-12-24T17:00:00Z'],
  ['at(2026-12-24T18:00:00)', '2026-12-24T17:00:00Z', 'Europe/Berlin', undefined],
  ['at(2026-03-08T02:30:00)', '2026-01-01T00:00:00Z', 'America/New_York', undefined],
];

t.test('next occurrence', async (t) => {
  for (const [expr, after, tz, expected] of TABLE) t.equal(next(expr, after, tz), expected, `${expr} after ${after}${tz ? ` in ${tz}` : ''}`);
});

t.test('rate() counts from its start; start and end bound every kind', async (t) => {
  const rate = parseScheduleExpression('rate(5 minutes)');
  t.same(rate, { kind: 'rate', seconds: 300 });
  t.equal(nextOccurrence(rate, 999, { start: 1000 }), 1000, 'the start itself is an occurrence');
  t.equal(nextOccurrence(rate, 1000, { start: 1000 }), 1300);
  t.equal(nextOccurrence(rate, 1299.5, { start: 1000 }), 1300);
  t.equal(nextOccurrence(rate, 1300, { start: 1000, end: 1500 }), undefined, 'past the end');
  t.same(parseScheduleExpression('rate(1 hour)'), { kind: 'rate', seconds: 3600 });
  t.same(parseScheduleExpression('rate(2 days)'), { kind: 'rate', seconds: 172800 });
  const cron = parseScheduleExpression('cron(0 12 * * ? *)');
  t.equal(iso(nextOccurrence(cron, s('2026-12-01T00:00:00Z'), { start: s('2026-12-05T00:00:00Z') })), '2026-12-05T12:00:00Z');
  t.equal(nextOccurrence(cron, s('2026-12-01T13:00:00Z'), { end: s('2026-12-02T11:00:00Z') }), undefined);
});

t.test('refusals say why', async (t) => {
  const BAD: [string, RegExp][] = [
    ['every(5 minutes)', /at\(\.\.\.\), rate\(\.\.\.\) or cron/],
    ['rate(1 minutes)', /singular/],
    ['rate(5 minute)', /plural/],
    ['rate(0 minutes)', /positive/],
    ['rate(5 weeks)', /minute\(s\), hour\(s\) or day\(s\)/],
    ['cron(0 12 * * ?)', /six fields/],
    ['cron(0 12 * * * *)', /exactly one of day-of-month and day-of-week/],
    ['cron(0 12 ? * ? *)', /exactly one of day-of-month and day-of-week/],
    ['cron(60 12 * * ? *)', /minutes: 60 is outside 0-59/],
    ['cron(0 12 * FOO ? *)', /month: 'FOO' is not a value/],
    ['cron(0 12 ? * 9 *)', /day-of-week: 9 is outside 1-7/],
    ['cron(0 12 ? * 2#6 *)', /week of the month is 1-5/],
    ['cron(0 5-2 * * ? *)', /runs backwards/],
    ['at(2026-02-30T00:00:00)', /not a valid date/],
    ['at(2026-12-01 10:00)', /yyyy-mm-ddThh:mm:ss/],
  ];
  for (const [text, reason] of BAD) {
    try {
      parseScheduleExpression(text);
      t.fail(`${text} accepted`);
    } catch (e) {
      t.ok(e instanceof ScheduleExpressionError, text);
      t.match((e as Error).message, reason, text);
    }
  }
});

t.test('time zones', async (t) => {
  t.ok(isTimeZone('UTC'));
  t.ok(isTimeZone('Europe/Berlin'));
  t.notOk(isTimeZone('Mars/Olympus'));
  t.equal(instantOf({ year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0 }, 'Europe/Berlin'), undefined, 'skipped in spring');
  t.equal(instantOf({ year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0 }, 'Europe/Berlin'), Date.parse('2026-10-25T00:30:00Z'), 'the first of two');
});
