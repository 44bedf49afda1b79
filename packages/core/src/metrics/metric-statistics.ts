// CloudWatch's statistics over periods, as GetMetricStatistics, GetMetricData and alarms compute them:
// datapoints grouped into periods aligned on multiples of the period (epoch seconds), and per period
// SampleCount, Sum, Average, Minimum, Maximum or a percentile pNN (nearest rank). A period without a
// datapoint has no statistic: a gap, never a zero. Pure.

/** A stored datapoint: epoch seconds and value. */
export type Sample = readonly [t: number, value: number];

export const BASIC_STATISTICS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'] as const;
const PERCENTILE = /^p(\d{1,2}(\.\d{1,2})?|100)$/;

/** Whether Berth computes this statistic (the five basic ones and pNN; CloudWatch's trimmed and windsorized ones are not). */
export function isSupportedStatistic(stat: string): boolean {
  return (BASIC_STATISTICS as readonly string[]).includes(stat) || PERCENTILE.test(stat);
}

/** One statistic of a non-empty list of values. */
export function statistic(values: readonly number[], stat: string): number {
  switch (stat) {
    case 'SampleCount': return values.length;
    case 'Sum': return values.reduce((a, b) => a + b, 0);
    case 'Average': return values.reduce((a, b) => a + b, 0) / values.length;
    case 'Minimum': return Math.min(...values);
    case 'Maximum': return Math.max(...values);
  }
  const m = PERCENTILE.exec(stat);
  if (!m) throw new Error(`unsupported statistic ${stat}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((Number(stat.slice(1)) / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** The values of each period in [start, end), by the period's start, ascending. */
export function periods(samples: readonly Sample[], start: number, end: number, period: number): [periodStart: number, values: number[]][] {
  const by = new Map<number, number[]>();
  for (const [t, v] of samples) {
    if (t < start || t >= end) continue;
    const p = t - (((t % period) + period) % period);
    let list = by.get(p);
    if (!list) by.set(p, (list = []));
    list.push(v);
  }
  return [...by.entries()].sort((a, b) => a[0] - b[0]);
}
