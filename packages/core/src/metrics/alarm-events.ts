// The event CloudWatch puts on EventBridge when an alarm changes state ("CloudWatch Alarm State Change",
// source aws.cloudwatch), in its documented form: the new and the previous state, and the alarm's
// configuration. Pure: the id and the time come in.
import type { Identity } from '../arn.js';
import { ALARM_STATE_CHANGE, isoSeconds, type EcsEvent } from '../events.js';
import type { MetricAlarm } from '../model/cloudwatch/types.js';

export function alarmArn(id: Identity, name: string): string {
  return `arn:${id.partition}:cloudwatch:${id.region}:${id.accountId}:alarm:${name}`;
}

const millis = (s: number) => new Date(Math.round(s * 1000)).toISOString().replace('Z', '+0000');

export function alarmStateChangeEvent(identity: Identity, before: MetricAlarm, after: MetricAlarm, now: number, id: string): EcsEvent {
  const state = (a: MetricAlarm) => ({
    value: a.StateValue, reason: a.StateReason, ...(a.StateReasonData ? { reasonData: a.StateReasonData } : {}), timestamp: millis(a.StateUpdatedTimestamp ?? now),
  });
  return {
    version: '0', id, 'detail-type': ALARM_STATE_CHANGE, source: 'aws.cloudwatch', account: identity.accountId,
    time: isoSeconds(now), region: identity.region, resources: [after.AlarmArn!],
    detail: {
      alarmName: after.AlarmName, state: state(after), previousState: state(before),
      configuration: {
        ...(after.AlarmDescription ? { description: after.AlarmDescription } : {}),
        metrics: after.Metrics
          // Metric math as CloudWatch writes it: each query's id, expression, label and returnData.
          ? after.Metrics.map((q) => ({ id: q.Id, ...(q.Expression !== undefined ? { expression: q.Expression } : {}), ...(q.Label !== undefined ? { label: q.Label } : {}), returnData: q.ReturnData !== false }))
          : [{
            id: 'm1', returnData: true,
            metricStat: {
              metric: { namespace: after.Namespace, name: after.MetricName, dimensions: Object.fromEntries((after.Dimensions ?? []).map((d) => [d.Name, d.Value])) },
              period: after.Period, stat: after.Statistic ?? after.ExtendedStatistic, ...(after.Unit ? { unit: after.Unit } : {}),
            },
          }],
      },
    },
  };
}
