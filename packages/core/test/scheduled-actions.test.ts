// Application Auto Scaling's scheduled actions as tables: when an action runs next (at, rate, cron, in
// its time zone, within StartTime and EndTime, across a daylight-saving change), what a run does to the
// target's bounds and the desired count (AWS's rule: a capacity outside the new range goes to the nearer
// bound), and the refusals of a bad schedule, time zone or window.
import t from 'tap';
import { nextScheduledRun, scheduledActionTimingProblem, scheduledRunDecision, type ScheduledActionTiming, type ScheduledRunDecision } from '../src/index.js';

const s = (iso: string) => Date.parse(iso) / 1000;
const iso = (sec: number | undefined) => (sec === undefined ? undefined : new Date(sec * 1000).toISOString().replace('.000Z', 'Z'));
const created = s('2026-12-01T00:00:00Z');

t.test('when an action runs next', async (t) => {
  // [name, timing (without creationTime), after, expected]
  const rows: [string, Omit<ScheduledActionTiming, 'creationTime'>, string, string | undefined][] = [
    ['at(): once, in UTC by default', { schedule: 'at(2026-12-02T10:00:00)' }, '2026-12-02T09:00:00Z', '2026-12-02T10:00:00Z'],
    ['at(): never again once past', { schedule: 'at(2026-12-02T10:00:00)' }, '2026-12-02T10:00:00Z', undefined],
    ['at() in the action\'s time zone', { schedule: 'at(2026-12-02T10:00:00)', timezone: 'Europe/Berlin' }, '2026-12-02T00:00:00Z', '2026-12-02T09:00:00Z'],
    ['rate() counts from the creation time', { schedule: 'rate(6 hours)' }, '2026-12-01T07:00:00Z', '2026-12-01T12:00:00Z'],
    ['rate() counts from StartTime', { schedule: 'rate(6 hours)', startTime: s('2026-12-01T01:30:00Z') }, '2026-12-01T02:00:00Z', '2026-12-01T07:30:00Z'],
    ['nothing before StartTime', { schedule: 'cron(0 8 * * ? *)', startTime: s('2026-12-05T00:00:00Z') }, '2026-12-01T09:00:00Z', '2026-12-05T08:00:00Z'],
    ['nothing after EndTime', { schedule: 'cron(0 8 * * ? *)', endTime: s('2026-12-03T07:59:00Z') }, '2026-12-02T09:00:00Z', undefined],
    ['cron() in a zone, in winter', { schedule: 'cron(0 9 ? * MON-FRI *)', timezone: 'America/New_York' }, '2026-12-04T15:00:00Z', '2026-12-07T14:00:00Z'],
    // Spring forward in New York (8 March 2027, 02:00 -> 03:00 local): 02:30 does not exist that day.
    ['a skipped local time does not run', { schedule: 'cron(30 2 * * ? *)', timezone: 'America/New_York' }, '2027-03-13T12:00:00Z', '2027-03-15T06:30:00Z'],
  ];
  for (const [name, timing, after, want] of rows) t.equal(iso(nextScheduledRun({ ...timing, creationTime: created }, s(after))), want, name);
});

t.test('a bad schedule, time zone or window is refused, naming the member', async (t) => {
  const rows: [Omit<ScheduledActionTiming, 'creationTime'>, [string, RegExp] | undefined][] = [
    [{ schedule: 'cron(0 8 * * ? *)', timezone: 'Europe/Berlin' }, undefined],
    [{ schedule: 'cron(0 8 * * *)' }, ['Schedule', /six fields/]],
    [{ schedule: 'rate(1 minutes)' }, ['Schedule', /singular/]],
    [{ schedule: 'every day' }, ['Schedule', /at\(\.\.\.\), rate\(\.\.\.\) or cron/]],
    [{ schedule: 'rate(5 minutes)', timezone: 'Mars/Olympus' }, ['Timezone', /not a time zone/]],
    [{ schedule: 'rate(5 minutes)', startTime: s('2026-12-02T00:00:00Z'), endTime: s('2026-12-01T00:00:00Z') }, ['EndTime', /after StartTime/]],
  ];
  for (const [timing, want] of rows) {
    const got = scheduledActionTimingProblem({ ...timing, creationTime: created });
    if (want === undefined) t.equal(got, undefined, timing.schedule);
    else t.match(got, [want[0], want[1]], timing.schedule);
  }
});

t.test('what a run does', async (t) => {
  const show = (d: ScheduledRunDecision) =>
    d.action === 'skip' ? `skip: ${d.why}` : d.action === 'fail' ? `fail: ${d.message}` : `[${d.min}, ${d.max}]${d.desired !== undefined ? ` desired ${d.desired}: ${d.cause}` : ''}`;
  // [name, current, min, max, suspended, action, expected]
  const rows: [string, number, number, number, boolean, { MinCapacity?: number; MaxCapacity?: number }, string][] = [
    ['a higher minimum scales out to it', 2, 1, 10, false, { MinCapacity: 5 }, '[5, 10] desired 5: minimum capacity was set to 5'],
    ['a lower maximum scales in to it', 6, 1, 10, false, { MaxCapacity: 3 }, '[1, 3] desired 3: maximum capacity was set to 3'],
    ['both, the count inside: only the bounds change', 4, 1, 10, false, { MinCapacity: 2, MaxCapacity: 8 }, '[2, 8]'],
    ['both, the count below', 1, 1, 10, false, { MinCapacity: 3, MaxCapacity: 3 }, '[3, 3] desired 3: minimum capacity was set to 3'],
    ['nothing given keeps the bounds', 4, 1, 10, false, {}, '[1, 10]'],
    ['a minimum above the kept maximum fails', 2, 1, 4, false, { MinCapacity: 6 }, 'fail: Minimum capacity (6) cannot be greater than maximum capacity (4).'],
    ['ScheduledScalingSuspended: nothing', 2, 1, 10, true, { MinCapacity: 5 }, 'skip: scheduled scaling is suspended'],
  ];
  for (const [name, current, min, max, suspended, action, want] of rows) {
    t.equal(show(scheduledRunDecision({ current, min, max, scheduledScalingSuspended: suspended, action })), want, name);
  }
});
