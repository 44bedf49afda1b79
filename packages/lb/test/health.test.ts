// What berth-lb reports of a target from HAProxy's stat row.
import t from 'tap';
import { healthOf, type ServerStat } from '../src/index.js';

const row = (status: string, checkStatus: string, checkCode = ''): ServerStat => ({ backend: 'b', server: 's0', status, checkStatus, checkCode, total: 0 });

t.test('healthOf', async (t) => {
  const cases: [string, ServerStat, boolean, ReturnType<typeof healthOf>][] = [
    ['up', row('UP', 'L7OK', '200'), false, { healthy: true }],
    ['up, one check failed (going down)', row('UP 1/2', '* L7STS', '500'), false, { healthy: true }],
    ['drained', row('DRAIN', 'L7OK', '200'), false, { healthy: true }],
    ['down: wrong status', row('DOWN', 'L7STS', '500'), false, { healthy: false, reason: 'Target.ResponseCodeMismatch', detail: 'Health checks failed with these codes: [500]' }],
    ['down: timeout', row('DOWN', 'L4TOUT'), false, { healthy: false, reason: 'Target.Timeout', detail: 'Request timed out (L4TOUT)' }],
    ['down: refused', row('DOWN', 'L4CON'), false, { healthy: false, reason: 'Target.FailedHealthChecks', detail: 'Health checks failed (L4CON)' }],
    ['down in its first checks', row('DOWN', 'L4CON'), true, undefined],
    ['down, checks initializing', row('DOWN', 'INI'), false, undefined],
    ['a free slot', row('MAINT', 'L4CON'), false, undefined],
  ];
  for (const [name, stat, first, want] of cases) t.same(healthOf(stat, first), want, name);
});
