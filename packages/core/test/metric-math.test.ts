// Berth's reading of a metric-math Metrics list, as a table: AWS's rules for the list (Ids, one of
// Expression and MetricStat, exactly one entry returning data, an omitted ReturnData counting as true),
// then Berth's: one Expression, read as PromQL; a MetricStat or a second entry is not evaluated.
import t from 'tap';
import { readPromQLMetrics, type MetricMathQuery } from '../src/index.js';

const at = (i: number) => `Metrics.member.${i + 1}`;
const stat = { Metric: { Namespace: 'AWS/ECS', MetricName: 'CPUUtilization' }, Period: 60, Stat: 'Average' };
const ACCOUNT = '000000000000';

const cases: [string, MetricMathQuery[], unknown][] = [
  ['one Expression, ReturnData omitted', [{ Id: 'backlog', Expression: 'sum(redis_key_size{key="jobs"})' }], { expression: 'sum(redis_key_size{key="jobs"})' }],
  ['one Expression with its period and label', [{ Id: 'e1', Expression: 'vector(1)', ReturnData: true, Period: 120, Label: 'one' }], { expression: 'vector(1)', period: 120, label: 'one' }],
  ['its own account', [{ Id: 'e1', Expression: 'up', AccountId: ACCOUNT }], { expression: 'up' }],
  ['empty list', [], { kind: 'invalid', field: 'Metrics.member.1' }],
  ['Id starting with a capital', [{ Id: 'Backlog', Expression: 'up' }], { kind: 'invalid', field: 'Metrics.member.1.Id', message: /first character must be a lowercase letter/ }],
  ['Id with a dash', [{ Id: 'a-b', Expression: 'up' }], { kind: 'invalid', field: 'Metrics.member.1.Id' }],
  ['Ids not unique', [{ Id: 'e1', Expression: 'up', ReturnData: false }, { Id: 'e1', Expression: 'up' }], { kind: 'invalid', field: 'Metrics.member.2.Id', message: /unique/ }],
  ['neither Expression nor MetricStat', [{ Id: 'e1' }], { kind: 'invalid', field: 'Metrics.member.1.Expression', message: 'Exactly one of Expression and MetricStat must be specified for metric e1.' }],
  ['both Expression and MetricStat', [{ Id: 'e1', Expression: 'up', MetricStat: stat }], { kind: 'invalid', field: 'Metrics.member.1.Expression' }],
  ['bad period', [{ Id: 'e1', Expression: 'up', Period: 45 }], { kind: 'invalid', field: 'Metrics.member.1.Period' }],
  ['nothing returns data', [{ Id: 'e1', Expression: 'up', ReturnData: false }], { kind: 'invalid', message: 'Exactly one element of the metrics list should return data.' }],
  ['two return data (one by omission)', [{ Id: 'e1', Expression: 'up' }, { Id: 'e2', Expression: 'up', ReturnData: true }], { kind: 'invalid', field: 'Metrics.member.2', message: 'Exactly one element of the metrics list should return data.' }],
  ['a MetricStat returns data', [{ Id: 'm1', MetricStat: stat }], { kind: 'unsupported', field: 'Metrics.member.1.MetricStat', message: /as PromQL against the Prometheus of --prometheus-url/ }],
  ['an Expression over a MetricStat', [{ Id: 'm1', MetricStat: stat, ReturnData: false }, { Id: 'e1', Expression: 'm1 * 2' }], { kind: 'unsupported', field: 'Metrics.member.1' }],
  ['two Expressions', [{ Id: 'e1', Expression: 'e2 * 2' }, { Id: 'e2', Expression: 'up', ReturnData: false }], { kind: 'unsupported', field: 'Metrics.member.2' }],
  ['another account', [{ Id: 'e1', Expression: 'up', AccountId: '111111111111' }], { kind: 'unsupported', field: 'Metrics.member.1.AccountId' }],
  ['blank expression', [{ Id: 'e1', Expression: '  ' }], { kind: 'invalid', field: 'Metrics.member.1.Expression' }],
];

for (const [name, metrics, want] of cases) {
  t.test(name, async (t) => {
    const got = readPromQLMetrics(metrics, at, ACCOUNT);
    t.match(got, want as object);
    if ('expression' in (want as object)) t.same(got, want, 'exactly the reading, nothing more');
  });
}

t.test('the entry path is the API\'s own', async (t) => {
  const got = readPromQLMetrics([{ Id: 'X', Expression: 'up' }], (i) => `TargetTrackingScalingPolicyConfiguration.CustomizedMetricSpecification.Metrics.${i}`, ACCOUNT);
  t.match(got, { field: 'TargetTrackingScalingPolicyConfiguration.CustomizedMetricSpecification.Metrics.0.Id' });
});
