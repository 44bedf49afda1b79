// CloudWatch's metric API over the metric history (issue 19 §2): GetMetricStatistics, GetMetricData and
// ListMetrics, for the namespaces Berth derives (AWS/ECS; ECS/ContainerInsights where a cluster turns it
// on). The seam has checked each request against CloudWatch's model; the rules here are CloudWatch's own
// (StartTime before EndTime, at most 1,440 datapoints a statistic, one of Statistics or
// ExtendedStatistics), and members Berth cannot act on (metric math) are refused naming them.
import { BerthError, isSupportedStatistic, periods, statistic, unsupportedSentence, type Cloudwatch, type Identity, type Sample } from '@berth/core';
import type { Store } from '@berth/store';
import { METRIC_SERIES_PREFIX, readMetric, seriesPage, type Dimensions } from '../../state/metric-data.js';
import { decodeToken, encodeToken } from '../../pagination.js';

export const invalidValue = (field: string, message: string) => new BerthError('InvalidParameterValueException', message, field);
export const unsupportedMember = (member: string, why: string) => invalidValue(member, unsupportedSentence('The request', member, why));

/** At most this many datapoints per statistic (CloudWatch's GetMetricStatistics limit). */
const MAX_DATAPOINTS = 1440;
const DEFAULT_MAX_DATAPOINTS = 100_800;

export interface MetricReader {
  store: Store;
  identity: Identity;
  now(): number;
  /** How far back data is kept: reads never go further (there is nothing there). */
  retentionSeconds: number;
}

const dimensionsOf = (list: Cloudwatch.Dimension[] | undefined): Dimensions => (list ?? []).map((d) => [d.Name, d.Value]);

function checkTimes(start: number, end: number, period: number, field: string): void {
  if (!(start < end)) throw invalidValue('StartTime', 'The parameter StartTime must be less than the parameter EndTime.');
  if (!(period > 0) || !Number.isInteger(period)) throw invalidValue(field, `The parameter ${field} must be a positive whole number of seconds.`);
}

/** One metric's samples in [start, end), no further back than the retention. */
async function samplesOf(r: MetricReader, metric: Cloudwatch.Metric, start: number, end: number, unit: string | undefined): Promise<{ unit?: string; samples: Sample[] }> {
  const from = Math.max(start, r.now() - r.retentionSeconds - 3600);
  if (from >= end || metric.Namespace === undefined || metric.MetricName === undefined) return { samples: [] };
  const got = await readMetric(r.store, metric.Namespace, metric.MetricName, dimensionsOf(metric.Dimensions), from, end);
  // A unit asked for that is not the metric's: no datapoints, as CloudWatch answers.
  if (unit !== undefined && got.unit !== undefined && unit !== got.unit) return { samples: [] };
  return got;
}

export async function getMetricStatistics(r: MetricReader, req: Cloudwatch.GetMetricStatisticsInput): Promise<Cloudwatch.GetMetricStatisticsOutput> {
  checkTimes(req.StartTime, req.EndTime, req.Period, 'Period');
  const stats = req.Statistics ?? [];
  const extended = req.ExtendedStatistics ?? [];
  if (stats.length === 0 && extended.length === 0) throw new BerthError('MissingRequiredParameterException', 'Must specify either Statistics or ExtendedStatistics.', 'Statistics');
  if (stats.length > 0 && extended.length > 0) throw new BerthError('InvalidParameterCombinationException', 'Cannot specify both Statistics and ExtendedStatistics.', 'ExtendedStatistics');
  extended.forEach((s, i) => {
    if (!/^p/.test(s) || !isSupportedStatistic(s)) throw unsupportedMember(`ExtendedStatistics.member.${i + 1}`, `Berth computes percentiles pNN (p0 to p100), not ${s.slice(0, 20)}.`);
  });
  const requested = Math.ceil((req.EndTime - req.StartTime) / req.Period);
  if (requested > MAX_DATAPOINTS) {
    throw new BerthError('InvalidParameterCombinationException', `You have requested up to ${requested} datapoints, which exceeds the limit of ${MAX_DATAPOINTS}. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`);
  }
  const metric = { Namespace: req.Namespace, MetricName: req.MetricName, ...(req.Dimensions ? { Dimensions: req.Dimensions } : {}) };
  const { unit, samples } = await samplesOf(r, metric, req.StartTime, req.EndTime, req.Unit);
  const datapoints: Cloudwatch.Datapoint[] = periods(samples, req.StartTime, req.EndTime, req.Period).map(([t, values]) => {
    const d: Cloudwatch.Datapoint = { Timestamp: t };
    for (const s of stats) d[s] = statistic(values, s);
    if (extended.length) d.ExtendedStatistics = Object.fromEntries(extended.map((s) => [s, statistic(values, s)]));
    if (unit !== undefined) d.Unit = unit as Cloudwatch.StandardUnit;
    return d;
  });
  return { Label: req.MetricName, Datapoints: datapoints };
}

/** One MetricStat's values by period: what GetMetricData and the alarms read. */
export async function metricStatValues(r: MetricReader, stat: Cloudwatch.MetricStat, start: number, end: number, field: string): Promise<[t: number, value: number][]> {
  checkTimes(start, end, stat.Period, `${field}.Period`);
  if (!isSupportedStatistic(stat.Stat)) throw unsupportedMember(`${field}.Stat`, `Berth computes SampleCount, Average, Sum, Minimum, Maximum and pNN, not ${stat.Stat.slice(0, 20)}.`);
  const { samples } = await samplesOf(r, stat.Metric, start, end, stat.Unit);
  return periods(samples, start, end, stat.Period).map(([t, values]) => [t, statistic(values, stat.Stat)]);
}

export async function getMetricData(r: MetricReader, req: Cloudwatch.GetMetricDataInput): Promise<Cloudwatch.GetMetricDataOutput> {
  if (req.NextToken !== undefined) throw new BerthError('InvalidNextToken', 'The NextToken is not one this API returned (Berth answers GetMetricData in one page).', 'NextToken');
  const ids = new Set<string>();
  const results: Cloudwatch.MetricDataResult[] = [];
  let budget = req.MaxDatapoints ?? DEFAULT_MAX_DATAPOINTS;
  for (const [i, q] of req.MetricDataQueries.entries()) {
    const field = `MetricDataQueries.member.${i + 1}`;
    if (!/^[a-z][a-zA-Z0-9_]*$/.test(q.Id)) throw invalidValue(`${field}.Id`, `The value ${q.Id.slice(0, 255)} for parameter MetricDataQueries.member.${i + 1}.Id is not valid: it must start with a lowercase letter and hold only letters, numbers and underscores.`);
    if (ids.has(q.Id)) throw invalidValue(`${field}.Id`, `The values for parameter id in MetricDataQueries are not unique (${q.Id}).`);
    ids.add(q.Id);
    if (q.Expression !== undefined) throw unsupportedMember(`${field}.Expression`, 'metric math is not evaluated; query each metric with MetricStat.');
    if (q.AccountId !== undefined && q.AccountId !== r.identity.accountId) throw unsupportedMember(`${field}.AccountId`, 'there is one account; cross-account queries have nothing to read.');
    if (!q.MetricStat) throw new BerthError('MissingRequiredParameterException', `${field} must have either MetricStat or Expression.`, `${field}.MetricStat`);
    let values = await metricStatValues(r, q.MetricStat, req.StartTime, req.EndTime, `${field}.MetricStat`);
    if (q.ReturnData === false) continue;
    if (req.ScanBy !== 'TimestampAscending') values.reverse();
    const complete = values.length <= budget;
    values = values.slice(0, Math.max(0, budget));
    budget -= values.length;
    results.push({
      Id: q.Id, Label: q.Label ?? q.MetricStat.Metric.MetricName ?? q.Id,
      Timestamps: values.map(([t]) => t), Values: values.map(([, v]) => v), StatusCode: complete ? 'Complete' : 'PartialData',
    });
  }
  return { MetricDataResults: results, Messages: [] };
}

/** Series read per ListMetrics page (each has a few metrics; CloudWatch answers up to 500). */
const SERIES_PER_PAGE = 100;

export async function listMetrics(r: MetricReader, req: Cloudwatch.ListMetricsInput): Promise<Cloudwatch.ListMetricsOutput> {
  if (req.OwningAccount !== undefined && req.OwningAccount !== r.identity.accountId) return { Metrics: [] };
  let after: string | undefined;
  try {
    after = decodeToken(req.NextToken, METRIC_SERIES_PREFIX);
  } catch {
    throw new BerthError('InvalidNextToken', 'The NextToken is not one ListMetrics returned.', 'NextToken');
  }
  const recentSince = req.RecentlyActive === 'PT3H' ? r.now() - 3 * 3600 : undefined;
  const page = await seriesPage(r.store, req.Namespace, after, SERIES_PER_PAGE);
  const metrics: Cloudwatch.Metric[] = [];
  for (const s of page.series) {
    if (recentSince !== undefined && s.lastHour + 3600 < recentSince) continue;
    const dims = new Map(s.dimensions);
    if (!(req.Dimensions ?? []).every((f) => dims.has(f.Name) && (f.Value === undefined || dims.get(f.Name) === f.Value))) continue;
    for (const name of s.metrics) {
      if (req.MetricName !== undefined && name !== req.MetricName) continue;
      metrics.push({ Namespace: s.namespace, MetricName: name, Dimensions: s.dimensions.map(([Name, Value]) => ({ Name, Value })) });
    }
  }
  return { Metrics: metrics, ...(page.more && page.last !== undefined ? { NextToken: encodeToken(page.last) } : {}) };
}
