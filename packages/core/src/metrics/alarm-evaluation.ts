// A CloudWatch metric alarm's evaluation, as CloudWatch does it (Berth evaluates its alarms itself): the
// statistic of each of the last EvaluationPeriods periods, the newest first (undefined: no datapoint in
// that period), against the threshold with the comparison operator; ALARM when at least DatapointsToAlarm
// of them breach, and missing datapoints treated as TreatMissingData says (`missing`, the default: not
// counted; `breaching`; `notBreaching`; `ignore`: the state stays). Pure: the alarm controller reads the
// periods and stores the state it returns, with CloudWatch's reason text.

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
export const COMPARISON_OPERATORS = ['GreaterThanOrEqualToThreshold', 'GreaterThanThreshold', 'LessThanThreshold', 'LessThanOrEqualToThreshold'] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];
export const TREAT_MISSING_DATA = ['breaching', 'notBreaching', 'ignore', 'missing'] as const;
export type TreatMissingData = (typeof TREAT_MISSING_DATA)[number];

export interface AlarmRule {
  threshold: number;
  comparison: ComparisonOperator;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  treatMissingData: TreatMissingData;
}

export interface AlarmEvaluation {
  state: AlarmState;
  reason: string;
  /** The datapoints looked at, newest first (what StateReasonData lists). */
  recent: { t: number; value: number }[];
}

const SYMBOL: Record<ComparisonOperator, string> = {
  GreaterThanOrEqualToThreshold: 'greater than or equal to',
  GreaterThanThreshold: 'greater than',
  LessThanThreshold: 'less than',
  LessThanOrEqualToThreshold: 'less than or equal to',
};

export function breaches(value: number, rule: Pick<AlarmRule, 'threshold' | 'comparison'>): boolean {
  switch (rule.comparison) {
    case 'GreaterThanOrEqualToThreshold': return value >= rule.threshold;
    case 'GreaterThanThreshold': return value > rule.threshold;
    case 'LessThanThreshold': return value < rule.threshold;
    case 'LessThanOrEqualToThreshold': return value <= rule.threshold;
  }
}

const fmt = (v: number) => (Number.isInteger(v) ? v.toFixed(1) : String(Math.round(v * 1e6) / 1e6));
const stamp = (t: number) => {
  const d = new Date(t * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCFullYear() % 100)} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
};

/** The alarm's next state from its periods (newest first, exactly evaluationPeriods of them) and its current state. */
export function evaluateAlarm(rule: AlarmRule, periods: readonly ({ t: number; value?: number })[], current: AlarmState): AlarmEvaluation {
  const present = periods.filter((p): p is { t: number; value: number } => p.value !== undefined);
  const missing = periods.length - present.length;
  let breaching = present.filter((p) => breaches(p.value, rule)).length;
  let counted = present.length;
  if (rule.treatMissingData === 'breaching') {
    breaching += missing;
    counted += missing;
  } else if (rule.treatMissingData === 'notBreaching') {
    counted += missing;
  }
  const recent = present.map((p) => ({ t: p.t, value: p.value }));
  const listed = `[${recent.map((p) => `${fmt(p.value)} (${stamp(p.t)})`).join(', ')}]`;
  const of = `${rule.datapointsToAlarm === rule.evaluationPeriods ? rule.evaluationPeriods : `${breaching} out of the last ${rule.evaluationPeriods}`}`;
  if (breaching >= rule.datapointsToAlarm) {
    const head = rule.datapointsToAlarm === rule.evaluationPeriods ? `${of} datapoint${of === '1' ? ' was' : 's were'}` : `${of} datapoints were`;
    return {
      state: 'ALARM', recent,
      reason: `Threshold Crossed: ${head} ${SYMBOL[rule.comparison]} the threshold (${fmt(rule.threshold)}). The most recent datapoints which crossed the threshold: ${listed}.`,
    };
  }
  if (counted === 0) {
    if (rule.treatMissingData === 'ignore') return { state: current, recent, reason: 'Insufficient Data: no datapoints were received; the state is kept (TreatMissingData ignore).' };
    return { state: 'INSUFFICIENT_DATA', recent, reason: `Insufficient Data: ${periods.length} datapoint${periods.length === 1 ? ' was' : 's were'} unknown.` };
  }
  return {
    state: 'OK', recent,
    reason: `Threshold Crossed: ${counted - breaching} out of the last ${rule.evaluationPeriods} datapoints ${counted - breaching === 1 ? 'was' : 'were'} not ${SYMBOL[rule.comparison]} the threshold (${fmt(rule.threshold)}). The most recent datapoints: ${listed}.`,
  };
}

/** The periods an evaluation at `now` looks at: `count` periods of `period` seconds ending at `now`, newest first. */
export function evaluationWindows(samples: readonly (readonly [number, number])[], now: number, period: number, count: number, stat: (values: number[]) => number): { t: number; value?: number }[] {
  const out: { t: number; value?: number }[] = [];
  for (let i = 0; i < count; i++) {
    const end = now - i * period;
    const start = end - period;
    const values = samples.filter(([t]) => t >= start && t < end).map(([, v]) => v);
    out.push(values.length ? { t: start, value: stat(values) } : { t: start });
  }
  return out;
}
