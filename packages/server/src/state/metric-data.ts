// CloudWatch's metric history (issue 19 §2): the datapoints the leader derives from the agents' statistics
// (core/metrics/ecs-metrics.ts), kept for a bounded time. The layout (docs/metrics.md says why):
//
//   metric-data/HOUR/NAMESPACE/DIMENSIONS   one record per series and hour: every metric of that
//                                           dimension set (AWS/ECS's CPUUtilization and MemoryUtilization
//                                           of one service, say) with its unit and [second in hour, value]
//   metric-series/NAMESPACE/DIMENSIONS      what ListMetrics pages through: the dimension set, its metric
//                                           names and the last hour it has data for
//
// HOUR (epoch hours, zero-padded) comes first, so retention deletes whole old hours from the front of one
// range, and a query reads one key per hour of its time range (getMany), whatever else the store holds.
// NAMESPACE and DIMENSIONS are percent-encoded (dimensions sorted by name), so any value makes one key.
import type { Op, Store } from '@berth/store';
import { TXN_MAX_OPS } from '@berth/store';
import type { MetricPoint, MetricUnit, Sample } from '@berth/core';
import { ROOT, decode, json } from './kit.js';

const DATA_PREFIX = ROOT + 'metric-data/';
export const METRIC_SERIES_PREFIX = ROOT + 'metric-series/';
export const SECONDS_PER_HOUR = 3600;

export type Dimensions = [name: string, value: string][];

export interface MetricHourRecord {
  namespace: string;
  dimensions: Dimensions;
  /** Epoch seconds of the hour's start. */
  hour: number;
  metrics: Record<string, { unit: MetricUnit; points: [second: number, value: number][] }>;
}

export interface MetricSeriesRecord {
  namespace: string;
  dimensions: Dimensions;
  metrics: string[];
  /** Epoch seconds of the last hour with data. */
  lastHour: number;
}

const enc = encodeURIComponent;
export const hourOf = (t: number) => Math.floor(t / SECONDS_PER_HOUR) * SECONDS_PER_HOUR;
const hourSegment = (hour: number) => String(hour / SECONDS_PER_HOUR).padStart(10, '0');
const seriesSegment = (namespace: string, dimensions: Dimensions) =>
  `${enc(namespace)}/${[...dimensions].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([n, v]) => `${enc(n)}=${enc(v)}`).join('&')}`;
const dataKey = (hour: number, namespace: string, dimensions: Dimensions) => `${DATA_PREFIX}${hourSegment(hour)}/${seriesSegment(namespace, dimensions)}`;
const seriesKey = (namespace: string, dimensions: Dimensions) => `${METRIC_SERIES_PREFIX}${seriesSegment(namespace, dimensions)}`;

/**
 * The hour records the writer has open (this hour's, as last written), so appending a minute's points
 * costs one put per series and no read; a new leader reads each once (getMany) before its first append.
 * Only the series of the last append are kept: one that pauses (a gap, a service gone) is read again if it
 * comes back, so memory follows the live series.
 */
export class OpenMetricHours {
  private hour = -1;
  private readonly records = new Map<string, MetricHourRecord>();
  private readonly series = new Map<string, MetricSeriesRecord>();

  get size(): number {
    return this.records.size;
  }

  /**
   * Appends the points (all taken at `t`) and writes every changed record, in transactions within the
   * store's limit. Returns the number of records written.
   */
  async append(store: Store, points: readonly MetricPoint[], t: number, withLast: Op[] = []): Promise<number> {
    const hour = hourOf(t);
    if (hour !== this.hour) {
      // A new hour: the last one's records are complete.
      this.hour = hour;
      this.records.clear();
    }
    const byKey = new Map<string, MetricPoint[]>();
    for (const p of points) {
      const k = dataKey(hour, p.namespace, p.dimensions);
      let list = byKey.get(k);
      if (!list) byKey.set(k, (list = []));
      list.push(p);
    }
    const unknown = [...byKey.keys()].filter((k) => !this.records.has(k));
    const unknownSeries = [...byKey.values()].map((ps) => seriesKey(ps[0]!.namespace, ps[0]!.dimensions)).filter((k) => !this.series.has(k));
    const read = await store.getMany([...unknown, ...unknownSeries]);
    read.forEach((kv, i) => {
      if (!kv) return;
      if (i < unknown.length) this.records.set(unknown[i]!, decode<MetricHourRecord>(kv));
      else this.series.set(unknownSeries[i - unknown.length]!, decode<MetricSeriesRecord>(kv));
    });
    const ops: Op[] = [];
    // Milliseconds kept: with a scaled minute (tests) periods are seconds long.
    const second = Math.round((t - hour) * 1000) / 1000;
    for (const [k, ps] of byKey) {
      const first = ps[0]!;
      let rec = this.records.get(k);
      if (!rec) this.records.set(k, (rec = { namespace: first.namespace, dimensions: first.dimensions, hour, metrics: {} }));
      for (const p of ps) {
        const m = (rec.metrics[p.metric] ??= { unit: p.unit, points: [] });
        // One point an instant: a repeated derivation replaces rather than doubles.
        if (m.points.at(-1)?.[0] === second) m.points.pop();
        m.points.push([second, p.value]);
      }
      ops.push({ put: k, value: json(rec) });
      const sk = seriesKey(first.namespace, first.dimensions);
      const known = this.series.get(sk);
      const names = Object.keys(rec.metrics);
      if (!known || known.lastHour !== hour || names.some((n) => !known.metrics.includes(n))) {
        const s: MetricSeriesRecord = { namespace: first.namespace, dimensions: first.dimensions, metrics: [...new Set([...(known?.metrics ?? []), ...names])].sort(), lastHour: hour };
        this.series.set(sk, s);
        ops.push({ put: sk, value: json(s) });
      }
    }
    // What may be written only once the points are (the derivations' baselines) comes after them.
    ops.push(...withLast);
    // Room for a fenced store's compare and stamp.
    const batch = TXN_MAX_OPS - 2;
    for (let i = 0; i < ops.length; i += batch) await store.txn({ compare: [], success: ops.slice(i, i + batch) });
    const liveSeries = new Set([...byKey.values()].map((ps) => seriesKey(ps[0]!.namespace, ps[0]!.dimensions)));
    for (const k of this.records.keys()) if (!byKey.has(k)) this.records.delete(k);
    for (const k of this.series.keys()) if (!liveSeries.has(k)) this.series.delete(k);
    return byKey.size;
  }
}

/** One metric's datapoints in [start, end) and its unit (undefined: no data), reading one key per hour. */
export async function readMetric(store: Store, namespace: string, metric: string, dimensions: Dimensions, start: number, end: number): Promise<{ unit?: MetricUnit; samples: Sample[] }> {
  const keys: string[] = [];
  for (let h = hourOf(start); h < end; h += SECONDS_PER_HOUR) keys.push(dataKey(h, namespace, dimensions));
  const samples: Sample[] = [];
  let unit: MetricUnit | undefined;
  for (const kv of await store.getMany(keys)) {
    if (!kv) continue;
    const rec = decode<MetricHourRecord>(kv);
    const m = rec.metrics[metric];
    if (!m) continue;
    unit ??= m.unit;
    for (const [s, v] of m.points) {
      const t = rec.hour + s;
      if (t >= start && t < end) samples.push([t, v]);
    }
  }
  return { ...(unit ? { unit } : {}), samples };
}

/** A page of series in key order after `after` (a key this listing returned), of one namespace or all. */
export async function seriesPage(store: Store, namespace: string | undefined, after: string | undefined, limit: number): Promise<{ series: MetricSeriesRecord[]; last?: string; more: boolean }> {
  const prefix = namespace === undefined ? METRIC_SERIES_PREFIX : `${METRIC_SERIES_PREFIX}${enc(namespace)}/`;
  const page = await store.range(prefix, { limit, ...(after !== undefined ? { after } : {}) });
  const last = page.kvs.at(-1)?.key;
  return { series: page.kvs.map((kv) => decode<MetricSeriesRecord>(kv)), ...(last !== undefined ? { last } : {}), more: page.more };
}

/**
 * Deletes up to `limit` hour records older than `cutoff` (epoch seconds) and series with no data since;
 * returns whether more are left (the sweep runs again at once).
 */
export async function sweepMetrics(store: Store, cutoff: number, limit: number): Promise<boolean> {
  const old = hourSegment(hourOf(cutoff));
  const page = await store.range(DATA_PREFIX, { limit, keysOnly: true });
  const stale = page.kvs.filter((kv) => kv.key.slice(DATA_PREFIX.length, DATA_PREFIX.length + old.length) < old).map((kv) => kv.key);
  const batch = TXN_MAX_OPS - 2;
  for (let i = 0; i < stale.length; i += batch) await store.txn({ compare: [], success: stale.slice(i, i + batch).map((k) => ({ delete: k })) });
  if (stale.length === page.kvs.length && page.more) return true;
  // The series index: entries whose last data is gone (paged through once per sweep).
  let after: string | undefined;
  for (;;) {
    const s = await store.range(METRIC_SERIES_PREFIX, { limit, ...(after !== undefined ? { after } : {}) });
    const gone = s.kvs.filter((kv) => decode<MetricSeriesRecord>(kv).lastHour < hourOf(cutoff)).map((kv) => kv.key);
    for (let i = 0; i < gone.length; i += batch) await store.txn({ compare: [], success: gone.slice(i, i + batch).map((k) => ({ delete: k })) });
    if (!s.more || s.kvs.length === 0) return false;
    after = s.kvs.at(-1)!.key;
  }
}
