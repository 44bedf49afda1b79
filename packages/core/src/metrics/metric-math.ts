// Berth's reading of a metric-math `Metrics` list (CloudWatch's PutMetricAlarm `Metrics`, Application Auto
// Scaling's CustomizedMetricSpecification `Metrics`): AWS's rules for the list (Ids, exactly one of
// Expression and MetricStat per entry, exactly one entry returning data), then Berth's own: one entry, an
// `Expression`, which Berth evaluates as PromQL against the Prometheus the server's --prometheus-url names
// (CloudWatch's metric math functions are not evaluated). Pure: the handlers turn a problem into their
// API's error.

/** What the two APIs' entries share. */
export interface MetricMathQuery {
  Id: string;
  Expression?: string;
  MetricStat?: unknown;
  ReturnData?: boolean;
  Label?: string;
  /** CloudWatch only: the period of the entry's datapoints, seconds. */
  Period?: number;
  /** CloudWatch only. */
  AccountId?: string;
}

/** The PromQL a list holds, with its period (seconds) when the entry gives one. */
export interface PromQLReading {
  expression: string;
  period?: number;
  label?: string;
}

/** Why a list is refused: `invalid` (AWS would refuse it too) or `unsupported` (Berth does not evaluate it). */
export interface MetricMathProblem {
  kind: 'invalid' | 'unsupported';
  /** The member at fault, under the list's own path (`at(i)`). */
  field: string;
  message: string;
}

const ID = /^[a-z][a-zA-Z0-9_]*$/;
/** CloudWatch's periods: 10, 20, 30 or a multiple of 60 seconds. */
export const isAlarmPeriod = (p: number) => p === 10 || p === 20 || p === 30 || (p >= 60 && p % 60 === 0);

/**
 * The PromQL expression of `metrics`, or the problem with it. `at(i)` names entry i as the API does
 * (`Metrics.member.1`, `...CustomizedMetricSpecification.Metrics.0`); `account` is the one account id.
 */
export function readPromQLMetrics(metrics: readonly MetricMathQuery[], at: (i: number) => string, account: string): PromQLReading | MetricMathProblem {
  const invalid = (field: string, message: string): MetricMathProblem => ({ kind: 'invalid', field, message });
  if (metrics.length === 0) return invalid(at(0), 'The metrics list must not be empty.');
  const ids = new Set<string>();
  for (const [i, q] of metrics.entries()) {
    if (!ID.test(q.Id)) return invalid(`${at(i)}.Id`, `Invalid metric id ${q.Id.slice(0, 255)}: the first character must be a lowercase letter, and the others letters, numbers or underscores.`);
    if (ids.has(q.Id)) return invalid(`${at(i)}.Id`, `The metric ids must be unique; ${q.Id} is used twice.`);
    ids.add(q.Id);
    if ((q.Expression === undefined) === (q.MetricStat === undefined)) {
      return invalid(`${at(i)}.Expression`, `Exactly one of Expression and MetricStat must be specified for metric ${q.Id}.`);
    }
    if (q.Period !== undefined && !isAlarmPeriod(q.Period)) return invalid(`${at(i)}.Period`, 'The parameter Period must be 10, 20, 30 or a multiple of 60.');
  }
  // An omitted ReturnData is true, as AWS reads it.
  const returned = metrics.flatMap((q, i) => (q.ReturnData !== false ? [i] : []));
  if (returned.length !== 1) return invalid(at(returned[1] ?? 0), 'Exactly one element of the metrics list should return data.');
  const i = returned[0]!;
  const q = metrics[i]!;
  const why = 'Berth evaluates one Expression, as PromQL against the Prometheus of --prometheus-url; it does not read metrics into metric math.';
  if (q.Expression === undefined) return { kind: 'unsupported', field: `${at(i)}.MetricStat`, message: why };
  if (metrics.length > 1) return { kind: 'unsupported', field: at(i === 0 ? 1 : 0), message: why };
  if (q.AccountId !== undefined && q.AccountId !== account) return { kind: 'unsupported', field: `${at(i)}.AccountId`, message: 'there is one account; cross-account queries have nothing to read.' };
  if (q.Expression.trim() === '') return invalid(`${at(i)}.Expression`, 'The expression must not be empty.');
  return { expression: q.Expression, ...(q.Period !== undefined ? { period: q.Period } : {}), ...(q.Label !== undefined ? { label: q.Label } : {}) };
}

export const isMetricMathProblem = (r: PromQLReading | MetricMathProblem): r is MetricMathProblem => 'kind' in r;
