// CloudWatch's metric API on real figures (issue 19 §2, §3): a real agent runs a service whose container
// spins; `aws cloudwatch get-metric-statistics` (Debian's CLI, query protocol) returns the service's
// CPUUtilization within reason of what Docker says the container burns over the same time, and
// @aws-sdk/client-cloudwatch (JSON 1.0) the same through GetMetricData; ListMetrics lists AWS/ECS's series,
// and ECS/ContainerInsights' per-task series only once the cluster turns Container Insights on.
import t from 'tap';
import Docker from 'dockerode';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { IMAGE, awsCliAsAdmin, containersWithLabel, startTestCluster, until } from './e2e-helpers.js';

const { server, client, cluster, work } = await startTestCluster('cw-metrics', t.teardown, {
  // Statistics every second, written every second; one "AWS minute" (the metric period) is 2 s.
  server: { ecsJson: { listen: '127.0.0.1:0' }, awsMinuteMs: 2000, agents: { heartbeatPeriodMs: 500, sessionTtlSeconds: 2, statisticsWriteIntervalMs: 1000 } },
  agents: [{ ECS_POLLING_METRICS_WAIT_DURATION: '1s' }],
});
const endpoint = `http://${server.ecsAddr}`;
const { aws, key } = await awsCliAsAdmin(client, endpoint, 'cw', work.dir);
const cw = (...args: string[]) => aws('cloudwatch', ...args);
const iso = (s: number) => new Date(s * 1000).toISOString();

const family = `cw-spin-${process.pid}`;
await client.call('RegisterTaskDefinition', {
  family, containerDefinitions: [{ name: 'spin', image: IMAGE, cpu: 64, memory: 32, essential: true, command: ['sh', '-c', 'while :; do :; done'] }],
});
await client.call('CreateService', { cluster, serviceName: 'spin', taskDefinition: family, desiredCount: 1 });
const containerId = await until('the spinning container', async () => containersWithLabel(`com.amazonaws.ecs.cluster=${cluster}`, false)[0], 60_000);
const docker = new Docker();
/** The container's CPU time in seconds, as Docker counts it. */
const cpuSeconds = async () => ((await docker.getContainer(containerId).stats({ stream: false })) as { cpu_stats: { cpu_usage: { total_usage: number } } }).cpu_stats.cpu_usage.total_usage / 1e9;

t.test('get-metric-statistics: the service\'s CPU utilization is what the container burns', async (t) => {
  // Figures need two passes; wait for the first datapoint, then measure a window of our own.
  await until('a first CPUUtilization datapoint', async () => {
    const r = await cw('get-metric-statistics', '--namespace', 'AWS/ECS', '--metric-name', 'CPUUtilization', '--dimensions', `Name=ClusterName,Value=${cluster}`, 'Name=ServiceName,Value=spin',
      '--start-time', iso(Date.now() / 1000 - 120), '--end-time', iso(Date.now() / 1000 + 60), '--period', '60', '--statistics', 'Average');
    return (r.json?.Datapoints?.length ?? 0) > 0 || undefined;
  }, 60_000, 1000);
  const t0 = Date.now() / 1000;
  const used0 = await cpuSeconds();
  await new Promise((r) => setTimeout(r, 12_000));
  const t1 = Date.now() / 1000;
  const used1 = await cpuSeconds();
  // What Docker says it burnt, as ECS counts it: CPU units used ÷ the 64 reserved.
  const expected = (((used1 - used0) / (t1 - t0)) * 1024 / 64) * 100;
  const r = await cw('get-metric-statistics', '--namespace', 'AWS/ECS', '--metric-name', 'CPUUtilization', '--dimensions', `Name=ClusterName,Value=${cluster}`, 'Name=ServiceName,Value=spin',
    '--start-time', iso(t0 + 2), '--end-time', iso(t1), '--period', '3600', '--statistics', 'Average', 'SampleCount', 'Maximum');
  t.equal(r.code, 0, r.stderr);
  t.equal(r.json?.Label, 'CPUUtilization');
  const points: { Average: number; SampleCount: number; Unit: string }[] = r.json?.Datapoints ?? [];
  t.ok(points.length >= 1, 'datapoints in the window');
  const n = points.reduce((a, p) => a + p.SampleCount, 0);
  const average = points.reduce((a, p) => a + p.Average * p.SampleCount, 0) / n;
  t.ok(n >= 3, `a datapoint every 2 s (${n} in ${Math.round(t1 - t0)} s)`);
  t.equal(points[0]?.Unit, 'Percent');
  // Two shared cores: it gets what the machine leaves it, but it spins.
  t.ok(expected > 50, `the container spins (${expected.toFixed(0)}% of its reservation)`);
  t.ok(Math.abs(average - expected) <= expected * 0.35, `CloudWatch says ${average.toFixed(0)}%, Docker ${expected.toFixed(0)}%`);

  // The same through the SDK's JSON 1.0 and GetMetricData, newest first.
  const sdk = new CloudWatchClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: key.id, secretAccessKey: key.secret }, maxAttempts: 1 });
  t.teardown(() => sdk.destroy());
  const data = await sdk.send(new GetMetricDataCommand({
    StartTime: new Date((t0 + 2) * 1000), EndTime: new Date(t1 * 1000),
    MetricDataQueries: [
      { Id: 'cpu', MetricStat: { Metric: { Namespace: 'AWS/ECS', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'ClusterName', Value: cluster }, { Name: 'ServiceName', Value: 'spin' }] }, Period: 2, Stat: 'Average' } },
      { Id: 'reserved', MetricStat: { Metric: { Namespace: 'AWS/ECS', MetricName: 'CPUReservation', Dimensions: [{ Name: 'ClusterName', Value: cluster }] }, Period: 60, Stat: 'Maximum' } },
    ],
  }));
  const [cpu, reserved] = data.MetricDataResults ?? [];
  t.equal(cpu?.StatusCode, 'Complete');
  t.ok((cpu?.Values?.length ?? 0) >= 3, 'one value per 2 s period');
  const times = (cpu?.Timestamps ?? []).map((d) => d.getTime());
  t.same(times, [...times].sort((a, b) => b - a), 'TimestampDescending by default');
  t.ok((reserved?.Values?.[0] ?? 0) > 0, `the cluster's CPU reservation (${reserved?.Values?.[0]}%)`);

  const refused = await sdk.send(new GetMetricDataCommand({ StartTime: new Date(t0 * 1000), EndTime: new Date(t1 * 1000), MetricDataQueries: [{ Id: 'm', Expression: 'SUM(METRICS())' }] })).catch((e: unknown) => e);
  t.equal((refused as Error).name, 'InvalidParameterValueException');
  t.match((refused as Error).message, /MetricDataQueries\.member\.1\.Expression, which Berth does not support/);
});

t.test('Container Insights: per-task series only once the cluster turns it on', async (t) => {
  const before = await cw('list-metrics', '--namespace', 'ECS/ContainerInsights');
  t.same(before.json?.Metrics, [], 'nothing while it is off');
  const ecs = await cw('list-metrics', '--namespace', 'AWS/ECS', '--dimensions', 'Name=ServiceName,Value=spin');
  t.same(ecs.json?.Metrics?.map((m: { MetricName: string }) => m.MetricName).sort(), ['CPUUtilization', 'MemoryUtilization']);

  await client.call('UpdateClusterSettings', { cluster, settings: [{ name: 'containerInsights', value: 'enabled' }] });
  const taskId = await until('a per-task series', async () => {
    const r = await cw('list-metrics', '--namespace', 'ECS/ContainerInsights', '--metric-name', 'CpuUtilized', '--dimensions', 'Name=TaskId');
    return r.json?.Metrics?.[0]?.Dimensions?.find((d: { Name: string }) => d.Name === 'TaskId')?.Value as string | undefined;
  }, 30_000, 1000);
  const r = await cw('get-metric-statistics', '--namespace', 'ECS/ContainerInsights', '--metric-name', 'MemoryUtilized',
    '--dimensions', `Name=ClusterName,Value=${cluster}`, `Name=TaskDefinitionFamily,Value=${family}`, `Name=TaskId,Value=${taskId}`,
    '--start-time', iso(Date.now() / 1000 - 300), '--end-time', iso(Date.now() / 1000 + 60), '--period', '60', '--statistics', 'Maximum');
  t.equal(r.code, 0, r.stderr);
  t.equal(r.json?.Datapoints?.[0]?.Unit, 'Megabytes');
  t.ok(r.json?.Datapoints?.[0]?.Maximum < 32, 'a spinning shell holds a few MiB');
});
