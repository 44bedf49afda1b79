// The exporter's series that come from the control plane's CloudWatch figures (issue 19 §4, issue 24 §5):
// utilization of the cluster, its services and (with Container Insights) its instances, and, with
// --load-balancers, ELB's figures per load balancer and target group. Pure: which metric each series reads,
// and its value from the datapoints read (newest first). A gauge is the newest datapoint of the window
// (none: absent, never 0); a counter adds each period's datapoint once, in the order periods come, so
// Prometheus's rate() reads ELB's per-period sums (a series appears with its first datapoint).
import { CONTAINER_INSIGHTS_NAMESPACE, ECS_NAMESPACE, ELB_NAMESPACE, loadBalancerDimension, targetGroupDimension } from '@berth/core';
import { FAMILIES, type Family, type Sample } from './fleet-metrics.js';

/** One series and the metric it reads. */
export interface MetricSeries {
  family: Family;
  labels: Record<string, string>;
  namespace: string;
  metric: string;
  dimensions: [string, string][];
  stat: 'Average' | 'Sum';
}

/** A datapoint as GetMetricData answers it: epoch seconds and value. */
export type Datapoint = [t: number, value: number];

/** The cluster's, its services' and its instances' utilization (instances only with Container Insights). */
export function utilizationSeries(cluster: string, services: readonly string[], instanceIds: readonly string[]): MetricSeries[] {
  const out: MetricSeries[] = [];
  const add = (family: Family, labels: Record<string, string>, namespace: string, metric: string, dimensions: [string, string][]) =>
    out.push({ family, labels: { cluster, ...labels }, namespace, metric, dimensions: [['ClusterName', cluster], ...dimensions], stat: 'Average' });
  add(FAMILIES.cpuUtilization, {}, ECS_NAMESPACE, 'CPUUtilization', []);
  add(FAMILIES.memoryUtilization, {}, ECS_NAMESPACE, 'MemoryUtilization', []);
  for (const service of services) {
    add(FAMILIES.serviceCpuUtilization, { service }, ECS_NAMESPACE, 'CPUUtilization', [['ServiceName', service]]);
    add(FAMILIES.serviceMemoryUtilization, { service }, ECS_NAMESPACE, 'MemoryUtilization', [['ServiceName', service]]);
  }
  for (const instance of instanceIds) {
    add(FAMILIES.instanceCpuUtilization, { instance }, CONTAINER_INSIGHTS_NAMESPACE, 'instance_cpu_utilization', [['ContainerInstanceId', instance]]);
    add(FAMILIES.instanceMemoryUtilization, { instance }, CONTAINER_INSIGHTS_NAMESPACE, 'instance_memory_utilization', [['ContainerInstanceId', instance]]);
  }
  return out;
}

/** What DescribeLoadBalancers and DescribeTargetGroups answered (ARNs and names). */
export interface BalancerView {
  loadBalancers: { arn: string; name: string }[];
  targetGroups: { arn: string; name: string; loadBalancerArns: string[] }[];
}

const CODES = ['2xx', '3xx', '4xx', '5xx'] as const;
const codeMetric = (code: string) => `HTTPCode_Target_${code.toUpperCase()}_Count`;

/**
 * ELB's series, with the dimensions core/metrics/elb-metrics.ts derives them under: a load balancer's by
 * LoadBalancer; a target group's by TargetGroup and LoadBalancer (TargetGroup alone when no load balancer
 * forwards to it: only its hosts are counted then).
 */
export function balancerSeries(view: BalancerView): MetricSeries[] {
  const out: MetricSeries[] = [];
  const add = (family: Family, labels: Record<string, string>, metric: string, dimensions: [string, string][], stat: 'Average' | 'Sum' = 'Sum') =>
    out.push({ family, labels, namespace: ELB_NAMESPACE, metric, dimensions, stat });
  const names = new Map(view.loadBalancers.map((b) => [b.arn, b.name]));
  for (const b of view.loadBalancers) {
    const dims: [string, string][] = [['LoadBalancer', loadBalancerDimension(b.arn)]];
    const labels = { load_balancer: b.name };
    add(FAMILIES.lbRequests, labels, 'RequestCount', dims);
    for (const code of CODES) add(FAMILIES.lbResponses, { ...labels, code }, codeMetric(code), dims);
    add(FAMILIES.lbResponseTime, labels, 'TargetResponseTime', dims, 'Average');
    add(FAMILIES.lbActiveConnections, labels, 'ActiveConnectionCount', dims);
    add(FAMILIES.lbNewConnections, labels, 'NewConnectionCount', dims);
  }
  for (const g of view.targetGroups) {
    const tg: [string, string] = ['TargetGroup', targetGroupDimension(g.arn)];
    const served = g.loadBalancerArns.filter((a) => names.has(a));
    for (const lb of served.length > 0 ? served : [undefined]) {
      const dims: [string, string][] = lb === undefined ? [tg] : [tg, ['LoadBalancer', loadBalancerDimension(lb)]];
      const labels = { target_group: g.name, ...(lb !== undefined ? { load_balancer: names.get(lb)! } : {}) };
      add(FAMILIES.tgHealthy, labels, 'HealthyHostCount', dims, 'Average');
      add(FAMILIES.tgUnhealthy, labels, 'UnHealthyHostCount', dims, 'Average');
      if (lb === undefined) continue;
      add(FAMILIES.tgRequests, labels, 'RequestCount', dims);
      for (const code of CODES) add(FAMILIES.tgResponses, { ...labels, code }, codeMetric(code), dims);
      add(FAMILIES.tgResponseTime, labels, 'TargetResponseTime', dims, 'Average');
    }
  }
  return out;
}

const seriesKey = (s: MetricSeries) => `${s.family.name}${JSON.stringify(s.labels)}`;

/**
 * The values of series over successive reads: a counter's total and the newest period it added (kept
 * between reads); a gauge's newest datapoint no older than the window.
 */
export class SeriesValues {
  private counters = new Map<string, { total: number; last: number }>();

  /**
   * Where the next read starts: the oldest period a live counter has added (so no period is lost while
   * reads fail), no further back than `maxBackSeconds`, and at least the window.
   */
  since(now: number, windowSeconds: number, maxBackSeconds: number): number {
    let from = now - windowSeconds;
    for (const c of this.counters.values()) from = Math.min(from, c.last + 1);
    return Math.max(from, now - maxBackSeconds);
  }

  /** Samples of `series` from their datapoints (newest first); counters of series no longer read are forgotten. */
  samples(series: readonly MetricSeries[], datapoints: readonly (readonly Datapoint[])[], now: number, windowSeconds: number): Sample[] {
    const out: Sample[] = [];
    const live = new Set<string>();
    series.forEach((s, i) => {
      const points = datapoints[i] ?? [];
      if (s.family.type !== 'counter') {
        const newest = points[0];
        if (newest && newest[0] >= now - windowSeconds) out.push({ family: s.family, labels: s.labels, value: newest[1] });
        return;
      }
      const key = seriesKey(s);
      live.add(key);
      let c = this.counters.get(key);
      for (const [t, v] of [...points].reverse()) {
        if (c && t <= c.last) continue;
        c = { total: (c?.total ?? 0) + v, last: t };
      }
      if (!c) return;
      this.counters.set(key, c);
      out.push({ family: s.family, labels: s.labels, value: c.total });
    });
    for (const k of this.counters.keys()) if (!live.has(k)) this.counters.delete(k);
    return out;
  }
}
