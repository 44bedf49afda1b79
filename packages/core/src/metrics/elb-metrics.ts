// ELB's CloudWatch figures (namespace AWS/ApplicationELB), derived from what each load-balancer machine's
// HAProxy counts per target group. Pure: the leader's metric controller gives it the machines' latest and
// previous statistics passes and stores what it returns.
//
// HAProxy's counters run from its worker's start, so a figure for a period is the difference of two passes
// of one machine; a counter that went back (a reload started a new worker) counts from zero. A machine
// with no earlier pass adds nothing yet, and a target group no machine can give a difference for has a gap,
// never a zero. Several machines serving one group add their requests; its healthy hosts are the most any
// machine sees. RequestCountPerTarget is the group's requests over its healthy targets (over all its
// targets when none is healthy), as ELB defines it for target tracking.
//
// Connections, as ELB counts them, are TCP connections from clients to the load balancer and from it to
// targets: HAProxy's frontends of the load balancer's listeners and the backends of its target groups.
// NewConnectionCount is the connections opened in the period; ActiveConnectionCount (whose useful
// statistic is Sum) the connections open at some time in it: those open at the period's start plus those
// opened since, so a connection that lived a second between two passes still counts.
import type { MetricPoint } from './ecs-metrics.js';

export const ELB_NAMESPACE = 'AWS/ApplicationELB';

/** One target group on one load-balancer machine: counters since HAProxy's worker started, and its targets now. */
export interface TargetGroupCounters {
  targetGroupArn: string;
  /** The load balancer forwarding to it (an application load balancer's target group serves one). */
  loadBalancerArn?: string;
  requests: number;
  /** Responses from targets by class: 2XX, 3XX, 4XX, 5XX. */
  http2xx: number;
  http3xx: number;
  http4xx: number;
  http5xx: number;
  /** HAProxy's average response time over its last 1,024 requests, in milliseconds. */
  responseTimeMs: number;
  healthyTargets: number;
  unhealthyTargets: number;
  /** Connections to its targets: opened since the worker started (HAProxy's `connect`), and open now. */
  connections?: number;
  activeConnections?: number;
}

/** One load balancer's listeners on one machine: client connections since the worker started, and open now. */
export interface LoadBalancerCounters {
  loadBalancerArn: string;
  /** HAProxy's frontends' `conn_tot`. */
  connections: number;
  /** Their `scur`. */
  activeConnections: number;
}

/** One statistics pass of a load-balancer machine, as the control plane stored it. */
export interface LbStatisticsPass {
  machine: string;
  /** The machine's clock, epoch seconds. */
  collectedAt: number;
  targetGroups: TargetGroupCounters[];
  /** Absent from a berth-lb that does not count connections. */
  loadBalancers?: LoadBalancerCounters[];
}

/** `app/NAME/ID` of a load balancer's ARN: ELB's LoadBalancer dimension. */
export const loadBalancerDimension = (arn: string) => arn.slice(arn.indexOf(':loadbalancer/') + ':loadbalancer/'.length);
/** `targetgroup/NAME/ID` of a target group's ARN: ELB's TargetGroup dimension. */
export const targetGroupDimension = (arn: string) => arn.slice(arn.lastIndexOf(':') + 1);

/**
 * The two dimensions of ALBRequestCountPerTarget's ResourceLabel
 * (`app/LB-NAME/LB-ID/targetgroup/TG-NAME/TG-ID`), or undefined when it is not of that form.
 */
export function parseAlbResourceLabel(label: string): { loadBalancer: string; targetGroup: string } | undefined {
  const m = /^(app\/[^/]+\/[^/]+)\/(targetgroup\/[^/]+\/[^/]+)$/.exec(label);
  return m ? { loadBalancer: m[1]!, targetGroup: m[2]! } : undefined;
}

const COUNTERS = ['requests', 'http2xx', 'http3xx', 'http4xx', 'http5xx'] as const;
type Counter = (typeof COUNTERS)[number];
const COUNT_METRICS: Record<Counter, string> = {
  requests: 'RequestCount', http2xx: 'HTTPCode_Target_2XX_Count', http3xx: 'HTTPCode_Target_3XX_Count',
  http4xx: 'HTTPCode_Target_4XX_Count', http5xx: 'HTTPCode_Target_5XX_Count',
};

/** A group's figures for the period, summed over the machines that could give a difference. */
interface GroupPeriod {
  loadBalancerArn?: string;
  counts: Record<Counter, number>;
  /** Response time × requests, for the average weighted by requests. */
  timeWeighted: number;
  known: boolean;
  healthy: number;
  unhealthy: number;
}

const difference = (now: number, then: number) => (now >= then ? now - then : now);

export function deriveElbMetrics(input: { passes: readonly LbStatisticsPass[]; previous: ReadonlyMap<string, LbStatisticsPass> }): MetricPoint[] {
  const groups = new Map<string, GroupPeriod>();
  for (const pass of input.passes) {
    const before = new Map((input.previous.get(pass.machine)?.targetGroups ?? []).map((g) => [g.targetGroupArn, g]));
    for (const g of pass.targetGroups) {
      let p = groups.get(g.targetGroupArn);
      if (!p) groups.set(g.targetGroupArn, (p = { counts: { requests: 0, http2xx: 0, http3xx: 0, http4xx: 0, http5xx: 0 }, timeWeighted: 0, known: false, healthy: 0, unhealthy: 0 }));
      if (g.loadBalancerArn !== undefined) p.loadBalancerArn = g.loadBalancerArn;
      p.healthy = Math.max(p.healthy, g.healthyTargets);
      p.unhealthy = Math.max(p.unhealthy, g.unhealthyTargets);
      const then = before.get(g.targetGroupArn);
      if (!then) continue;
      p.known = true;
      for (const c of COUNTERS) p.counts[c] += difference(g[c], then[c]);
      p.timeWeighted += difference(g.requests, then.requests) * g.responseTimeMs;
    }
  }

  const connections = connectionsByBalancer(input);
  const out: MetricPoint[] = [];
  const point = (dimensions: [string, string][], metric: string, unit: MetricPoint['unit'], value: number) =>
    out.push({ namespace: ELB_NAMESPACE, dimensions, metric, unit, value });
  const byBalancer = new Map<string, { counts: Record<Counter, number>; timeWeighted: number }>();
  for (const [arn, p] of groups) {
    const tg: [string, string] = ['TargetGroup', targetGroupDimension(arn)];
    const pair: [string, string][] = p.loadBalancerArn !== undefined ? [tg, ['LoadBalancer', loadBalancerDimension(p.loadBalancerArn)]] : [tg];
    point(pair, 'HealthyHostCount', 'Count', p.healthy);
    point(pair, 'UnHealthyHostCount', 'Count', p.unhealthy);
    if (!p.known) continue;
    for (const c of COUNTERS) point(pair, COUNT_METRICS[c], 'Count', p.counts[c]);
    if (p.counts.requests > 0) point(pair, 'TargetResponseTime', 'Seconds', p.timeWeighted / p.counts.requests / 1000);
    const targets = p.healthy > 0 ? p.healthy : p.unhealthy;
    if (targets > 0) point([tg], 'RequestCountPerTarget', 'Count', p.counts.requests / targets);
    if (p.loadBalancerArn === undefined) continue;
    let b = byBalancer.get(p.loadBalancerArn);
    if (!b) byBalancer.set(p.loadBalancerArn, (b = { counts: { requests: 0, http2xx: 0, http3xx: 0, http4xx: 0, http5xx: 0 }, timeWeighted: 0 }));
    for (const c of COUNTERS) b.counts[c] += p.counts[c];
    b.timeWeighted += p.timeWeighted;
  }
  for (const [arn, b] of byBalancer) {
    const lb: [string, string][] = [['LoadBalancer', loadBalancerDimension(arn)]];
    for (const c of COUNTERS) point(lb, COUNT_METRICS[c], 'Count', b.counts[c]);
    if (b.counts.requests > 0) point(lb, 'TargetResponseTime', 'Seconds', b.timeWeighted / b.counts.requests / 1000);
  }
  for (const [arn, c] of connections) {
    const lb: [string, string][] = [['LoadBalancer', loadBalancerDimension(arn)]];
    point(lb, 'ActiveConnectionCount', 'Count', c.active);
    point(lb, 'NewConnectionCount', 'Count', c.opened);
  }
  return out;
}

/**
 * Each load balancer's connections in the period, over the machines with an earlier pass of its
 * listeners: client connections of its frontends, and target connections of the groups it forwards to.
 */
function connectionsByBalancer(input: { passes: readonly LbStatisticsPass[]; previous: ReadonlyMap<string, LbStatisticsPass> }): Map<string, { opened: number; active: number }> {
  const out = new Map<string, { opened: number; active: number }>();
  const add = (arn: string, now: { connections: number; activeConnections: number }, then: { connections: number; activeConnections: number }) => {
    let c = out.get(arn);
    if (!c) out.set(arn, (c = { opened: 0, active: 0 }));
    const opened = difference(now.connections, then.connections);
    c.opened += opened;
    c.active += then.activeConnections + opened;
  };
  for (const pass of input.passes) {
    const before = input.previous.get(pass.machine);
    const listeners = new Map((before?.loadBalancers ?? []).map((b) => [b.loadBalancerArn, b]));
    const groups = new Map((before?.targetGroups ?? []).map((g) => [g.targetGroupArn, g]));
    const counted = new Set<string>();
    for (const b of pass.loadBalancers ?? []) {
      const then = listeners.get(b.loadBalancerArn);
      if (!then) continue;
      counted.add(b.loadBalancerArn);
      add(b.loadBalancerArn, b, then);
    }
    for (const g of pass.targetGroups) {
      const then = groups.get(g.targetGroupArn);
      if (g.loadBalancerArn === undefined || !counted.has(g.loadBalancerArn) || g.connections === undefined || g.activeConnections === undefined) continue;
      if (then?.connections === undefined || then.activeConnections === undefined) continue;
      add(g.loadBalancerArn, { connections: g.connections, activeConnections: g.activeConnections }, { connections: then.connections, activeConnections: then.activeConnections });
    }
  }
  return out;
}
