// berth-exporter end to end: the real bin joins a real control plane with a token of kind exporter, reads
// the cluster through the API with its certificate, and serves it: the running tasks, a service's desired
// and running counts, the instance's agent and the cluster's reservation, all passing promtool. A scrape
// starts no collection (the control plane sees no call for it); beyond loopback the bin wants a token.
import t from 'tap';
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLOUDWATCH_API, FLEET_API, type Cloudwatch } from '@berth/core';
import { IMAGE, REPO_ROOT, startTestCluster, until } from './e2e-helpers.js';

// Statistics every second; one "AWS minute" (the metric period) is 2 s, so utilization comes within seconds.
const { server, client, cluster, work } = await startTestCluster('exporter-e2e', t.teardown, {
  server: { metricsListener: { listen: '127.0.0.1:0' }, awsMinuteMs: 2000, agents: { heartbeatPeriodMs: 500, sessionTtlSeconds: 2, statisticsWriteIntervalMs: 1000 } },
  agents: [{ ECS_POLLING_METRICS_WAIT_DURATION: '1s' }],
});
// Container Insights on: per-instance utilization.
await client.call('UpdateClusterSettings', { cluster, settings: [{ name: 'containerInsights', value: 'enabled' }] });
const { token } = (await client.callApi(FLEET_API, 'CreateJoinToken', { kind: 'exporter', cluster, uses: 1, ttlSeconds: 600 })) as { token: string };
const BIN = `${REPO_ROOT}packages/exporter/bin/berth-exporter.js`;
const env = { PATH: process.env.PATH ?? '', BERTH_JOIN_TOKEN: token };
const exporter = spawn(process.execPath, [BIN, '--server', server.addr, '--data-dir', join(work.dir, 'exporter'), '--listen', '127.0.0.1:0', '--refresh', '300ms'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
t.teardown(() => void exporter.kill('SIGKILL'));
const logs: string[] = [];
exporter.stderr!.on('data', (d: Buffer) => logs.push(...d.toString().split('\n').filter(Boolean)));
exporter.stdout!.on('data', (d: Buffer) => logs.push(...d.toString().split('\n').filter(Boolean)));
const addr = await until('the exporter listening', async () => logs.map((l) => { try { return JSON.parse(l); } catch { return {}; } }).find((m) => m.msg === 'listening')?.addr as string | undefined, 60_000);

const family = `exporter-e2e-${process.pid}`;
await client.call('RegisterTaskDefinition', { family, containerDefinitions: [{ name: 'c', image: IMAGE, cpu: 128, memory: 32, essential: true, command: ['sleep', '300'] }] });
await client.call('CreateService', { cluster, serviceName: 'web', taskDefinition: family, desiredCount: 2 });
const scrape = async () => (await fetch(`http://${addr}/metrics`)).text();
const sample = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

t.test('the exporter serves the cluster\'s tasks, service and instance', async (t) => {
  const text = await until('two running tasks in the exporter', async () => {
    const s = await scrape();
    return sample(s, `berth_cluster_tasks{cluster="${cluster}",last_status="RUNNING"}`) === 2 && sample(s, `berth_service_running_tasks{cluster="${cluster}",service="web"}`) === 2 ? s : undefined;
  }, 60_000);
  t.equal(sample(text, `berth_service_desired_tasks{cluster="${cluster}",service="web"}`), 2);
  t.equal(sample(text, `berth_cluster_services{cluster="${cluster}"}`), 1);
  t.equal(sample(text, `berth_cluster_container_instances{cluster="${cluster}",status="ACTIVE",agent_connected="true"}`), 1);
  t.equal(sample(text, `berth_cluster_reserved_cpu_units{cluster="${cluster}"}`), 256, 'two tasks of 128 CPU units reserved');
  const registered = sample(text, `berth_cluster_registered_cpu_units{cluster="${cluster}"}`)!;
  t.equal(sample(text, `berth_cluster_cpu_reservation_percent{cluster="${cluster}"}`), (100 * 256) / registered);
  t.match(text, new RegExp(`berth_instance_agent_connected\\{cluster="${cluster}",instance="[0-9a-f]+"\\} 1`));
  t.ok(sample(text, 'berth_exporter_refreshes_total{result="ok"}')! >= 1);
  const file = join(work.dir, 'exporter.prom');
  writeFileSync(file, text);
  t.equal(execFileSync('sh', ['-c', `/usr/bin/promtool check metrics < ${file} 2>&1 || true`], { encoding: 'utf8' }), '', 'promtool check metrics');
});

t.test('utilization of the cluster, the service and the instance, from the control plane\'s CloudWatch figures', async (t) => {
  const series = {
    cluster: `berth_cluster_memory_utilization_percent{cluster="${cluster}"}`,
    serviceCpu: `berth_service_cpu_utilization_percent{cluster="${cluster}",service="web"}`,
    serviceMemory: `berth_service_memory_utilization_percent{cluster="${cluster}",service="web"}`,
  };
  const text = await until('utilization in the exporter', async () => {
    const s = await scrape();
    return Object.values(series).every((name) => sample(s, name) !== undefined) && /berth_instance_cpu_utilization_percent\{/.test(s) ? s : undefined;
  }, 60_000);
  // Two sleeping tasks: a little of the 2 × 32 MiB they reserve, next to nothing of their CPU.
  const memory = sample(text, series.serviceMemory)!;
  t.ok(memory > 0 && memory < 100, `the service's memory utilization (${memory}%)`);
  t.ok(sample(text, series.serviceCpu)! < 50, 'sleeping tasks use little of their CPU');
  t.ok(sample(text, series.cluster)! > 0);
  const instance = /berth_instance_memory_utilization_percent\{cluster="[^"]+",instance="([0-9a-f]+)"\} (\S+)/.exec(text);
  t.ok(instance && Number(instance[2]) > 0, 'the instance\'s memory utilization (Container Insights)');
  // What the exporter serves is what CloudWatch answers an admin (the newest datapoint).
  const now = Date.now() / 1000;
  const cw = (await client.callApi(CLOUDWATCH_API, 'GetMetricData', {
    StartTime: now - 180, EndTime: now + 1, MetricDataQueries: [{ Id: 'm', MetricStat: { Metric: { Namespace: 'AWS/ECS', MetricName: 'MemoryUtilization', Dimensions: [{ Name: 'ClusterName', Value: cluster }, { Name: 'ServiceName', Value: 'web' }] }, Period: 1, Stat: 'Average' } }],
  })) as Cloudwatch.GetMetricDataOutput;
  t.ok(cw.MetricDataResults?.[0]?.Values?.includes(memory), 'one of CloudWatch\'s datapoints');
});

t.test('a scrape starts no collection: the control plane sees no call for it', async (t) => {
  // With the refresh far away, scrapes in a row cost the control plane nothing.
  const calls = async () => {
    const s = await (await fetch(`http://${server.metricsAddr}/metrics`)).text();
    return s.split('\n').filter((l) => l.startsWith('berth_server_calls_total{api="ecs",action="DescribeTasks"')).reduce((n, l) => n + Number(l.split(' ').pop()), 0);
  };
  const slow = spawn(process.execPath, [BIN, '--server', server.addr, '--data-dir', join(work.dir, 'exporter'), '--listen', '127.0.0.1:0', '--refresh', '1h'], { env: { PATH: env.PATH }, stdio: ['ignore', 'ignore', 'pipe'] });
  t.teardown(() => void slow.kill('SIGKILL'));
  let out = '';
  slow.stderr!.on('data', (d: Buffer) => (out += d));
  const slowAddr = await until('the second exporter (same certificate) listening', async () => /"msg":"listening".*?"addr":"([^"]+)"/.exec(out)?.[1], 60_000);
  await until('its first refresh', async () => sample(await (await fetch(`http://${slowAddr}/metrics`)).text(), 'berth_exporter_refreshes_total{result="ok"}') === 1);
  exporter.kill('SIGSTOP'); // the first exporter's refreshes would count too
  t.teardown(() => void exporter.kill('SIGCONT'));
  const before = await calls();
  for (let i = 0; i < 5; i++) await fetch(`http://${slowAddr}/metrics`);
  t.equal(await calls(), before, 'five scrapes, no DescribeTasks');
});

t.test('beyond loopback the exporter wants a scrape token', async (t) => {
  const r = spawnSync(process.execPath, [BIN, '--server', server.addr, '--data-dir', join(work.dir, 'exporter'), '--listen', '0.0.0.0:0'], { encoding: 'utf8', env: { PATH: env.PATH }, timeout: 30_000 });
  t.equal(r.status, 1);
  t.match(r.stdout + r.stderr, /beyond loopback: give it a scrape token/);
});
