// CloudWatch's metric alarms (issue 22 §4): PutMetricAlarm, DescribeAlarms, DeleteAlarms, SetAlarmState.
// Berth evaluates them itself (controllers/leader/alarms.ts) over the namespaces it serves; their actions
// can only be Application Auto Scaling policies (Berth sends no notifications), and what it cannot act on
// (anomaly detection, composite alarms, other actions) is refused naming the member. Metric math
// (`Metrics`) is Berth's reading: one `Expression`, evaluated as PromQL against --prometheus-url
// (core's metric-math.ts).
import {
  BerthError, COMPARISON_OPERATORS, CONTAINER_INSIGHTS_NAMESPACE, ECS_NAMESPACE, ELB_NAMESPACE, MANAGED_SCALING_NAMESPACE, TREAT_MISSING_DATA, alarmArn, alarmStateChangeEvent, isAlarmPeriod,
  isMetricMathProblem, isSupportedStatistic, readPromQLMetrics,
  type Cloudwatch, type Identity, type PromQLReading,
} from '@berth/core';
import type { Store } from '@berth/store';
import { randomUUID } from 'node:crypto';
import { commitWithRetry } from '../../state/kit.js';
import { alarmKey, alarmsPage, deleteAlarmOp, getAlarm, getAlarms, putAlarmOp, ALARMS_PREFIX, type AlarmRecord } from '../../state/alarms.js';
import { eventPutOp } from '../../state/events.js';
import { decodeToken, encodeToken } from '../../pagination.js';
import { invalidValue, unsupportedMember } from './metrics.js';
import { NO_PROMETHEUS, type PromQL } from '../../metrics/prometheus-query.js';

/** The namespaces whose metrics Berth has. */
export const ALARM_NAMESPACES = [ECS_NAMESPACE, CONTAINER_INSIGHTS_NAMESPACE, ELB_NAMESPACE, MANAGED_SCALING_NAMESPACE];
/** An Application Auto Scaling policy's ARN: the only action an alarm of Berth's can take. */
export const SCALING_POLICY_ARN = /^arn:[\w-]+:autoscaling:[^:]*:\d*:scalingPolicy:[^:]+:resource\/.+:policyName\/.+$/;

export interface AlarmContext {
  store: Store;
  identity: Identity;
  now(): number;
  /** Where metric-math Expressions are read (absent: they are refused). */
  promql?: PromQL;
}

const notFound = (name: string) => new BerthError('ResourceNotFound', `Alarm ${name.slice(0, 255)} does not exist.`, 'AlarmName');

/** What PutMetricAlarm refuses: the members Berth does not act on. */
const UNSUPPORTED: [keyof Cloudwatch.PutMetricAlarmInput, string][] = [
  ['ThresholdMetricId', 'anomaly detection bands are not evaluated; give a Threshold.'],
  ['EvaluateLowSampleCountPercentile', 'percentile alarms are evaluated on every sample count.'],
  ['EvaluationCriteria', 'PromQL alarms with contributors are not evaluated; give the query as one Expression in Metrics (read as PromQL against --prometheus-url).'],
  ['EvaluationInterval', 'alarms are evaluated once a period.'],
];

/** The members an alarm on metric math describes in its `Metrics` instead. */
const SINGLE_METRIC_MEMBERS = ['MetricName', 'Namespace', 'Dimensions', 'Period', 'Unit', 'Statistic', 'ExtendedStatistic'] as const;

/** The PromQL an alarm's `Metrics` hold, checked as CloudWatch checks the list; refused without Prometheus. */
function alarmPromQL(metrics: Cloudwatch.MetricDataQuery[], ctx: Pick<AlarmContext, 'identity' | 'promql'>): PromQLReading {
  const at = (i: number) => `Metrics.member.${i + 1}`;
  const r = readPromQLMetrics(metrics, at, ctx.identity.accountId);
  if (isMetricMathProblem(r)) throw r.kind === 'invalid' ? invalidValue(r.field, r.message) : unsupportedMember(r.field, r.message);
  if (!ctx.promql) throw unsupportedMember(`${at(0)}.Expression`, NO_PROMETHEUS);
  return r;
}

export function validateAlarm(req: Cloudwatch.PutMetricAlarmInput, ctx: Pick<AlarmContext, 'identity' | 'promql'>): void {
  for (const [member, why] of UNSUPPORTED) if (req[member] !== undefined) throw unsupportedMember(member, why);
  if (req.Metrics !== undefined) {
    for (const m of SINGLE_METRIC_MEMBERS) {
      if (req[m] !== undefined) throw new BerthError('InvalidParameterCombinationException', `${m} cannot be specified together with Metrics: an alarm on metric math describes its metrics in the Metrics array.`, m);
    }
    alarmPromQL(req.Metrics, ctx);
  } else {
    validateSingleMetric(req);
  }
  if (req.EvaluationPeriods === undefined || req.EvaluationPeriods < 1) throw invalidValue('EvaluationPeriods', 'The parameter EvaluationPeriods must be at least 1.');
  if (req.DatapointsToAlarm !== undefined && (req.DatapointsToAlarm < 1 || req.DatapointsToAlarm > req.EvaluationPeriods)) {
    throw invalidValue('DatapointsToAlarm', 'DatapointsToAlarm must be between 1 and EvaluationPeriods.');
  }
  if (req.Threshold === undefined) throw new BerthError('MissingRequiredParameterException', 'Threshold must be specified.', 'Threshold');
  if (req.ComparisonOperator === undefined) throw new BerthError('MissingRequiredParameterException', 'ComparisonOperator must be specified.', 'ComparisonOperator');
  if (!(COMPARISON_OPERATORS as readonly string[]).includes(req.ComparisonOperator)) {
    throw unsupportedMember('ComparisonOperator', `anomaly detection bands are not evaluated; use one of ${COMPARISON_OPERATORS.join(', ')}.`);
  }
  if (req.TreatMissingData !== undefined && !(TREAT_MISSING_DATA as readonly string[]).includes(req.TreatMissingData)) {
    throw invalidValue('TreatMissingData', `TreatMissingData must be one of ${TREAT_MISSING_DATA.join(', ')}.`);
  }
  for (const member of ['AlarmActions', 'OKActions', 'InsufficientDataActions'] as const) {
    (req[member] ?? []).forEach((a, i) => {
      if (!SCALING_POLICY_ARN.test(a)) throw unsupportedMember(`${member}.member.${i + 1}`, 'an alarm of Berth\'s can invoke Application Auto Scaling policies only (no SNS, EC2 or Systems Manager actions).');
    });
  }
}

/** What an alarm on one metric must name: a namespace Berth serves, its statistic and period. */
function validateSingleMetric(req: Cloudwatch.PutMetricAlarmInput): void {
  if (req.Namespace === undefined || req.MetricName === undefined) throw new BerthError('MissingRequiredParameterException', 'Namespace and MetricName must be specified.', req.Namespace === undefined ? 'Namespace' : 'MetricName');
  if (!ALARM_NAMESPACES.includes(req.Namespace)) throw unsupportedMember('Namespace', `Berth has the metrics of ${ALARM_NAMESPACES.join(' and ')} only (${req.Namespace.slice(0, 100)} given).`);
  if ((req.Statistic === undefined) === (req.ExtendedStatistic === undefined)) {
    throw new BerthError('InvalidParameterCombinationException', 'Exactly one of Statistic and ExtendedStatistic must be specified.', 'Statistic');
  }
  if (req.ExtendedStatistic !== undefined && !(/^p/.test(req.ExtendedStatistic) && isSupportedStatistic(req.ExtendedStatistic))) {
    throw unsupportedMember('ExtendedStatistic', `Berth computes percentiles pNN (p0 to p100), not ${req.ExtendedStatistic.slice(0, 20)}.`);
  }
  if (req.Period === undefined) throw new BerthError('MissingRequiredParameterException', 'Period must be specified.', 'Period');
  if (!isAlarmPeriod(req.Period)) throw invalidValue('Period', 'The parameter Period must be 10, 20, 30 or a multiple of 60.');
}

/** The alarm PutMetricAlarm describes, keeping the state of the one it replaces. */
export function alarmFrom(ctx: AlarmContext, req: Cloudwatch.PutMetricAlarmInput, before: Cloudwatch.MetricAlarm | undefined): Cloudwatch.MetricAlarm {
  const now = ctx.now();
  return {
    AlarmName: req.AlarmName, AlarmArn: alarmArn(ctx.identity, req.AlarmName),
    ...(req.AlarmDescription !== undefined ? { AlarmDescription: req.AlarmDescription } : {}),
    AlarmConfigurationUpdatedTimestamp: now,
    ActionsEnabled: req.ActionsEnabled ?? true,
    OKActions: req.OKActions ?? [], AlarmActions: req.AlarmActions ?? [], InsufficientDataActions: req.InsufficientDataActions ?? [],
    StateValue: before?.StateValue ?? 'INSUFFICIENT_DATA',
    StateReason: before?.StateReason ?? 'Unchecked: Initial alarm creation',
    ...(before?.StateReasonData !== undefined ? { StateReasonData: before.StateReasonData } : {}),
    StateUpdatedTimestamp: before?.StateUpdatedTimestamp ?? now,
    StateTransitionedTimestamp: before?.StateTransitionedTimestamp ?? now,
    ...(req.Metrics !== undefined ? { Metrics: req.Metrics } : {
      MetricName: req.MetricName!, Namespace: req.Namespace!, Dimensions: req.Dimensions ?? [], Period: req.Period!,
      ...(req.Statistic !== undefined ? { Statistic: req.Statistic } : {}),
      ...(req.ExtendedStatistic !== undefined ? { ExtendedStatistic: req.ExtendedStatistic } : {}),
      ...(req.Unit !== undefined ? { Unit: req.Unit } : {}),
    }),
    EvaluationPeriods: req.EvaluationPeriods!, DatapointsToAlarm: req.DatapointsToAlarm ?? req.EvaluationPeriods!,
    Threshold: req.Threshold!, ComparisonOperator: req.ComparisonOperator!, TreatMissingData: req.TreatMissingData ?? 'missing',
  };
}

export async function putMetricAlarm(ctx: AlarmContext, req: Cloudwatch.PutMetricAlarmInput): Promise<void> {
  validateAlarm(req, ctx);
  await commitWithRetry(ctx.store, async () => {
    const before = await getAlarm(ctx.store, req.AlarmName);
    const rec: AlarmRecord = { alarm: alarmFrom(ctx, req, before?.value.alarm), ...(req.Tags ?? before?.value.tags ? { tags: req.Tags ?? before!.value.tags! } : {}) };
    return { txn: { compare: [{ key: alarmKey(req.AlarmName), modRevision: before?.modRevision ?? 0 }], success: [putAlarmOp(rec)] }, result: undefined };
  });
}

export async function describeAlarms(ctx: AlarmContext, req: Cloudwatch.DescribeAlarmsInput): Promise<Cloudwatch.DescribeAlarmsOutput> {
  if (req.ChildrenOfAlarmName !== undefined) throw unsupportedMember('ChildrenOfAlarmName', 'there are no composite alarms.');
  if (req.ParentsOfAlarmName !== undefined) throw unsupportedMember('ParentsOfAlarmName', 'there are no composite alarms.');
  if (req.AlarmNames !== undefined && req.AlarmNamePrefix !== undefined) throw new BerthError('InvalidParameterCombinationException', 'AlarmNames and AlarmNamePrefix cannot both be specified.', 'AlarmNamePrefix');
  const limit = req.MaxRecords ?? 50;
  if (limit < 1 || limit > 100) throw invalidValue('MaxRecords', 'MaxRecords must be between 1 and 100.');
  const types = req.AlarmTypes ?? ['MetricAlarm'];
  const keep = (a: Cloudwatch.MetricAlarm) => (req.StateValue === undefined || a.StateValue === req.StateValue)
    && (req.ActionPrefix === undefined || [...(a.AlarmActions ?? []), ...(a.OKActions ?? []), ...(a.InsufficientDataActions ?? [])].some((x) => x.startsWith(req.ActionPrefix!)));
  if (!types.includes('MetricAlarm')) return { MetricAlarms: [], CompositeAlarms: [] };
  if (req.AlarmNames !== undefined) {
    const found = await getAlarms(ctx.store, req.AlarmNames);
    return { MetricAlarms: found.map((r) => r.value.alarm).filter(keep), CompositeAlarms: [] };
  }
  let after: string | undefined;
  try {
    after = decodeToken(req.NextToken, ALARMS_PREFIX);
  } catch {
    throw new BerthError('InvalidNextToken', 'The NextToken is not one DescribeAlarms returned.', 'NextToken');
  }
  const page = await alarmsPage(ctx.store, req.AlarmNamePrefix ?? '', after, limit);
  return {
    MetricAlarms: page.alarms.map((r) => r.value.alarm).filter(keep), CompositeAlarms: [],
    ...(page.more && page.last !== undefined ? { NextToken: encodeToken(page.last) } : {}),
  };
}

export async function deleteAlarms(ctx: AlarmContext, req: Cloudwatch.DeleteAlarmsInput): Promise<void> {
  await commitWithRetry(ctx.store, async () => {
    const found = await getAlarms(ctx.store, req.AlarmNames);
    const names = new Set(found.map((r) => r.value.alarm.AlarmName));
    const missing = req.AlarmNames.find((n) => !names.has(n));
    if (missing !== undefined) throw notFound(missing);
    return {
      txn: { compare: found.map((r) => ({ key: alarmKey(r.value.alarm.AlarmName!), modRevision: r.modRevision })), success: req.AlarmNames.map(deleteAlarmOp) },
      result: undefined,
    };
  });
}

/** The cluster whose event stream carries an alarm's state changes: its ClusterName dimension, else `default`. */
export const alarmEventCluster = (a: Cloudwatch.MetricAlarm) => a.Dimensions?.find((d) => d.Name === 'ClusterName')?.Value ?? 'default';

/** Writes a new state (and its event) if it differs from the alarm's; compares the revision read. */
export async function changeAlarmState(ctx: AlarmContext, name: string, next: { value: Cloudwatch.StateValue; reason: string; reasonData?: string }, strict: boolean): Promise<Cloudwatch.MetricAlarm | undefined> {
  return commitWithRetry(ctx.store, async () => {
    const rec = await getAlarm(ctx.store, name);
    if (!rec) {
      if (strict) throw notFound(name);
      return { txn: { compare: [], success: [] }, result: undefined };
    }
    const before = rec.value.alarm;
    const now = ctx.now();
    const transitioned = before.StateValue !== next.value;
    // No transition, nothing to write; except a new reason for having no data (a first evaluation, a
    // PromQL query failing for another reason), written once so DescribeAlarms says why.
    const newGapReason = before.StateValue === 'INSUFFICIENT_DATA' && before.StateReason !== next.reason;
    if (!transitioned && !strict && !newGapReason) return { txn: { compare: [], success: [] }, result: undefined };
    const after: Cloudwatch.MetricAlarm = {
      ...before, StateValue: next.value, StateReason: next.reason, StateUpdatedTimestamp: now,
      ...(transitioned ? { StateTransitionedTimestamp: now } : {}),
    };
    if (next.reasonData !== undefined) after.StateReasonData = next.reasonData;
    else delete after.StateReasonData;
    const ops = [putAlarmOp({ ...rec.value, alarm: after })];
    if (transitioned) ops.push(eventPutOp(alarmEventCluster(after), now, alarmStateChangeEvent(ctx.identity, before, after, now, randomUUID())));
    return { txn: { compare: [{ key: alarmKey(name), modRevision: rec.modRevision }], success: ops }, result: transitioned ? after : undefined };
  });
}

export async function setAlarmState(ctx: AlarmContext, req: Cloudwatch.SetAlarmStateInput): Promise<void> {
  if (req.StateReasonData !== undefined) {
    try {
      JSON.parse(req.StateReasonData);
    } catch {
      throw invalidValue('StateReasonData', 'StateReasonData must be valid JSON.');
    }
  }
  await changeAlarmState(ctx, req.AlarmName, { value: req.StateValue, reason: req.StateReason, ...(req.StateReasonData !== undefined ? { reasonData: req.StateReasonData } : {}) }, true);
}
