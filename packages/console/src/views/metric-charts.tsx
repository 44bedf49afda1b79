// CPU and memory charts of a cluster (its Metrics tab) or a service (its page): ECS's CloudWatch figures
// over the last hour, a point a minute, read with one GetMetricData call (as the caller: cloudwatch:GetMetricData)
// and read again each minute, when a new point may exist. Drawn as plain SVG: a line per metric, the latest
// value in the legend as text.
import { useEffect, useState } from 'preact/hooks';
import { call } from '../api.js';
import { ErrorText } from '../components/error.js';
import { time } from '../format.js';
import { metricDataRequest, percent, plot, queryId, scaleTop, seriesById, type ChartSpec, type Points } from '../metrics.js';

const RANGE = 3600;
const PERIOD = 60;
const WIDTH = 320;
const HEIGHT = 120;

export const CLUSTER_CHARTS: ChartSpec[] = [
  { title: 'CPU', lines: [{ metric: 'CPUUtilization', label: 'Utilization' }, { metric: 'CPUReservation', label: 'Reservation' }] },
  { title: 'Memory', lines: [{ metric: 'MemoryUtilization', label: 'Utilization' }, { metric: 'MemoryReservation', label: 'Reservation' }] },
];
export const SERVICE_CHARTS: ChartSpec[] = [
  { title: 'CPU', lines: [{ metric: 'CPUUtilization', label: 'Utilization' }] },
  { title: 'Memory', lines: [{ metric: 'MemoryUtilization', label: 'Utilization' }] },
];

interface Read {
  from: number;
  to: number;
  series: Map<string, Points>;
}

function Chart({ spec, index, read }: { spec: ChartSpec; index: number; read: Read }) {
  const series = spec.lines.map((_, j) => read.series.get(queryId(index, j)) ?? []);
  const top = scaleTop(series);
  const latest = (s: Points) => s[s.length - 1];
  const summary = spec.lines.map((l, j) => `${l.label} ${latest(series[j]!) ? percent(latest(series[j]!)![1]) : 'no data'}`).join(', ');
  return (
    <figure class="chart" data-chart={spec.title}>
      <figcaption>{spec.title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${spec.title} over the last hour, scale 0 to ${top} %: ${summary}`}>
        <line class="axis" x1="0" y1={HEIGHT} x2={WIDTH} y2={HEIGHT} />
        <line class="grid" x1="0" y1={HEIGHT - (100 / top) * HEIGHT} x2={WIDTH} y2={HEIGHT - (100 / top) * HEIGHT} />
        {series.map((s, j) => {
          const xy = plot(s, read.from, read.to, top, WIDTH, HEIGHT);
          const last = xy[xy.length - 1];
          return (
            <g key={j} class={`series-${j}`} data-metric={spec.lines[j]!.metric} data-points={xy.length}>
              {xy.length > 1 && <polyline points={xy.map(([x, y]) => `${x},${y}`).join(' ')} />}
              {last && <circle cx={last[0]} cy={last[1]} r="3" />}
            </g>
          );
        })}
      </svg>
      <p class="chart-scale"><span>{time(read.from)}</span><span>0–{top} %</span><span>now</span></p>
      <ul class="legend">
        {spec.lines.map((l, j) => {
          const p = latest(series[j]!);
          return <li key={l.metric} class={`series-${j}`} data-metric={l.metric}>{l.label} <span class="latest">{p ? percent(p[1]) : 'no data'}</span></li>;
        })}
      </ul>
    </figure>
  );
}

export function MetricCharts({ charts, dimensions }: { charts: ChartSpec[]; dimensions: [string, string][] }) {
  const [read, setRead] = useState<Read | undefined>();
  const [error, setError] = useState<unknown>();
  const key = JSON.stringify(dimensions);
  useEffect(() => {
    let current = true;
    const load = () => {
      const req = metricDataRequest(charts, dimensions, Date.now() / 1000, RANGE, PERIOD);
      void call<{ MetricDataResults?: { Id?: string; Timestamps?: number[]; Values?: number[] }[] }>('cloudwatch', 'GetMetricData', req).then((r) => {
        if (!current) return;
        setError(undefined);
        setRead({ from: req.StartTime as number, to: req.EndTime as number, series: seriesById(r.MetricDataResults ?? []) });
      }, (err) => current && setError(err));
    };
    load();
    const timer = setInterval(load, PERIOD * 1000);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [key]);
  return (
    <div class="charts" aria-live="off">
      <ErrorText error={error} />
      {read ? charts.map((c, i) => <Chart key={c.title} spec={c} index={i} read={read} />) : !error && <p class="status" role="status">Loading the metrics…</p>}
    </div>
  );
}
