// One refresh's reads of the control plane's CloudWatch figures, with the exporter's certificate (its own
// cluster's AWS/ECS and ECS/ContainerInsights metrics, and AWS/ApplicationELB's: certificate-callers.ts):
// GetMetricData in calls of up to 500 queries, each datapoint on its own (a one-second period, so the
// periods the control plane derives, whatever its --aws-minute, come back one by one); and, for
// --load-balancers, the load balancers and target groups that name ELB's series.
import type { BerthClient } from '@berth/api';
import { CLOUDWATCH_API, ELBV2_API, type Cloudwatch, type Elbv2 } from '@berth/core';
import type { BalancerView, Datapoint, MetricSeries } from './cloudwatch-series.js';

/** GetMetricData takes up to 500 queries a call. */
const QUERIES_PER_CALL = 500;

/** Each series' datapoints in [start, end), newest first. */
export async function readDatapoints(client: BerthClient, series: readonly MetricSeries[], start: number, end: number): Promise<Datapoint[][]> {
  const out: Datapoint[][] = [];
  for (let i = 0; i < series.length; i += QUERIES_PER_CALL) {
    const batch = series.slice(i, i + QUERIES_PER_CALL);
    const res = (await client.callApi(CLOUDWATCH_API, 'GetMetricData', {
      StartTime: start, EndTime: end, ScanBy: 'TimestampDescending',
      MetricDataQueries: batch.map((s, j) => ({
        Id: `q${j}`,
        MetricStat: { Metric: { Namespace: s.namespace, MetricName: s.metric, Dimensions: s.dimensions.map(([Name, Value]) => ({ Name, Value })) }, Period: 1, Stat: s.stat },
      })),
    })) as Cloudwatch.GetMetricDataOutput;
    const byId = new Map((res.MetricDataResults ?? []).map((r) => [r.Id, r]));
    for (const [j] of batch.entries()) {
      const r = byId.get(`q${j}`);
      out.push((r?.Timestamps ?? []).map((t, k): Datapoint => [Number(t), r!.Values![k]!]));
    }
  }
  return out;
}

/** Every load balancer and target group (ELBv2's pages). */
export async function readBalancers(client: BerthClient): Promise<BalancerView> {
  const call = <R>(action: string, req: object) => client.callApi(ELBV2_API, action, req) as Promise<R>;
  const view: BalancerView = { loadBalancers: [], targetGroups: [] };
  for (let marker: string | undefined; ;) {
    const page = await call<Elbv2.DescribeLoadBalancersOutput>('DescribeLoadBalancers', marker ? { Marker: marker } : {});
    for (const b of page.LoadBalancers ?? []) view.loadBalancers.push({ arn: b.LoadBalancerArn!, name: b.LoadBalancerName! });
    if (!(marker = page.NextMarker)) break;
  }
  for (let marker: string | undefined; ;) {
    const page = await call<Elbv2.DescribeTargetGroupsOutput>('DescribeTargetGroups', marker ? { Marker: marker } : {});
    for (const g of page.TargetGroups ?? []) view.targetGroups.push({ arn: g.TargetGroupArn!, name: g.TargetGroupName!, loadBalancerArns: g.LoadBalancerArns ?? [] });
    if (!(marker = page.NextMarker)) break;
  }
  return view;
}
