// Scale hooks' pure decisions (core/capacity/scale-hooks.ts): a hook's ARN is an Auto Scaling group's that
// names it; a call is not repeated for the same desired count and machines once it succeeded (a failed one
// is, after a while); retries back off doubling to a ceiling.
import t from 'tap';
import { scaleHookArn, scaleHookBackoffMs, scaleHookCallDue, scaleHookNameOf, type ScaleHookCall } from '../src/index.js';

t.test('a hook ARN is an Auto Scaling group ARN naming the hook', async (t) => {
  const arn = scaleHookArn({ partition: 'aws', region: 'eu-west-1', accountId: '123456789012' }, 'u-1', 'pis');
  t.equal(arn, 'arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:u-1:autoScalingGroupName/pis');
  t.equal(scaleHookNameOf(arn), 'pis');
  t.equal(scaleHookNameOf('arn:aws:ecs:eu-west-1:123456789012:cluster/pis'), undefined);
  t.equal(scaleHookNameOf('pis'), undefined);
});

t.test('whether a call is due', async (t) => {
  const ok = (desiredCount: number, instancesToRemove: string[] = []): ScaleHookCall => ({ desiredCount, instancesToRemove, status: 'Succeeded', attempts: 1, at: 100 });
  const failed: ScaleHookCall = { ...ok(3), status: 'Failed' };
  const rows: [string, ScaleHookCall | undefined, { desiredCount: number; instancesToRemove: string[] }, number, boolean][] = [
    ['never called', undefined, { desiredCount: 3, instancesToRemove: [] }, 100, true],
    ['the same count, done', ok(3), { desiredCount: 3, instancesToRemove: [] }, 1000, false],
    ['another count', ok(3), { desiredCount: 4, instancesToRemove: [] }, 100, true],
    ['the same machines in another order, done', ok(1, ['a', 'b']), { desiredCount: 1, instancesToRemove: ['b', 'a'] }, 100, false],
    ['other machines to remove', ok(1, ['a']), { desiredCount: 1, instancesToRemove: ['b'] }, 100, true],
    ['the same, failed, too soon to retry', failed, { desiredCount: 3, instancesToRemove: [] }, 159, false],
    ['the same, failed, retried after the wait', failed, { desiredCount: 3, instancesToRemove: [] }, 160, true],
  ];
  for (const [what, last, next, now, want] of rows) t.equal(scaleHookCallDue(last, next, now, 60), want, what);
});

t.test('the back-off doubles to a ceiling', async (t) => {
  t.same([1, 2, 3, 4, 5, 6].map((a) => scaleHookBackoffMs(a, 1000, 10_000)), [1000, 2000, 4000, 8000, 10_000, 10_000]);
});
