// Metric-math Expressions read as PromQL against a real Prometheus (Debian's, started here on a loopback
// port with nothing to scrape: constant expressions answer at any time): the query client's numbers and
// gaps (no series, several series, a refused query, NaN, nothing listening, a timeout); an alarm on an
// Expression, put through Debian's AWS CLI and read back through the SDK, goes to ALARM and says so in its
// event, and one whose query answers no series stays INSUFFICIENT_DATA saying why; a target-tracking
// policy on an Expression scales a service through its alarms. The leader's period is run by hand
// (leader.tickMetrics), so nothing waits.
import t from 'tap';
import { spawn } from 'node:child_process';
import { createServer, type Socket } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchClient, DeleteAlarmsCommand, DescribeAlarmsCommand, type DescribeAlarmsCommandInput } from '@aws-sdk/client-cloudwatch';
import { prometheusClient } from '../src/metrics/prometheus-query.js';
import { startTestServer, until } from './helpers.js';
import type { TargetTrackingMetricDataQuery } from '@aws-sdk/client-application-auto-scaling';
import { awsCli, putScalingPolicySdk, userWithKey } from './aws-clients.js';

t.setTimeout(300_000);

/** A port nothing listens on: one the kernel gave and took back. */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

const dir = mkdtempSync(join(tmpdir(), 'berth-promql-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 1s\n');
const promPort = await freePort();
const prometheus = spawn('setsid', ['/usr/bin/prometheus', `--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`,
  `--web.listen-address=127.0.0.1:${promPort}`], { stdio: ['ignore', 'ignore', 'ignore'] });
t.teardown(() => void prometheus.kill('SIGKILL'));
const url = `http://127.0.0.1:${promPort}`;
await until('Prometheus ready', async () => (await fetch(`${url}/-/ready`).catch(() => undefined))?.ok, 60_000, 200);

const ts = await startTestServer({ server: { ecsJson: { listen: '127.0.0.1:0' }, prometheusUrl: url } });
t.teardown(() => ts.close());
const { client, server } = ts;
const creds = await userWithKey(client, 'promql');
const endpoint = `http://${server.ecsAddr}`;
const cw = (...args: string[]) => awsCli(creds, endpoint, 'cloudwatch', ...args);
const aas = (...args: string[]) => awsCli(creds, endpoint, 'application-autoscaling', ...args);
const expressionAlarm = (name: string, expression: string, ...more: string[]) => cw('put-metric-alarm', '--alarm-name', name,
  '--metrics', JSON.stringify([{ Id: 'e1', Expression: expression, ReturnData: true, Period: 60 }]), '--evaluation-periods', '2',
  '--threshold', '5', '--comparison-operator', 'GreaterThanThreshold', ...more);
// Reads through the SDK (JSON 1.0), in-process: the CLI's start-up is most of a call's time.
const sdk = new CloudWatchClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: creds.id, secretAccessKey: creds.secret }, maxAttempts: 1 });
t.teardown(() => sdk.destroy());
const alarms = async (req: DescribeAlarmsCommandInput) => (await sdk.send(new DescribeAlarmsCommand(req))).MetricAlarms ?? [];
const alarm = async (name: string) => (await alarms({ AlarmNames: [name] }))[0];

t.test('the query client: a number or a gap, never a made-up zero', async (t) => {
  const prom = prometheusClient(url);
  const now = Date.now() / 1000;
  t.same(await prom.query('vector(3)', now), { value: 3 }, 'a vector of one series');
  t.same(await prom.query('2.5', now), { value: 2.5 }, 'a scalar');
  t.match(await prom.query('vector(1) > 2', now), { gap: 'the query answered no series' });
  t.match(await prom.query('label_replace(vector(1), "q", "a", "", "") or label_replace(vector(2), "q", "b", "", "")', now),
    { gap: /^the query answered 2 series \(\{q="a"\}, \{q="b"\}\); it must answer one: aggregate them/ });
  t.match(await prom.query('sum(', now), { gap: /^Prometheus refused the query: bad_data: / });
  t.match(await prom.query('vector(0) / 0', now), { gap: 'the query answered NaN' });
  t.match(await prometheusClient(`http://127.0.0.1:${await freePort()}`).query('vector(1)', now), { gap: /could not be queried: .*ECONNREFUSED/ });

  // A server that takes the connection and never answers: the query gives up after its timeout.
  const sockets: Socket[] = [];
  const silent = createServer((s) => sockets.push(s));
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  t.teardown(() => {
    sockets.forEach((s) => s.destroy());
    silent.close();
  });
  const slow = prometheusClient(`http://127.0.0.1:${(silent.address() as { port: number }).port}`, { timeoutMs: 300 });
  t.match(await slow.query('vector(1)', now), { gap: /could not be queried: no answer within 300 ms/ });
});

t.test('an alarm on an Expression is evaluated as PromQL each period', async (t) => {
  const put = await expressionAlarm('backlog', 'vector(7)');
  t.equal(put.code, 0, put.stderr);
  t.same((await alarm('backlog'))?.Metrics, [{ Id: 'e1', Expression: 'vector(7)', ReturnData: true, Period: 60 }], 'kept as given');
  t.equal((await expressionAlarm('empty', 'vector(1) > 2')).code, 0);

  await server.leader.tickMetrics();
  const fired = await alarm('backlog');
  t.equal(fired?.StateValue, 'ALARM');
  t.match(fired?.StateReason, /^Threshold Crossed: 2 datapoints were greater than the threshold \(5\.0\)\. The most recent datapoints which crossed the threshold: \[7\.0 \(/);
  t.match(JSON.parse(fired?.StateReasonData ?? '{}'), { expression: 'vector(7)', period: 60, recentDatapoints: [7, 7] });
  const empty = await alarm('empty');
  t.equal(empty?.StateValue, 'INSUFFICIENT_DATA', 'no series is a gap, not a zero');
  t.match(empty?.StateReason, /^Insufficient Data: 2 datapoints were unknown\. The PromQL query gave no datapoint: the query answered no series$/);

  const events: { detail: { alarmName: string; configuration: { metrics: unknown[] } } }[] = [];
  for await (const m of client.watchEvents({ cluster: 'default', detailTypes: ['CloudWatch Alarm State Change'] })) events.push(JSON.parse(m.event!));
  const change = events.find((e) => e.detail.alarmName === 'backlog');
  t.same(change?.detail.configuration.metrics, [{ id: 'e1', expression: 'vector(7)', returnData: true }], 'the event carries the expression, as CloudWatch writes metric math');
  await sdk.send(new DeleteAlarmsCommand({ AlarmNames: ['backlog', 'empty'] }));
});

t.test('the metric-math list is checked as CloudWatch checks it', async (t) => {
  const rows: [string, Promise<{ stderr: string }>, RegExp][] = [
    ['nothing returns data', cw('put-metric-alarm', '--alarm-name', 'x', '--metrics', JSON.stringify([{ Id: 'e1', Expression: 'vector(1)', ReturnData: false }]),
      '--evaluation-periods', '1', '--threshold', '1', '--comparison-operator', 'GreaterThanThreshold'),
    /\(InvalidParameterValue\).*Exactly one element of the metrics list should return data\./],
    ['Metrics with a MetricName', expressionAlarm('x', 'vector(1)', '--metric-name', 'CPUUtilization'), /\(InvalidParameterCombination\).*MetricName cannot be specified together with Metrics/],
    ['a MetricStat', cw('put-metric-alarm', '--alarm-name', 'x', '--metrics', JSON.stringify([{ Id: 'm1', MetricStat: { Metric: { Namespace: 'AWS/ECS', MetricName: 'CPUUtilization' }, Period: 60, Stat: 'Average' } }]),
      '--evaluation-periods', '1', '--threshold', '1', '--comparison-operator', 'GreaterThanThreshold'),
    /\(InvalidParameterValue\).*uses Metrics\.member\.1\.MetricStat, which Berth does not support: Berth evaluates one Expression, as PromQL/],
  ];
  for (const [name, run, want] of rows) t.match((await run).stderr, want, name);
});

t.test('a target-tracking policy on an Expression watches it through its alarms', async (t) => {
  const cluster = `promql-${process.pid}`;
  const resource = `service/${cluster}/workers`;
  await client.call('CreateCluster', { clusterName: cluster });
  await client.call('RegisterTaskDefinition', { family: cluster, containerDefinitions: [{ name: 'c', image: 'busybox', memory: 16 }] });
  await client.call('CreateService', { cluster, serviceName: 'workers', taskDefinition: cluster, desiredCount: 1 });
  t.equal((await aas('register-scalable-target', '--service-namespace', 'ecs', '--resource-id', resource, '--scalable-dimension', 'ecs:service:DesiredCount',
    '--min-capacity', '1', '--max-capacity', '5')).code, 0);
  const policy = (metrics: TargetTrackingMetricDataQuery[]) => putScalingPolicySdk(creds, endpoint, {
    ServiceNamespace: 'ecs', ResourceId: resource, ScalableDimension: 'ecs:service:DesiredCount', PolicyName: 'backlog', PolicyType: 'TargetTrackingScaling',
    TargetTrackingScalingPolicyConfiguration: { TargetValue: 10, CustomizedMetricSpecification: { Metrics: metrics } },
  });
  t.match((await policy([{ Id: 'e1', Expression: 'vector(1)', ReturnData: false }])).error,
    { name: 'ValidationException', message: 'Exactly one element of the metrics list should return data.' });
  const put = await policy([{ Id: 'perTask', Expression: 'vector(25)', Label: 'jobs per task' }]);
  t.equal(put.error, undefined);
  const made = await alarms({ AlarmNamePrefix: `TargetTracking-${resource}-` });
  t.same(made.map((a) => [a.AlarmName!.includes('AlarmHigh') ? 'high' : 'low', a.Metrics, a.Period, a.Threshold]).sort(), [
    ['high', [{ Id: 'perTask', Expression: 'vector(25)', Label: 'jobs per task', ReturnData: true, Period: 60 }], undefined, 10],
    ['low', [{ Id: 'perTask', Expression: 'vector(25)', Label: 'jobs per task', ReturnData: true, Period: 60 }], undefined, 9],
  ]);
  // 25 jobs per task against a target of 10 in each of the high alarm's 3 periods (a constant answers at
  // any time): ALARM, and desired = ceil(1 × 25 ÷ 10).
  await server.leader.tickMetrics();
  const high = await alarm(made.find((a) => a.AlarmName!.includes('AlarmHigh'))!.AlarmName!);
  t.equal(high?.StateValue, 'ALARM');
  t.equal((await client.call('DescribeServices', { cluster, services: ['workers'] })).services![0]!.desiredCount, 3);
  const activity = (await aas('describe-scaling-activities', '--service-namespace', 'ecs', '--resource-id', resource)).json?.ScalingActivities?.[0];
  t.match(activity, { Description: 'Setting desired count to 3.', StatusCode: 'Successful' });
});
