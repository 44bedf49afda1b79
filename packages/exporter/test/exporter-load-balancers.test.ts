// berth-exporter --load-balancers against a real control plane: a load-balancer machine (a certificate of
// kind lb) reports HAProxy's counters, the leader derives AWS/ApplicationELB's figures once an AWS minute
// (1 s here), and the exporter, with a certificate of kind exporter, serves them per load balancer and
// target group: each period's requests, responses and connections added once to counters, the newest
// response time and hosts as gauges; promtool accepts the scrape. Without the flag it serves none.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthClient, clientForContext, readCliConfig } from '@berth/api';
import { joinCluster } from '@berth/agent';
import { CLOUDWATCH_API, ELBV2_API, FLEET_API, type Cloudwatch, type Elbv2 } from '@berth/core';
import { startServer, silentLogger } from '@berth/server';
import { startExporter } from '../src/exporter.js';

t.setTimeout(120_000);
const dir = mkdtempSync(join(tmpdir(), 'exporter-lb-'));
const server = await startServer({ listen: '127.0.0.1:0', store: `file:${join(dir, 'berth.db')}`, log: silentLogger, bootstrapConfig: join(dir, 'config.yaml'), awsMinuteMs: 1000 });
const admin = clientForContext({ ...readCliConfig(join(dir, 'config.yaml')).contexts[0]!, server: server.addr });
t.teardown(async () => {
  admin.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(what: string, f: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const v = await f();
    if (v !== undefined) return v;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}
const token = async (kind: string) => ((await admin.callApi(FLEET_API, 'CreateJoinToken', { kind, uses: 1 })) as { token: string }).token;

await admin.call('CreateCluster', { clusterName: 'default' });
const elb = <R>(action: string, req: object) => admin.callApi(ELBV2_API, action, req) as Promise<R>;
const group = `edge-${process.pid}`;
const lb = (await elb<Elbv2.CreateLoadBalancerOutput>('CreateLoadBalancer', { Name: 'front', Subnets: [group] })).LoadBalancers![0]!;
const tg = (await elb<Elbv2.CreateTargetGroupOutput>('CreateTargetGroup', { Name: 'web', Protocol: 'HTTP', Port: 8080, TargetType: 'ip' })).TargetGroups![0]!;
await elb('CreateListener', { LoadBalancerArn: lb.LoadBalancerArn, Port: 8080, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] });

// The load-balancer machine: its word is HAProxy's counters since its worker started.
const machine = new BerthClient([server.addr], { tls: (await joinCluster([server.addr], await token('lb'), undefined, join(dir, 'lb'), silentLogger)).credentials });
t.teardown(() => machine.close());
const report = (requests: number, http5xx: number, clients: [number, number], targets: [number, number]) => machine.callApi(FLEET_API, 'ReportLoadBalancerStatistics', {
  group, collectedAt: Date.now() / 1000,
  targetGroups: [{ targetGroupArn: tg.TargetGroupArn, requests, http2xx: requests - http5xx, http3xx: 0, http4xx: 0, http5xx, responseTimeMs: 20, healthyTargets: 2, unhealthyTargets: 1, connections: targets[0], activeConnections: targets[1] }],
  loadBalancers: [{ loadBalancerArn: lb.LoadBalancerArn, connections: clients[0], activeConnections: clients[1] }],
});
const lbDim = { Name: 'LoadBalancer', Value: lb.LoadBalancerArn!.split(':loadbalancer/')[1]! };
/** Whether the leader's figures so far sum to `want` (any figure at all, without one). */
const derived = async (metric: string, dims: { Name: string; Value: string }[], want?: number) => {
  const out = (await admin.callApi(CLOUDWATCH_API, 'GetMetricStatistics', {
    Namespace: 'AWS/ApplicationELB', MetricName: metric, Dimensions: dims, StartTime: Math.floor(Date.now() / 1000) - 600, EndTime: Math.ceil(Date.now() / 1000) + 1, Period: 3600, Statistics: ['Sum'],
  })) as Cloudwatch.GetMetricStatisticsOutput;
  const sum = out.Datapoints?.[0]?.Sum;
  return sum !== undefined && (want === undefined || sum === want) ? true : undefined;
};

const exporterDir = join(dir, 'exporter');
const exporter = await startExporter({ servers: [server.addr], joinToken: await token('exporter'), dataDir: exporterDir, listen: { host: '127.0.0.1', port: 0 }, refreshMs: 200, maxSeries: 10_000, loadBalancers: true, log: silentLogger });
t.teardown(() => exporter.close());
const scrape = async (addr = exporter.addr) => (await fetch(`http://${addr}/metrics`)).text();
const sample = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

t.test('ELB\'s figures per load balancer and target group, each period counted once', async (t) => {
  await report(0, 0, [0, 2], [0, 1]);
  await until('the first pass derived', () => derived('HealthyHostCount', [{ Name: 'TargetGroup', Value: tg.TargetGroupArn!.split(':').pop()! }, lbDim]));
  t.equal(sample(await scrape(), 'berth_lb_requests_total{load_balancer="front"}'), undefined, 'no figure yet: absent, not 0');
  await report(100, 10, [40, 3], [100, 1]);
  await until('the second pass derived', () => derived('RequestCount', [lbDim], 100));
  const text = await until('the exporter\'s counters', async () => {
    const s = await scrape();
    return sample(s, 'berth_lb_requests_total{load_balancer="front"}') === 100 ? s : undefined;
  });
  const pair = 'target_group="web",load_balancer="front"';
  const rows: [string, number][] = [
    ['berth_lb_target_responses_total{load_balancer="front",code="5xx"}', 10],
    ['berth_lb_target_responses_total{load_balancer="front",code="2xx"}', 90],
    ['berth_lb_new_connections_total{load_balancer="front"}', 40 + 100],
    // Open at the period's start (2 clients', 1 target's) and opened in it.
    ['berth_lb_active_connections{load_balancer="front"}', 2 + 40 + 1 + 100],
    ['berth_lb_target_response_time_seconds{load_balancer="front"}', 0.02],
    [`berth_target_group_requests_total{${pair}}`, 100],
    [`berth_target_group_target_responses_total{${pair},code="5xx"}`, 10],
    [`berth_target_group_healthy_targets{${pair}}`, 2],
    [`berth_target_group_unhealthy_targets{${pair}}`, 1],
  ];
  for (const [series, want] of rows) t.equal(sample(text, series), want, series);
  const file = join(dir, 'exporter.prom');
  writeFileSync(file, text);
  t.equal(execFileSync('sh', ['-c', `/usr/bin/promtool check metrics < ${file} 2>&1 || true`], { encoding: 'utf8' }), '', 'promtool check metrics');

  // The next period adds its own 30 requests, once, however many refreshes read it.
  await report(130, 10, [50, 0], [130, 0]);
  await until('the third pass derived', () => derived('RequestCount', [lbDim], 130));
  const later = await until('the counter moved on', async () => {
    const s = await scrape();
    return sample(s, 'berth_lb_requests_total{load_balancer="front"}') !== 100 ? s : undefined;
  });
  t.equal(sample(later, 'berth_lb_requests_total{load_balancer="front"}'), 130);
  await sleep(1000);
  t.equal(sample(await scrape(), 'berth_lb_requests_total{load_balancer="front"}'), 130, 'refreshes since add nothing');
});

t.test('without --load-balancers an exporter serves no load balancer\'s figures', async (t) => {
  const plain = await startExporter({ servers: [server.addr], dataDir: exporterDir, listen: { host: '127.0.0.1', port: 0 }, refreshMs: 60_000, maxSeries: 10_000, log: silentLogger });
  t.teardown(() => plain.close());
  await plain.refresh();
  const text = await scrape(plain.addr);
  t.ok(sample(text, 'berth_exporter_refreshes_total{result="ok"}')! >= 1, 'it read its cluster');
  t.notOk(text.split('\n').some((l) => /^berth_(lb|target_group)_/.test(l)), 'no load balancer series');
});
