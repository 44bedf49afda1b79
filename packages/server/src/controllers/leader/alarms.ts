// CloudWatch alarms, evaluated by the leader right after each period's datapoints are written (issue 22
// §4; the metric history's tick calls evaluateAll): each alarm's statistic over its last EvaluationPeriods
// periods from the metric history, core's evaluateAlarm, and a state change written with its "CloudWatch
// Alarm State Change" event. An alarm in ALARM invokes its actions (scaling policies) every evaluation
// while it stays there, as CloudWatch invokes Application Auto Scaling's. Periods are scaled as the whole
// minute is (--aws-minute): a 60 s period lasts one AWS minute. The periods end half a minute after the
// datapoints just written, so each one-minute period holds one datapoint whatever the timers' jitter.
import { evaluateAlarm, evaluationWindows, statistic, type AlarmRule, type AlarmState, type Cloudwatch, type ComparisonOperator, type TreatMissingData } from '@berth/core';
import type { ServerContext } from '../../context.js';
import { alarmsPage } from '../../state/alarms.js';
import { readMetric } from '../../state/metric-data.js';
import { changeAlarmState } from '../../handlers/cloudwatch/alarms.js';

/** An alarm in ALARM, handed to its actions: its name, threshold and the newest datapoint's value. */
export interface AlarmInvocation {
  alarm: Cloudwatch.MetricAlarm;
  value?: number;
}

export interface AlarmEvaluator {
  /** Evaluates every alarm as of `now` (epoch seconds: when the period's datapoints were written). */
  evaluateAll(now: number): Promise<void>;
}

export function alarmEvaluator(ctx: ServerContext, opts: { minuteMs: number; invoke(action: string, inv: AlarmInvocation): Promise<void> }): AlarmEvaluator {
  const scale = opts.minuteMs / 60_000;
  const offset = opts.minuteMs / 2000;

  async function evaluate(a: Cloudwatch.MetricAlarm, at: number): Promise<void> {
    const period = a.Period! * scale;
    const n = a.EvaluationPeriods!;
    const now = at + offset;
    const dims: [string, string][] = (a.Dimensions ?? []).map((d) => [d.Name, d.Value]);
    const { unit, samples } = await readMetric(ctx.store, a.Namespace!, a.MetricName!, dims, now - n * period, now);
    const usable = a.Unit === undefined || unit === undefined || unit === a.Unit ? samples : [];
    const stat = a.Statistic ?? a.ExtendedStatistic!;
    const windows = evaluationWindows(usable, now, period, n, (values) => statistic(values, stat));
    const rule: AlarmRule = {
      threshold: a.Threshold!, comparison: a.ComparisonOperator as ComparisonOperator, evaluationPeriods: n,
      datapointsToAlarm: a.DatapointsToAlarm ?? n, treatMissingData: (a.TreatMissingData ?? 'missing') as TreatMissingData,
    };
    const result = evaluateAlarm(rule, windows, a.StateValue as AlarmState);
    const reasonData = JSON.stringify({
      version: '1.0', queryDate: new Date(now * 1000).toISOString(), statistic: stat, period: a.Period, threshold: a.Threshold,
      recentDatapoints: result.recent.map((p) => p.value),
    });
    const changed = await changeAlarmState(ctx, a.AlarmName!, { value: result.state, reason: result.reason, reasonData }, false);
    const state = changed?.StateValue ?? a.StateValue;
    if (state !== 'ALARM' || a.ActionsEnabled === false) return;
    const value = result.recent[0]?.value;
    for (const action of a.AlarmActions ?? []) await opts.invoke(action, { alarm: changed ?? a, ...(value !== undefined ? { value } : {}) });
  }

  async function evaluateAll(now: number): Promise<void> {
    let after: string | undefined;
    for (;;) {
      const page = await alarmsPage(ctx.store, '', after, 200);
      for (const r of page.alarms) {
        try {
          await evaluate(r.value.alarm, now);
        } catch (e) {
          ctx.log.warn('alarm evaluation failed', { alarm: r.value.alarm.AlarmName, error: String((e as Error)?.message ?? e) });
        }
      }
      if (!page.more || page.last === undefined) return;
      after = page.last;
    }
  }

  return { evaluateAll };
}
