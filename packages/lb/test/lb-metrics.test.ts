// ELB's metrics from a real HAProxy: berth-lb reports its counters per target group (and the address it
// serves on, which DescribeLoadBalancers lists), the leader derives
// AWS/ApplicationELB's figures once an AWS minute (1 s here), and CloudWatch's GetMetricStatistics answers
// them. Every request the test sends is counted once, split by class, and per target over the healthy
// targets, as target tracking on ALBRequestCountPerTarget reads it; every connection once, client's and
// target's, and connections held open are active in each period they last.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { connect, type Socket } from 'node:net';
import { CLOUDWATCH_API, ELBV2_API, FLEET_API, type Cloudwatch, type Elbv2 } from '@berth/core';
import { freePort, lbFixture } from './lb-fixture.js';
import { stats as haproxyStats } from '../src/runtime-api.js';

t.setTimeout(240_000);
const { admin, label, joinLb, startLb } = await lbFixture('lb-metrics', undefined, { awsMinuteMs: 1000 });

function httpd(name: string): number {
  const id = execFileSync('docker', ['run', '-d', '--label', label, '-p', '127.0.0.1::8080', 'berth-test/busybox:latest', 'sh', '-c',
    `mkdir -p /www && echo ${name} > /www/index.html && echo ok > /www/health && exec httpd -f -p 8080 -h /www`], { encoding: 'utf8' }).trim();
  return Number(execFileSync('docker', ['port', id, '8080/tcp'], { encoding: 'utf8' }).trim().split('\n')[0]!.split(':').pop());
}
const elb = <R>(action: string, req: object) => admin.callApi(ELBV2_API, action, req) as Promise<R>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

t.test('requests through HAProxy become AWS/ApplicationELB figures', async (t) => {
  const group = `metrics-${process.pid}`;
  const listenPort = await freePort();
  const lb = (await elb<Elbv2.CreateLoadBalancerOutput>('CreateLoadBalancer', { Name: 'front', Subnets: [group] })).LoadBalancers![0]!;
  const tg = (await elb<Elbv2.CreateTargetGroupOutput>('CreateTargetGroup', { Name: 'web', Protocol: 'HTTP', Port: 8080, TargetType: 'ip', HealthCheckPath: '/health', HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 2, HealthyThresholdCount: 2 })).TargetGroups![0]!;
  await elb('CreateListener', { LoadBalancerArn: lb.LoadBalancerArn, Port: listenPort, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] });
  await elb('RegisterTargets', { TargetGroupArn: tg.TargetGroupArn, Targets: [httpd('one'), httpd('two')].map((Port) => ({ Id: '127.0.0.1', Port })) });
  const running = await startLb(await joinLb(), group, 300);
  for (let i = 0; ; i++) {
    const h = (await elb<Elbv2.DescribeTargetHealthOutput>('DescribeTargetHealth', { TargetGroupArn: tg.TargetGroupArn })).TargetHealthDescriptions ?? [];
    if (h.length === 2 && h.every((d) => d.TargetHealth?.State === 'healthy')) break;
    if (i > 300) throw new Error(`targets not healthy: ${JSON.stringify(h)}`);
    await sleep(200);
  }

  const described = (await elb<Elbv2.DescribeLoadBalancersOutput>('DescribeLoadBalancers', { Names: ['front'] })).LoadBalancers![0]!;
  t.same(described.AvailabilityZones, [{ ZoneName: group, SubnetId: group, LoadBalancerAddresses: [{ IpAddress: '127.0.0.1' }] }], 'the group\'s serving machine, by the address it reported');

  const t0 = Math.floor(Date.now() / 1000);
  const lbDim = { Name: 'LoadBalancer', Value: lb.LoadBalancerArn!.split(':loadbalancer/')[1]! };
  const tgDim = { Name: 'TargetGroup', Value: tg.TargetGroupArn!.split(':').pop()! };
  const stat = async (metric: string, dims: { Name: string; Value: string }[], s: 'Sum' | 'Maximum' | 'SampleCount') => {
    const out = (await admin.callApi(CLOUDWATCH_API, 'GetMetricStatistics', {
      Namespace: 'AWS/ApplicationELB', MetricName: metric, Dimensions: dims, StartTime: t0 - 60, EndTime: t0 + 3540, Period: 3600, Statistics: [s],
    })) as Cloudwatch.GetMetricStatisticsOutput;
    return out.Datapoints?.[0]?.[s];
  };
  // The leader has derived from a pass of the machine (its healthy hosts are known): the counting starts.
  for (let i = 0; (await stat('HealthyHostCount', [tgDim, lbDim], 'Maximum')) !== 2; i++) {
    if (i > 150) throw new Error('no HealthyHostCount of 2 derived');
    await sleep(200);
  }
  const statuses: Record<number, number> = {};
  // Kept-alive and new connections alternately, each connection the client opens counted.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  t.teardown(() => agent.destroy());
  let clientConnections = 0;
  for (let i = 0; i < 300; i++) {
    const missing = i % 15 === 0;
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: listenPort, path: missing ? '/missing' : '/', agent, headers: i % 2 ? { connection: 'close' } : {} }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      });
      req.on('socket', (sock) => {
        if (!(sock as { counted?: boolean }).counted) clientConnections++;
        (sock as { counted?: boolean }).counted = true;
      });
      req.on('error', reject);
    });
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
  t.same(statuses, { 200: 280, 404: 20 }, 'every request answered by a target');

  // Counted once the last report after the requests has been derived.
  for (let i = 0; (await stat('RequestCount', [lbDim], 'Sum')) !== 300; i++) {
    if (i > 150) throw new Error(`RequestCount stayed at ${await stat('RequestCount', [lbDim], 'Sum')} (HAProxy reloads: ${running.reloads})`);
    await sleep(200);
  }
  await sleep(2500);
  t.comment(`HAProxy reloads during the test: ${running.reloads}`);
  t.equal(await stat('RequestCount', [lbDim], 'Sum'), 300, 'the load balancer\'s requests, each counted once');
  t.equal(await stat('RequestCount', [tgDim, lbDim], 'Sum'), 300, 'the target group\'s');
  t.equal(await stat('HTTPCode_Target_2XX_Count', [tgDim, lbDim], 'Sum'), 280);
  t.equal(await stat('HTTPCode_Target_4XX_Count', [tgDim, lbDim], 'Sum'), 20);
  t.equal(await stat('HTTPCode_Target_5XX_Count', [tgDim, lbDim], 'Sum'), 0);
  t.equal(await stat('RequestCountPerTarget', [tgDim], 'Sum'), 150, 'per target: over its two healthy targets');
  t.equal(await stat('HealthyHostCount', [tgDim, lbDim], 'Maximum'), 2);
  t.ok(((await stat('TargetResponseTime', [lbDim], 'SampleCount')) ?? 0) > 0, 'response times, in periods with requests');
  // Connections as ELB counts them: the client's to the load balancer, and the load balancer's to targets
  // (busybox httpd closes each connection after its answer: one per request at least, and one per retry
  // HAProxy made, as its own counter says).
  const toTargets = (await haproxyStats(running.haproxy.socket)).backends.reduce((n, b) => n + b.connections, 0);
  t.ok(toTargets >= 300, `one connection to a target per request at least (${toTargets})`);
  const opened = await stat('NewConnectionCount', [lbDim], 'Sum');
  t.equal(opened, clientConnections + toTargets, `new connections: the client's ${clientConnections} and ${toTargets} to targets`);
  t.ok((await stat('ActiveConnectionCount', [lbDim], 'Sum'))! >= opened!, 'each was active in the period it opened');

  // Connections held open, idle, are active in every period they last, and new in none.
  const idle = await Promise.all([1, 2, 3, 4, 5].map(() => new Promise<Socket>((resolve, reject) => {
    const sock = connect(listenPort, '127.0.0.1', () => resolve(sock));
    sock.on('error', reject);
  })));
  t.teardown(() => idle.forEach((sock) => sock.destroy()));
  // The window starts 3 s after they opened: berth-lb reports once a pass, and a report of their opening that
  // lands late would otherwise count them as new inside it.
  const from = Math.ceil(Date.now() / 1000) + 3;
  // Four (1-s) periods held, between two health checks (5 s apart). berth-lb reports once a pass, and a pass
  // can outlast such a period, so a period may have no sample of its own (noted in session 9's closing
  // note): the test asks that the held connections count in the samples there are, and are new in none.
  await sleep((from + 5) * 1000 - Date.now());
  const held = async (metric: string, s: 'Sum' | 'Minimum' | 'SampleCount') => ((await admin.callApi(CLOUDWATCH_API, 'GetMetricStatistics', {
    Namespace: 'AWS/ApplicationELB', MetricName: metric, Dimensions: [lbDim], StartTime: from, EndTime: from + 4, Period: 4, Statistics: [s],
  })) as Cloudwatch.GetMetricStatisticsOutput).Datapoints?.[0]?.[s];
  const samples = (await held('ActiveConnectionCount', 'SampleCount')) ?? 0;
  t.ok(samples >= 1, `periods while they are held (${samples})`);
  t.ok((await held('ActiveConnectionCount', 'Minimum'))! >= 5, 'the five held connections, active in each');
  t.equal((await held('NewConnectionCount', 'Sum')) ?? 0, 0, 'none new');
  const listed = (await admin.callApi(CLOUDWATCH_API, 'ListMetrics', { Namespace: 'AWS/ApplicationELB', MetricName: 'RequestCountPerTarget' })) as Cloudwatch.ListMetricsOutput;
  t.same(listed.Metrics?.map((m) => m.Dimensions), [[tgDim]], 'ListMetrics names the series target tracking reads');
});

t.test('only a load-balancer machine reports statistics', async (t) => {
  const refused = await admin.callApi(FLEET_API, 'ReportLoadBalancerStatistics', {
    group: 'edge', collectedAt: Date.now() / 1000,
    targetGroups: [{ targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web/0', requests: 1e6, http2xx: 1e6, http3xx: 0, http4xx: 0, http5xx: 0, responseTimeMs: 1, healthyTargets: 1, unhealthyTargets: 0 }],
  }).then(() => undefined, (e: { ecsName?: string }) => e.ecsName);
  t.equal(refused, 'AccessDeniedException', 'not even the admin: the figures are a machine\'s own word');
});
