// The exporter's CloudWatch series as tables: which metric and dimensions each reads (those the control
// plane derives them under), a gauge's newest datapoint within the window (else absent, never 0), and a
// counter that adds each period once across reads, catches up after failed reads and forgets a series gone.
import t from 'tap';
import { FAMILIES } from '../src/fleet-metrics.js';
import { SeriesValues, balancerSeries, utilizationSeries, type Datapoint, type MetricSeries } from '../src/cloudwatch-series.js';

const describe = (s: MetricSeries) => `${s.family.name}${JSON.stringify(s.labels)} <- ${s.namespace} ${s.metric} ${s.dimensions.map(([n, v]) => `${n}=${v}`).join(',')} ${s.stat}`;

t.test('utilization: the cluster\'s and each service\'s in AWS/ECS, each instance\'s in Container Insights', async (t) => {
  t.same(utilizationSeries('prod', ['web'], ['i1']).map(describe), [
    'berth_cluster_cpu_utilization_percent{"cluster":"prod"} <- AWS/ECS CPUUtilization ClusterName=prod Average',
    'berth_cluster_memory_utilization_percent{"cluster":"prod"} <- AWS/ECS MemoryUtilization ClusterName=prod Average',
    'berth_service_cpu_utilization_percent{"cluster":"prod","service":"web"} <- AWS/ECS CPUUtilization ClusterName=prod,ServiceName=web Average',
    'berth_service_memory_utilization_percent{"cluster":"prod","service":"web"} <- AWS/ECS MemoryUtilization ClusterName=prod,ServiceName=web Average',
    'berth_instance_cpu_utilization_percent{"cluster":"prod","instance":"i1"} <- ECS/ContainerInsights instance_cpu_utilization ClusterName=prod,ContainerInstanceId=i1 Average',
    'berth_instance_memory_utilization_percent{"cluster":"prod","instance":"i1"} <- ECS/ContainerInsights instance_memory_utilization ClusterName=prod,ContainerInstanceId=i1 Average',
  ]);
});

t.test('load balancers and target groups, under ELB\'s dimensions', async (t) => {
  const lb = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/front/50dc6c495c0c9188';
  const tg = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web/73e2d6bc24d8a067';
  const idle = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/idle/0000000000000001';
  const series = balancerSeries({ loadBalancers: [{ arn: lb, name: 'front' }], targetGroups: [{ arn: tg, name: 'web', loadBalancerArns: [lb] }, { arn: idle, name: 'idle', loadBalancerArns: [] }] });
  const rows = series.map(describe);
  for (const row of [
    'berth_lb_requests_total{"load_balancer":"front"} <- AWS/ApplicationELB RequestCount LoadBalancer=app/front/50dc6c495c0c9188 Sum',
    'berth_lb_target_responses_total{"load_balancer":"front","code":"5xx"} <- AWS/ApplicationELB HTTPCode_Target_5XX_Count LoadBalancer=app/front/50dc6c495c0c9188 Sum',
    'berth_lb_target_response_time_seconds{"load_balancer":"front"} <- AWS/ApplicationELB TargetResponseTime LoadBalancer=app/front/50dc6c495c0c9188 Average',
    'berth_lb_active_connections{"load_balancer":"front"} <- AWS/ApplicationELB ActiveConnectionCount LoadBalancer=app/front/50dc6c495c0c9188 Sum',
    'berth_lb_new_connections_total{"load_balancer":"front"} <- AWS/ApplicationELB NewConnectionCount LoadBalancer=app/front/50dc6c495c0c9188 Sum',
    'berth_target_group_requests_total{"target_group":"web","load_balancer":"front"} <- AWS/ApplicationELB RequestCount TargetGroup=targetgroup/web/73e2d6bc24d8a067,LoadBalancer=app/front/50dc6c495c0c9188 Sum',
    'berth_target_group_target_responses_total{"target_group":"web","load_balancer":"front","code":"2xx"} <- AWS/ApplicationELB HTTPCode_Target_2XX_Count TargetGroup=targetgroup/web/73e2d6bc24d8a067,LoadBalancer=app/front/50dc6c495c0c9188 Sum',
    'berth_target_group_healthy_targets{"target_group":"web","load_balancer":"front"} <- AWS/ApplicationELB HealthyHostCount TargetGroup=targetgroup/web/73e2d6bc24d8a067,LoadBalancer=app/front/50dc6c495c0c9188 Average',
    // A group no load balancer forwards to has only its hosts, by TargetGroup alone.
    'berth_target_group_unhealthy_targets{"target_group":"idle"} <- AWS/ApplicationELB UnHealthyHostCount TargetGroup=targetgroup/idle/0000000000000001 Average',
  ]) t.ok(rows.includes(row), row);
  t.notOk(rows.some((r) => r.startsWith('berth_target_group_requests_total{"target_group":"idle"')), 'no requests for a group nothing forwards to');
});

t.test('a gauge is the newest datapoint within the window; a counter adds each period once', async (t) => {
  const [cpu] = utilizationSeries('prod', [], []);
  const [requests] = balancerSeries({ loadBalancers: [{ arn: 'arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/front/1', name: 'front' }], targetGroups: [] });
  const values = new SeriesValues();
  const read = (now: number, c: Datapoint[], r: Datapoint[]) => values.samples([cpu!, requests!], [c, r], now, 180).map((s) => [s.family.name, s.value]);
  const steps: [string, number, Datapoint[], Datapoint[], [string, number][]][] = [
    ['nothing yet: both absent', 1000, [], [], []],
    ['first datapoints (newest first)', 1060, [[1050, 40], [1040, 30]], [[1050, 5], [1040, 7]], [['berth_cluster_cpu_utilization_percent', 40], ['berth_lb_requests_total', 12]]],
    ['the same datapoints read again: not added twice', 1070, [[1050, 40]], [[1050, 5], [1040, 7]], [['berth_cluster_cpu_utilization_percent', 40], ['berth_lb_requests_total', 12]]],
    ['a new period', 1120, [[1110, 55], [1050, 40]], [[1110, 3], [1050, 5]], [['berth_cluster_cpu_utilization_percent', 55], ['berth_lb_requests_total', 15]]],
    ['figures older than the window: the gauge is a gap, the counter keeps its total', 1400, [[1110, 55]], [], [['berth_lb_requests_total', 15]]],
  ];
  for (const [what, now, c, r, want] of steps) t.same(read(now, c, r), want, what);
  t.equal(values.since(2000, 180, 3600), 1111, 'the next read starts after the newest period counted (reads failed meanwhile)');
  t.equal(values.since(9000, 180, 3600), 5400, 'at most an hour back');
  t.same(values.samples([cpu!], [[]], 1400, 180), [], 'a series no longer read');
  t.equal(values.since(2000, 180, 3600), 1820, 'its counter is forgotten');
  t.equal(requests!.family, FAMILIES.lbRequests);
});
