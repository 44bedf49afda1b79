// ELB's CloudWatch figures from load-balancer machines' HAProxy counters, as tables: a period's count is
// the difference of two passes of one machine, summed over machines; a counter that went back (a reload)
// counts from zero; no earlier pass is a gap, never a zero; per-target requests divide by the healthy
// targets; the load balancer's figures sum its target groups.
import t from 'tap';
import { ELB_NAMESPACE, deriveElbMetrics, parseAlbResourceLabel, type LbStatisticsPass, type MetricPoint, type TargetGroupCounters } from '../src/index.js';

const LB = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/web/50dc6c495c0c9188';
const TG = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web/73e2d6bc24d8a067';
const TG2 = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/api/0a1b2c3d4e5f6789';
const LB_DIM = 'LoadBalancer=app/web/50dc6c495c0c9188';
const TG_DIM = 'TargetGroup=targetgroup/web/73e2d6bc24d8a067';
const TG2_DIM = 'TargetGroup=targetgroup/api/0a1b2c3d4e5f6789';

const group = (arn: string, requests: number, extra: Partial<TargetGroupCounters> = {}): TargetGroupCounters => ({
  targetGroupArn: arn, loadBalancerArn: LB, requests, http2xx: requests, http3xx: 0, http4xx: 0, http5xx: 0,
  responseTimeMs: 20, healthyTargets: 2, unhealthyTargets: 0, ...extra,
});
const pass = (machine: string, collectedAt: number, groups: TargetGroupCounters[]): LbStatisticsPass => ({ machine, collectedAt, targetGroups: groups });
const pick = (points: MetricPoint[], dims: string, metric: string) =>
  points.find((p) => p.namespace === ELB_NAMESPACE && p.dimensions.map(([n, v]) => `${n}=${v}`).join(',') === dims && p.metric === metric)?.value;

type Row = [what: string, passes: LbStatisticsPass[], previous: LbStatisticsPass[], dims: string, metric: string, want: number | undefined];
const ROWS: Row[] = [
  ['a period counts the difference', [pass('m1', 60, [group(TG, 1300)])], [pass('m1', 0, [group(TG, 100)])], `${TG_DIM},${LB_DIM}`, 'RequestCount', 1200],
  ['per target: over the healthy targets', [pass('m1', 60, [group(TG, 1300)])], [pass('m1', 0, [group(TG, 100)])], TG_DIM, 'RequestCountPerTarget', 600],
  ['per target: over all targets when none is healthy', [pass('m1', 60, [group(TG, 1300, { healthyTargets: 0, unhealthyTargets: 3 })])], [pass('m1', 0, [group(TG, 100)])], TG_DIM, 'RequestCountPerTarget', 400],
  ['no targets at all: no per-target figure', [pass('m1', 60, [group(TG, 1300, { healthyTargets: 0 })])], [pass('m1', 0, [group(TG, 100)])], TG_DIM, 'RequestCountPerTarget', undefined],
  ['a first pass is a gap, not a zero', [pass('m1', 60, [group(TG, 1300)])], [], `${TG_DIM},${LB_DIM}`, 'RequestCount', undefined],
  ['its hosts are known at once', [pass('m1', 60, [group(TG, 1300)])], [], `${TG_DIM},${LB_DIM}`, 'HealthyHostCount', 2],
  ['a reload restarts the counter: counted from zero', [pass('m1', 60, [group(TG, 40)])], [pass('m1', 0, [group(TG, 900)])], `${TG_DIM},${LB_DIM}`, 'RequestCount', 40],
  ['two machines add their requests', [pass('m1', 60, [group(TG, 200)]), pass('m2', 61, [group(TG, 350)])], [pass('m1', 0, [group(TG, 100)]), pass('m2', 1, [group(TG, 50)])], `${TG_DIM},${LB_DIM}`, 'RequestCount', 400],
  ['a machine new to the group adds nothing yet', [pass('m1', 60, [group(TG, 200)]), pass('m2', 61, [group(TG, 350)])], [pass('m1', 0, [group(TG, 100)])], `${TG_DIM},${LB_DIM}`, 'RequestCount', 100],
  ['healthy hosts: the most any machine sees', [pass('m1', 60, [group(TG, 2, { healthyTargets: 3 })]), pass('m2', 60, [group(TG, 2, { healthyTargets: 2 })])], [], `${TG_DIM},${LB_DIM}`, 'HealthyHostCount', 3],
  ['5XX from targets', [pass('m1', 60, [group(TG, 300, { http5xx: 17 })])], [pass('m1', 0, [group(TG, 100, { http5xx: 2 })])], `${TG_DIM},${LB_DIM}`, 'HTTPCode_Target_5XX_Count', 15],
  ['response time in seconds, weighted by requests', [pass('m1', 60, [group(TG, 200, { responseTimeMs: 10 })]), pass('m2', 60, [group(TG, 300, { responseTimeMs: 40 })])], [pass('m1', 0, [group(TG, 0)]), pass('m2', 0, [group(TG, 200)])], `${TG_DIM},${LB_DIM}`, 'TargetResponseTime', (200 * 10 + 100 * 40) / 300 / 1000],
  ['no requests: no response time', [pass('m1', 60, [group(TG, 100)])], [pass('m1', 0, [group(TG, 100)])], `${TG_DIM},${LB_DIM}`, 'TargetResponseTime', undefined],
  ['no requests: a count of zero, known', [pass('m1', 60, [group(TG, 100)])], [pass('m1', 0, [group(TG, 100)])], `${TG_DIM},${LB_DIM}`, 'RequestCount', 0],
  ['the load balancer sums its groups', [pass('m1', 60, [group(TG, 300), group(TG2, 70)])], [pass('m1', 0, [group(TG, 100), group(TG2, 20)])], LB_DIM, 'RequestCount', 250],
  ['a group of another load balancer is apart', [pass('m1', 60, [group(TG, 300), group(TG2, 70, { loadBalancerArn: LB.replace('web/50dc', 'other/50dc') })])], [pass('m1', 0, [group(TG, 100), group(TG2, 20)])], LB_DIM, 'RequestCount', 200],
  ['a group no listener forwards to: its own dimension only', [pass('m1', 60, [group(TG2, 70, { loadBalancerArn: undefined })])], [pass('m1', 0, [group(TG2, 20)])], TG2_DIM, 'RequestCount', 50],
];

// Connections: a machine's listeners of the load balancer (clients) and its groups' targets.
const withListeners = (p: LbStatisticsPass, connections: number, activeConnections: number): LbStatisticsPass => ({ ...p, loadBalancers: [{ loadBalancerArn: LB, connections, activeConnections }] });
const targets = (connections: number, activeConnections: number) => ({ connections, activeConnections });
ROWS.push(
  ['new connections: clients\' and targets\' in the period', [withListeners(pass('m1', 60, [group(TG, 300, targets(45, 4))]), 170, 6)], [withListeners(pass('m1', 0, [group(TG, 100, targets(30, 2))]), 100, 5)], LB_DIM, 'NewConnectionCount', 70 + 15],
  ['active connections: open at the start and opened since', [withListeners(pass('m1', 60, [group(TG, 300, targets(45, 4))]), 170, 6)], [withListeners(pass('m1', 0, [group(TG, 100, targets(30, 2))]), 100, 5)], LB_DIM, 'ActiveConnectionCount', 5 + 70 + 2 + 15],
  ['idle connections held open all period count', [withListeners(pass('m1', 60, [group(TG, 100, targets(30, 3))]), 100, 3)], [withListeners(pass('m1', 0, [group(TG, 100, targets(30, 3))]), 100, 3)], LB_DIM, 'ActiveConnectionCount', 6],
  ['two machines add theirs', [withListeners(pass('m1', 60, []), 20, 1), withListeners(pass('m2', 60, []), 50, 0)], [withListeners(pass('m1', 0, []), 10, 2), withListeners(pass('m2', 0, []), 20, 4)], LB_DIM, 'NewConnectionCount', 40],
  ['a reload restarts the counters: counted from zero', [withListeners(pass('m1', 60, []), 8, 1)], [withListeners(pass('m1', 0, []), 500, 9)], LB_DIM, 'ActiveConnectionCount', 9 + 8],
  ['no earlier pass of the listeners: a gap', [withListeners(pass('m1', 60, [group(TG, 300, targets(45, 4))]), 170, 6)], [pass('m1', 0, [group(TG, 100, targets(30, 2))])], LB_DIM, 'ActiveConnectionCount', undefined],
  ['a berth-lb that counts no connections: a gap', [pass('m1', 60, [group(TG, 300)])], [pass('m1', 0, [group(TG, 100)])], LB_DIM, 'NewConnectionCount', undefined],
  ['target connections without their counters: clients\' alone', [withListeners(pass('m1', 60, [group(TG, 300, targets(45, 4))]), 170, 6)], [withListeners(pass('m1', 0, [group(TG, 100)]), 100, 5)], LB_DIM, 'NewConnectionCount', 70],
);

for (const [what, passes, previous, dims, metric, want] of ROWS) {
  t.test(what, async (t) => {
    const points = deriveElbMetrics({ passes, previous: new Map(previous.map((p) => [p.machine, p])) });
    t.equal(pick(points, dims, metric), want, `${dims} ${metric}`);
    t.ok(points.every((p) => Number.isFinite(p.value)), 'every value finite');
  });
}

t.test('ALBRequestCountPerTarget\'s resource label', async (t) => {
  t.same(parseAlbResourceLabel('app/web/50dc6c495c0c9188/targetgroup/web/73e2d6bc24d8a067'), { loadBalancer: 'app/web/50dc6c495c0c9188', targetGroup: 'targetgroup/web/73e2d6bc24d8a067' });
  for (const bad of ['targetgroup/web/73e2d6bc24d8a067', 'app/web/50dc/targetgroup/web', 'net/web/50dc/targetgroup/web/73e2', '']) t.equal(parseAlbResourceLabel(bad), undefined, bad);
});
