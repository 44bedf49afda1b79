// Application Auto Scaling's decisions and CloudWatch's alarm evaluation, as tables of AWS's formulas:
// target tracking (ceil(current × metric ÷ target), out fast, in only on the low alarm, DisableScaleIn),
// step adjustments (intervals, the three adjustment types, MinAdjustmentMagnitude), cooldowns, bounds,
// suspension, none during a deployment; alarms (M of N, each TreatMissingData, the reason text).
import t from 'tap';
import {
  adjustedCapacity, evaluateAlarm, evaluationWindows, gateScaling, stepFor, stepScalingDecision, targetTrackingDecision,
  type AlarmRule, type Cooldowns, type ScalableTargetState, type ScalingDecision, type StepAdjustment,
} from '../src/index.js';

const target = (extra: Partial<ScalableTargetState> = {}): ScalableTargetState => ({ current: 2, min: 1, max: 10, suspendedIn: false, suspendedOut: false, deploymentInProgress: false, ...extra });
const noCooldown: Cooldowns = { scaleOut: 300, scaleIn: 300 };
const set = (d: ScalingDecision) => (d.action === 'set' ? d.desired : `none: ${d.why}`);

t.test('target tracking', async (t) => {
  const rows: [string, Parameters<typeof targetTrackingDecision>[0], number | string][] = [
    ['out: ceil(2 × 180 ÷ 50)', { target: target(), targetValue: 50, disableScaleIn: false, alarm: 'high', metric: 180, cooldowns: noCooldown, now: 1000 }, 8],
    ['out, but never above max', { target: target(), targetValue: 50, disableScaleIn: false, alarm: 'high', metric: 400, cooldowns: noCooldown, now: 1000 }, 10],
    ['in: ceil(4 × 20 ÷ 50)', { target: target({ current: 4 }), targetValue: 50, disableScaleIn: false, alarm: 'low', metric: 20, cooldowns: noCooldown, now: 1000 }, 2],
    ['in, but never below min', { target: target({ current: 4, min: 3 }), targetValue: 50, disableScaleIn: false, alarm: 'low', metric: 1, cooldowns: noCooldown, now: 1000 }, 3],
    ['no alarm: nothing', { target: target(), targetValue: 50, disableScaleIn: false, alarm: undefined, metric: 180, cooldowns: noCooldown, now: 1000 }, 'none: the metric is within the target'],
    ['a gap never scales', { target: target({ current: 4 }), targetValue: 50, disableScaleIn: false, alarm: 'low', metric: undefined, cooldowns: noCooldown, now: 1000 }, 'none: the metric has no recent datapoint'],
    ['DisableScaleIn', { target: target({ current: 4 }), targetValue: 50, disableScaleIn: true, alarm: 'low', metric: 10, cooldowns: noCooldown, now: 1000 }, 'none: scale-in is disabled for this policy'],
    ['DisableScaleIn still scales out', { target: target(), targetValue: 50, disableScaleIn: true, alarm: 'high', metric: 100, cooldowns: noCooldown, now: 1000 }, 4],
    ['during a deployment: nothing', { target: target({ deploymentInProgress: true }), targetValue: 50, disableScaleIn: false, alarm: 'high', metric: 180, cooldowns: noCooldown, now: 1000 }, 'none: a deployment is in progress'],
    ['at max already', { target: target({ current: 10 }), targetValue: 50, disableScaleIn: false, alarm: 'high', metric: 180, cooldowns: noCooldown, now: 1000 }, 'none: the desired count is already at the maximum capacity'],
    ['the high alarm with a metric that fell back', { target: target(), targetValue: 50, disableScaleIn: false, alarm: 'high', metric: 40, cooldowns: noCooldown, now: 1000 }, 'none: the metric no longer calls for more capacity'],
    ['scale-out suspended', { target: target({ suspendedOut: true }), targetValue: 50, disableScaleIn: false, alarm: 'high', metric: 180, cooldowns: noCooldown, now: 1000 }, 'none: dynamic scale-out is suspended'],
    ['scale-in suspended', { target: target({ current: 4, suspendedIn: true }), targetValue: 50, disableScaleIn: false, alarm: 'low', metric: 10, cooldowns: noCooldown, now: 1000 }, 'none: dynamic scale-in is suspended'],
    // A scheduled action raised the minimum above the count and has not set the count yet: the low alarm must not scale out.
    ['the low alarm never scales out to a raised minimum (idle tasks: ceil(1 × 0 ÷ 50) = 0)', { target: target({ current: 1, min: 2 }), targetValue: 50, disableScaleIn: false, alarm: 'low', metric: 0, cooldowns: noCooldown, now: 1000 }, 'none: the minimum capacity is above the current count'],
    ['the high alarm never scales in to a lowered maximum', { target: target({ current: 5, max: 3 }), targetValue: 50, disableScaleIn: false, alarm: 'high', metric: 80, cooldowns: noCooldown, now: 1000 }, 'none: the maximum capacity is below the current count'],
  ];
  for (const [name, input, want] of rows) t.equal(set(targetTrackingDecision(input)), want, name);
});

t.test('cooldowns', async (t) => {
  const after = (direction: 'out' | 'in', at: number, desired: number): Cooldowns => ({ scaleOut: 60, scaleIn: 300, last: { at, direction, desired } });
  const rows: [string, number, number, Cooldowns, number | string][] = [
    // [name, current, proposed, cooldowns, want] at now = 1000
    ['scale-out cooldown holds a scale-out that adds nothing beyond the last', 4, 4 + 0, after('out', 980, 4), 'none: the desired count is already right'],
    ['scale-out cooldown holds a smaller scale-out', 4, 4, after('out', 980, 6), 'none: the desired count is already right'],
    ['scale-out cooldown lets a larger scale-out through', 4, 8, after('out', 980, 4), 8],
    ['scale-out cooldown holds the same scale-out', 3, 4, after('out', 980, 4), 'none: the scale-out cooldown is in effect'],
    ['scale-out cooldown over', 4, 6, after('out', 900, 4), 6],
    ['scale-in cooldown holds a scale-in', 4, 2, after('in', 900, 4), 'none: the scale-in cooldown is in effect'],
    ['scale-in cooldown over', 4, 2, after('in', 600, 4), 2],
    ['a scale-out ends the scale-in cooldown', 4, 6, after('in', 990, 4), 6],
    ['no scale-in right after a scale-out', 6, 4, after('out', 980, 6), 'none: the scale-out cooldown is in effect'],
  ];
  for (const [name, current, proposed, cooldowns, want] of rows) t.equal(set(gateScaling(target({ current }), proposed, cooldowns, 1000, 'x')), want, name);
});

t.test('step adjustments', async (t) => {
  const steps: StepAdjustment[] = [
    { MetricIntervalUpperBound: -10, ScalingAdjustment: -2 },
    { MetricIntervalLowerBound: -10, MetricIntervalUpperBound: 0, ScalingAdjustment: -1 },
    { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 20, ScalingAdjustment: 1 },
    { MetricIntervalLowerBound: 20, ScalingAdjustment: 3 },
  ];
  // Above the threshold: lower inclusive, upper exclusive; below it: the other way round.
  const intervals: [number, number][] = [[0, 1], [19.9, 1], [20, 3], [500, 3], [-0.1, -1], [-9.9, -1], [-10, -2]];
  for (const [breach, adj] of intervals) t.equal(stepFor(steps, breach)?.ScalingAdjustment, adj, `breach ${breach}`);
  t.equal(stepFor([{ MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 10, ScalingAdjustment: 1 }], 15), undefined, 'no step covers it');

  const capacity: [string, number, 'ChangeInCapacity' | 'PercentChangeInCapacity' | 'ExactCapacity', number, number | undefined, number][] = [
    ['ChangeInCapacity', 4, 'ChangeInCapacity', 3, undefined, 7],
    ['ChangeInCapacity down', 4, 'ChangeInCapacity', -3, undefined, 1],
    ['ExactCapacity', 4, 'ExactCapacity', 9, undefined, 9],
    ['PercentChangeInCapacity rounds down above 1', 10, 'PercentChangeInCapacity', 25, undefined, 12],
    ['PercentChangeInCapacity rounds up below -1', 10, 'PercentChangeInCapacity', -25, undefined, 8],
    ['PercentChangeInCapacity between 0 and 1 is 1', 2, 'PercentChangeInCapacity', 10, undefined, 3],
    ['PercentChangeInCapacity between -1 and 0 is -1', 2, 'PercentChangeInCapacity', -10, undefined, 1],
    ['MinAdjustmentMagnitude', 10, 'PercentChangeInCapacity', 10, 3, 13],
    ['MinAdjustmentMagnitude down', 10, 'PercentChangeInCapacity', -10, 3, 7],
  ];
  for (const [name, current, type, adj, minMag, want] of capacity) t.equal(adjustedCapacity(current, type, adj, minMag), want, name);

  const decide = (value: number, extra: Partial<ScalableTargetState> = {}) => set(stepScalingDecision({
    target: target({ current: 4, ...extra }), adjustmentType: 'ChangeInCapacity', steps, alarm: { name: 'cpu-high', threshold: 70, value }, cooldowns: noCooldown, now: 1000,
  }));
  t.equal(decide(95), 7, 'a breach of 25: +3');
  t.equal(decide(75), 5, 'a breach of 5: +1');
  t.equal(decide(95, { max: 6 }), 6, 'within max');
  t.equal(decide(50, { min: 3 }), 3, 'a breach of -20: -2, within min');
  t.equal(decide(50, { min: 5 }), 'none: the minimum capacity is above the current count', 'a scale-in step never scales out to a raised minimum');
  t.equal(decide(95, { deploymentInProgress: true }), 'none: a deployment is in progress');
});

t.test('alarm evaluation', async (t) => {
  const rule = (extra: Partial<AlarmRule> = {}): AlarmRule => ({ threshold: 50, comparison: 'GreaterThanThreshold', evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'missing', ...extra });
  const p = (...values: (number | undefined)[]) => values.map((value, i) => ({ t: 1_700_000_000 - i * 60, ...(value !== undefined ? { value } : {}) }));
  const rows: [string, AlarmRule, ReturnType<typeof p>, string][] = [
    ['3 of 3 above', rule(), p(60, 70, 80), 'ALARM'],
    ['2 of 3 above', rule(), p(60, 70, 40), 'OK'],
    ['2 of 3 above, 2 to alarm', rule({ datapointsToAlarm: 2 }), p(60, 40, 70), 'ALARM'],
    ['missing: a gap is not counted', rule(), p(60, undefined, 80), 'OK'],
    ['missing: all gaps', rule(), p(undefined, undefined, undefined), 'INSUFFICIENT_DATA'],
    ['breaching: a gap breaches', rule({ treatMissingData: 'breaching' }), p(60, undefined, 80), 'ALARM'],
    ['notBreaching: all gaps are OK', rule({ treatMissingData: 'notBreaching' }), p(undefined, undefined, undefined), 'OK'],
    ['ignore: all gaps keep the state', rule({ treatMissingData: 'ignore' }), p(undefined, undefined, undefined), 'ALARM'],
    ['LessThanThreshold', rule({ comparison: 'LessThanThreshold' }), p(10, 20, 49), 'ALARM'],
    ['LessThanOrEqualToThreshold', rule({ comparison: 'LessThanOrEqualToThreshold' }), p(50, 50, 50), 'ALARM'],
    ['GreaterThanOrEqualToThreshold', rule({ comparison: 'GreaterThanOrEqualToThreshold' }), p(50, 51, 50), 'ALARM'],
    ['GreaterThanThreshold at the threshold', rule(), p(50, 51, 52), 'OK'],
  ];
  for (const [name, r, periods, want] of rows) t.equal(evaluateAlarm(r, periods, 'ALARM').state, want, name);
  t.equal(
    evaluateAlarm(rule(), p(60, 70, 80), 'OK').reason,
    'Threshold Crossed: 3 datapoints were greater than the threshold (50.0). The most recent datapoints which crossed the threshold: [60.0 (14/11/23 22:13:20), 70.0 (14/11/23 22:12:20), 80.0 (14/11/23 22:11:20)].',
  );
  const windows = evaluationWindows([[100, 1], [101, 3], [95, 10], [80, 7]], 102, 5, 4, (v) => Math.max(...v));
  t.same(windows, [{ t: 97, value: 3 }, { t: 92, value: 10 }, { t: 87 }, { t: 82 }], 'newest first, an empty window is a gap');
});
