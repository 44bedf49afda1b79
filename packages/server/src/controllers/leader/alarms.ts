// CloudWatch alarms, evaluated by the leader right after each period's datapoints are written (issue 22
// §4; the metric history's tick calls evaluateAll): each alarm's statistic over its last EvaluationPeriods
// periods from the metric history, core's evaluateAlarm, and a state change written with its "CloudWatch
// Alarm State Change" event. An alarm in ALARM invokes its actions (scaling policies) every evaluation
// while it stays there, as CloudWatch invokes Application Auto Scaling's. Periods are scaled as the whole
// minute is (--aws-minute): a 60 s period lasts one AWS minute. The periods end half a minute after the
// datapoints just written, so each one-minute period holds one datapoint whatever the timers' jitter.
// An alarm on a metric-math Expression (Berth's reading: PromQL against --prometheus-url) asks Prometheus
// instead, one instant query at the end of each period; a failed or empty answer is a missing datapoint.
import { evaluateAlarm, evaluationWindows, statistic, type AlarmRule, type AlarmState, type Cloudwatch, type ComparisonOperator, type TreatMissingData } from '@berth/core';
import type { ServerContext } from '../../context.js';
import { alarmsPage } from '../../state/alarms.js';
import { readMetric } from '../../state/metric-data.js';
import { changeAlarmState } from '../../handlers/cloudwatch/alarms.js';
import { NO_PROMETHEUS } from '../../metrics/prometheus-query.js';

/** An alarm in ALARM, handed to its actions: its name, threshold and the newest datapoint's value. */
export interface AlarmInvocation {
  alarm: Cloudwatch.MetricAlarm;
  value?: number;
}

type Window = { t: number; value?: number };

export interface AlarmEvaluator {
  /** Evaluates every alarm as of `now` (epoch seconds: when the period's datapoints were written). */
  evaluateAll(now: number): Promise<void>;
}

export function alarmEvaluator(ctx: ServerContext, opts: { minuteMs: number; invoke(action: string, inv: AlarmInvocation): Promise<void> }): AlarmEvaluator {
  const scale = opts.minuteMs / 60_000;
  const offset = opts.minuteMs / 2000;

  /** The statistic of each of the alarm's last n periods ending at `now`, newest first, from the metric history. */
  async function historyWindows(a: Cloudwatch.MetricAlarm, now: number, period: number, n: number): Promise<Window[]> {
    const dims: [string, string][] = (a.Dimensions ?? []).map((d) => [d.Name, d.Value]);
    const { unit, samples } = await readMetric(ctx.store, a.Namespace!, a.MetricName!, dims, now - n * period, now);
    const usable = a.Unit === undefined || unit === undefined || unit === a.Unit ? samples : [];
    const stat = a.Statistic ?? a.ExtendedStatistic!;
    return evaluationWindows(usable, now, period, n, (values) => statistic(values, stat));
  }

  /** The Expression's value at the end of each of the last n periods ending at `at`, newest first; a failed query is a gap, and why. */
  async function promqlWindows(expression: string, at: number, period: number, n: number): Promise<{ windows: Window[]; failure?: string }> {
    const windows: Window[] = [];
    let failure: string | undefined;
    for (let i = 0; i < n; i++) {
      const end = at - i * period;
      const answer = ctx.promql ? await ctx.promql.query(expression, end) : { gap: NO_PROMETHEUS };
      if ('value' in answer) windows.push({ t: end - period, value: answer.value });
      else {
        windows.push({ t: end - period });
        failure ??= answer.gap;
      }
    }
    return { windows, ...(failure !== undefined ? { failure } : {}) };
  }

  async function evaluate(a: Cloudwatch.MetricAlarm, at: number): Promise<void> {
    const n = a.EvaluationPeriods!;
    const expression = a.Metrics?.find((q) => q.ReturnData !== false);
    const period = (expression ? expression.Period ?? 60 : a.Period!) * scale;
    const { windows, failure } = expression
      ? await promqlWindows(expression.Expression!, at, period, n)
      : { windows: await historyWindows(a, at + offset, period, n), failure: undefined };
    const rule: AlarmRule = {
      threshold: a.Threshold!, comparison: a.ComparisonOperator as ComparisonOperator, evaluationPeriods: n,
      datapointsToAlarm: a.DatapointsToAlarm ?? n, treatMissingData: (a.TreatMissingData ?? 'missing') as TreatMissingData,
    };
    const result = evaluateAlarm(rule, windows, a.StateValue as AlarmState);
    // A query that failed in every period says why (an alarm whose Expression answers several series, say).
    if (failure !== undefined && result.state === 'INSUFFICIENT_DATA') {
      result.reason += ` The PromQL query gave no datapoint: ${failure}`;
      ctx.log.warn('alarm query failed', { alarm: a.AlarmName, error: failure });
    }
    const reasonData = JSON.stringify({
      version: '1.0', queryDate: new Date(at * 1000).toISOString(),
      ...(expression ? { expression: expression.Expression } : { statistic: a.Statistic ?? a.ExtendedStatistic }),
      period: period / scale, threshold: a.Threshold, recentDatapoints: result.recent.map((p) => p.value),
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
