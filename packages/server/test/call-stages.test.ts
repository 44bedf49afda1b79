// Where a call's time goes (call-stages.ts): each finished API call's stages from the chain's clock and a
// RunTask's marks, by action and outcome; machines' calls and streams are not counted; store calls beside.
import t from 'tap';
import type { CallRecord, CallTimes } from '@berth/api';
import { CallStages } from '../src/call-stages.js';

const record = (action: string, times: CallTimes | undefined, extra: Partial<CallRecord> = {}): CallRecord => ({
  call: { requestId: 'r', transport: 'grpc', peer: 'p', api: { name: 'ecs', iamPrefix: 'ecs' }, action, caller: { kind: 'anonymous', reason: 't' }, ...(times ? { times } : {}) },
  ms: 0,
  ...extra,
});

t.test('a RunTask\'s stages, from arrival to answer, each from the mark before it', async (t) => {
  const stages = new CallStages();
  const now = performance.now();
  const a = now - 1000;
  stages.observe(record('RunTask', { class: 'api', arrived: a, admitted: a + 100, marks: { handler: a + 150, queued: a + 300, batch: a + 600, placed: a + 700, committed: a + 900 } }));
  const s = stages.snapshot();
  const near = (key: string, ms: number) => {
    t.ok(s[key], `${key} recorded`);
    t.ok(Math.abs(s[key]!.p50Ms - ms) <= ms * 0.1 + 1, `${key}: ${s[key]?.p50Ms} ms, about ${ms}`);
    t.equal(s[key]!.count, 1);
  };
  near('RunTask ok gate', 100);
  near('RunTask ok auth', 50);
  near('RunTask ok checks', 150);
  near('RunTask ok queue', 300);
  near('RunTask ok place', 100);
  near('RunTask ok commit', 200);
  near('RunTask ok answer', 100);
  near('RunTask ok total', 1000);
  near('RunTask ok work', 900);
});

t.test('outcomes apart; a refused call has only its total; machines, streams and calls without a clock are not counted', async (t) => {
  const stages = new CallStages();
  const now = performance.now();
  stages.observe(record('DescribeTasks', { class: 'api', arrived: now - 20, admitted: now - 10, marks: { handler: now - 9 } }));
  stages.observe(record('DescribeTasks', { class: 'api', arrived: now - 5, marks: {} }, { error: { name: 'ThrottlingException', message: 'Rate exceeded', status: 400 } as never }));
  stages.observe(record('DescribeTasks', { class: 'api', arrived: now - 5, admitted: now - 4, marks: {} }, { error: { name: 'ClusterNotFoundException', message: 'x', status: 400 } as never }));
  stages.observe(record('Poll', { class: 'machine', arrived: now - 5, admitted: now, marks: {} }));
  stages.observe(record('WatchEvents', { class: 'api', arrived: now - 5, admitted: now, marks: {} }, { stream: { phase: 'close' } }));
  stages.observe(record('ListTasks', undefined));
  stages.store('get', 3);
  stages.store('get', 5);
  const s = stages.snapshot(true);
  t.same(Object.keys(s).sort(), [
    'DescribeTasks error gate', 'DescribeTasks error total', 'DescribeTasks error work',
    'DescribeTasks ok auth', 'DescribeTasks ok gate', 'DescribeTasks ok total', 'DescribeTasks ok work',
    'DescribeTasks refused total',
    'store get',
  ]);
  t.equal(s['store get']!.count, 2);
  t.equal(s['store get']!.maxMs, 5);
  t.same(stages.snapshot(), {}, 'reset');
});
