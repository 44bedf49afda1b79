// The Metrics tab's figures: ECS's CloudWatch metrics (AWS/ECS) of a cluster or a service, read with one
// GetMetricData call, and how a series becomes a line on a chart. Pure: the view fetches and draws.

/** One line of a chart: a metric of AWS/ECS and what the legend calls it. */
export interface MetricLine {
  metric: string;
  label: string;
}

/** One chart: its title and its lines (all in percent). */
export interface ChartSpec {
  title: string;
  lines: MetricLine[];
}

/** A series as the chart draws it: [epoch seconds, value], oldest first. */
export type Points = [t: number, v: number][];

/** The query id of a chart's line (GetMetricData's ids start with a lowercase letter, letters and digits only). */
export const queryId = (chart: number, line: number) => `c${chart}l${line}`;

/**
 * The GetMetricData request for the charts: every line's Average by `period` over the `range` seconds
 * before `now`, oldest first, for the dimensions (ClusterName, and ServiceName for a service).
 */
export function metricDataRequest(charts: ChartSpec[], dimensions: [name: string, value: string][], now: number, range: number, period: number): Record<string, unknown> {
  const end = Math.ceil(now / period) * period;
  return {
    StartTime: end - range,
    EndTime: end,
    ScanBy: 'TimestampAscending',
    MetricDataQueries: charts.flatMap((c, i) => c.lines.map((l, j) => ({
      Id: queryId(i, j),
      Label: l.label,
      MetricStat: {
        Metric: { Namespace: 'AWS/ECS', MetricName: l.metric, Dimensions: dimensions.map(([Name, Value]) => ({ Name, Value })) },
        Period: period,
        Stat: 'Average',
      },
      ReturnData: true,
    }))),
  };
}

/** GetMetricData's results by query id, each oldest first whatever order they came in. */
export function seriesById(results: { Id?: string; Timestamps?: (number | string)[]; Values?: number[] }[]): Map<string, Points> {
  const out = new Map<string, Points>();
  for (const r of results) {
    if (r.Id === undefined) continue;
    const ts = (r.Timestamps ?? []).map((t) => (typeof t === 'number' ? t : Date.parse(t) / 1000));
    out.set(r.Id, ts.map((t, i): [number, number] => [t, r.Values?.[i] ?? 0]).sort((a, b) => a[0] - b[0]));
  }
  return out;
}

/** The top of a percent chart's scale: 100, or the next multiple of 50 above the highest value (CPU may pass 100). */
export const scaleTop = (series: Points[]): number => Math.max(100, Math.ceil(Math.max(0, ...series.flatMap((s) => s.map(([, v]) => v))) / 50) * 50);

/** A series' points in an SVG box `width` × `height` over [from, to] and [0, top] (y grows downwards). */
export function plot(points: Points, from: number, to: number, top: number, width: number, height: number): [x: number, y: number][] {
  const round = (n: number) => Math.round(n * 10) / 10;
  return points.map(([t, v]) => [round(((t - from) / (to - from)) * width), round(height - (Math.min(v, top) / top) * height)]);
}

/** A percentage as the legend shows it. */
export const percent = (v: number): string => `${v.toFixed(1)} %`;
