// The queue-driven worker example (issue 23 §5, examples/taskdefs/redis-worker.json, docs/invoking-tasks.md)
// on a real agent: Debian's redis-server, started here with setsid on loopback, holds a list of jobs; a
// service of two workers (host network mode, so 127.0.0.1 is the host's) drains it, each job done once;
// jobs pushed later are drained too. Then the service scales on its backlog: Debian's
// prometheus-redis-exporter and berth-exporter, scraped by a real Prometheus, give the jobs per running
// task as a PromQL Expression in a target-tracking policy's customized metric, which scales the service
// out while a backlog lasts (a 2 s AWS minute); and at zero, an alarm on the backlog changes state and a
// rule on its "CloudWatch Alarm State Change" runs a one-off worker that drains the queue and exits.
import t from 'tap';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APPLICATIONAUTOSCALING_API, CLOUDWATCH_API, EVENTS_API, FLEET_API, IAM_API, type ContainerDefinition, type Task } from '@berth/core';
import { REPO_ROOT, freePort, startTestCluster, until } from './e2e-helpers.js';

t.setTimeout(300_000);

// Prometheus listens where the server's --prometheus-url says; it starts once its targets are known.
const promPort = await freePort();
const { work, client, cluster, server } = await startTestCluster('redis-worker', t.teardown.bind(t), {
  server: { awsMinuteMs: 2000, prometheusUrl: `http://127.0.0.1:${promPort}` },
});
const port = await freePort();
/** A process of the test's own, in its own session, killed at the end; `log()` is its stderr so far. */
const daemon = (argv: string[], env?: Record<string, string>) => {
  const child = spawn('setsid', argv, { stdio: ['ignore', 'ignore', 'pipe'], ...(env ? { env } : {}) });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log += d));
  t.teardown(() => void child.kill('SIGKILL'));
  return { log: () => log };
};
daemon(['/usr/bin/redis-server', '--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', work.dir]);
const redis = (...args: string[]) => execFileSync('/usr/bin/redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
await until('redis-server answering', async () => {
  try {
    return redis('PING') === 'PONG';
  } catch {
    return undefined;
  }
});

// The example as committed, pointed at this test's redis-server.
const def = JSON.parse(readFileSync(join(REPO_ROOT, 'examples/taskdefs/redis-worker.json'), 'utf8')) as { family: string; containerDefinitions: ContainerDefinition[] };
const worker = def.containerDefinitions[0]!;
worker.environment = worker.environment!.map((e) => (e.name === 'REDIS_PORT' ? { ...e, value: String(port) } : e));
const family = `redis-worker-${process.pid}`;
await client.call('RegisterTaskDefinition', { ...def, family } as never);
// The same worker taking a second a job (JOB_SECONDS), so one alone would take a minute over 60 of them.
const slow = `redis-worker-slow-${process.pid}`;
await client.call('RegisterTaskDefinition', { ...def, family: slow, containerDefinitions: [{ ...worker, environment: [...worker.environment!, { name: 'JOB_SECONDS', value: '1' }] }] } as never);

const jobs = (from: number, n: number) => Array.from({ length: n }, (_, i) => `job-${from + i}`);
const done = () => redis('LRANGE', 'jobs:done', '0', '-1').split('\n').filter(Boolean);
const running = async (serviceName: string) => ((await client.call('ListTasks', { cluster, serviceName, desiredStatus: 'RUNNING' })).taskArns ?? []).length;

// The backlog in Prometheus: Debian's redis exporter (the queue's length) and berth-exporter (the
// service's running tasks), scraped every second.
const redisExporterPort = await freePort();
daemon(['/usr/bin/prometheus-redis-exporter', '-redis.addr', `redis://127.0.0.1:${port}`, '-web.listen-address', `127.0.0.1:${redisExporterPort}`, '-check-keys', 'jobs']);
const { token } = (await client.callApi(FLEET_API, 'CreateJoinToken', { kind: 'exporter', cluster, uses: 1, ttlSeconds: 600 })) as { token: string };
const exporter = daemon([process.execPath, `${REPO_ROOT}packages/exporter/bin/berth-exporter.js`, '--server', server.addr, '--data-dir', join(work.dir, 'exporter'), '--listen', '127.0.0.1:0', '--refresh', '1s'],
  { PATH: process.env.PATH ?? '', BERTH_JOIN_TOKEN: token });
const exporterAddr = await until('the exporter listening', async () => /"msg":"listening".*?"addr":"([^"]+)"/.exec(exporter.log())?.[1], 60_000);
writeFileSync(join(work.dir, 'prometheus.yml'), `global:
  scrape_interval: 1s
scrape_configs:
  - job_name: redis
    static_configs: [{ targets: ['127.0.0.1:${redisExporterPort}'] }]
  - job_name: berth-exporter
    honor_labels: true
    static_configs: [{ targets: ['${exporterAddr}'] }]
`);
daemon(['/usr/bin/prometheus', `--config.file=${join(work.dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(work.dir, 'prometheus')}`, `--web.listen-address=127.0.0.1:${promPort}`]);
const promql = async (query: string) => {
  const r = (await (await fetch(`http://127.0.0.1:${promPort}/api/v1/query?query=${encodeURIComponent(query)}`).catch(() => undefined))?.json().catch(() => undefined)) as { data?: { result: { value: [number, string] }[] } } | undefined;
  return r?.data?.result[0]?.value[1];
};
const runningSeries = (service: string) => `sum(berth_service_running_tasks{cluster="${cluster}",service="${service}"})`;
const BACKLOG = 'sum(redis_key_size{key="jobs"})';

t.test('a service of two workers drains the queue, each job done once', async (t) => {
  redis('RPUSH', 'jobs', ...jobs(0, 40));
  await client.call('CreateService', { cluster, serviceName: 'workers', taskDefinition: family, desiredCount: 2 });
  await until('the queue drained', async () => redis('LLEN', 'jobs') === '0' && done().length === 40 || undefined, 120_000, 500);
  t.same(done().sort(), jobs(0, 40).sort(), 'every job, none twice');

  redis('RPUSH', 'jobs', ...jobs(40, 10));
  await until('the jobs pushed later drained', async () => done().length === 50 || undefined, 60_000, 500);
  t.same(done().sort(), jobs(0, 50).sort());
  t.equal(await running('workers'), 2, 'both workers still running, waiting for work');
  await client.call('DeleteService', { cluster, service: 'workers', force: true });
});

t.test('scaled on the backlog per task, a PromQL Expression in a target-tracking policy', async (t) => {
  await client.call('CreateService', { cluster, serviceName: 'scaled', taskDefinition: slow, desiredCount: 1 });
  await until('Prometheus has the queue and the running task', async () => await promql(BACKLOG) === '0' && await promql(runningSeries('scaled')) === '1', 90_000, 500);
  const resource = `service/${cluster}/scaled`;
  await client.callApi(APPLICATIONAUTOSCALING_API, 'RegisterScalableTarget', { ServiceNamespace: 'ecs', ResourceId: resource, ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: 1, MaxCapacity: 4 });
  await client.callApi(APPLICATIONAUTOSCALING_API, 'PutScalingPolicy', {
    ServiceNamespace: 'ecs', ResourceId: resource, ScalableDimension: 'ecs:service:DesiredCount', PolicyName: 'backlog-per-task', PolicyType: 'TargetTrackingScaling',
    TargetTrackingScalingPolicyConfiguration: {
      TargetValue: 5, CustomizedMetricSpecification: { Metrics: [{ Id: 'perTask', Label: 'jobs per running worker', Expression: `${BACKLOG} / clamp_min(${runningSeries('scaled')}, 1)` }] },
    },
  });
  redis('RPUSH', 'jobs', ...jobs(100, 60));
  await until('scaled out to the maximum', async () => (await client.call('DescribeServices', { cluster, services: ['scaled'] })).services![0]!.desiredCount === 4 || undefined, 90_000, 500);
  await until('the backlog drained', async () => done().filter((j) => Number(j.slice(4)) >= 100).length === 60 || undefined, 120_000, 500);
  t.same(done().filter((j) => Number(j.slice(4)) >= 100).sort(), jobs(100, 60).sort(), 'every job, none twice');
  const activities = ((await client.callApi(APPLICATIONAUTOSCALING_API, 'DescribeScalingActivities', { ServiceNamespace: 'ecs', ResourceId: resource })) as { ScalingActivities: { Description: string; Cause: string }[] }).ScalingActivities;
  t.match(activities.at(-1), { Description: 'Setting desired count to 4.', Cause: /monitor alarm TargetTracking-service\/.*-AlarmHigh-.* in state ALARM triggered policy backlog-per-task$/ });
  await client.callApi(APPLICATIONAUTOSCALING_API, 'DeregisterScalableTarget', { ServiceNamespace: 'ecs', ResourceId: resource, ScalableDimension: 'ecs:service:DesiredCount' });
  await client.call('DeleteService', { cluster, service: 'scaled', force: true });
});

t.test('at zero, a rule on the backlog alarm runs a one-off worker', async (t) => {
  const { accountId, region } = server.ctx.identity;
  const clusterArn = `arn:aws:ecs:${region}:${accountId}:cluster/${cluster}`;
  // The role the rule's target runs as: trusted by EventBridge, allowed to run tasks in this cluster.
  const roleName = `redis-worker-${process.pid}`;
  await client.callApi(IAM_API, 'CreateRole', {
    RoleName: roleName,
    AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
  });
  await client.callApi(IAM_API, 'PutRolePolicy', {
    RoleName: roleName, PolicyName: 'run', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecs:RunTask', Resource: '*' }] }),
  });
  await client.call('CreateService', { cluster, serviceName: 'idle', taskDefinition: family, desiredCount: 0 });
  // The backlog while the service runs nothing (no series, a gap, while it runs something).
  await client.callApi(CLOUDWATCH_API, 'PutMetricAlarm', {
    AlarmName: 'backlog-at-zero', EvaluationPeriods: 1, Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: 'notBreaching',
    Metrics: [{ Id: 'backlog', Expression: `${BACKLOG} unless on() (${runningSeries('idle')} > 0)`, ReturnData: true, Period: 60 }],
  });
  await until('the alarm OK on an empty queue', async () => ((await client.callApi(CLOUDWATCH_API, 'DescribeAlarms', { AlarmNames: ['backlog-at-zero'] })) as { MetricAlarms: { StateValue: string }[] }).MetricAlarms[0]?.StateValue === 'OK' || undefined, 30_000, 500);
  await client.callApi(EVENTS_API, 'PutRule', {
    Name: 'backlog-at-zero',
    EventPattern: JSON.stringify({ source: ['aws.cloudwatch'], 'detail-type': ['CloudWatch Alarm State Change'], detail: { alarmName: ['backlog-at-zero'], state: { value: ['ALARM'] } } }),
  });
  await client.callApi(EVENTS_API, 'PutTargets', {
    Rule: 'backlog-at-zero',
    Targets: [{
      Id: 'drain', Arn: clusterArn, RoleArn: `arn:aws:iam::${accountId}:role/${roleName}`, EcsParameters: { TaskDefinitionArn: family, TaskCount: 1 },
      Input: JSON.stringify({ containerOverrides: [{ name: 'worker', environment: [{ name: 'EXIT_WHEN_EMPTY', value: '1' }] }] }),
    }],
  });

  redis('RPUSH', 'jobs', ...jobs(200, 10));
  const startedBy = 'events-rule/backlog-at-zero';
  const oneOff = async (): Promise<Task[]> => {
    // A Set: a task that stops between the two calls is in both lists.
    const listed = [...new Set([
      ...((await client.call('ListTasks', { cluster, startedBy, desiredStatus: 'RUNNING' })).taskArns ?? []),
      ...((await client.call('ListTasks', { cluster, startedBy, desiredStatus: 'STOPPED' })).taskArns ?? []),
    ])];
    return listed.length ? (await client.call('DescribeTasks', { cluster, tasks: listed })).tasks ?? [] : [];
  };
  const [task] = await until('the one-off worker ran and exited', async () => {
    const tasks = await oneOff();
    return tasks.length === 1 && tasks[0]!.lastStatus === 'STOPPED' ? tasks : undefined;
  }, 120_000, 500);
  t.equal(task!.containers?.[0]?.exitCode, 0, 'it exited once the queue was empty');
  t.same(done().filter((j) => Number(j.slice(4)) >= 200).sort(), jobs(200, 10).sort(), 'it did every job');
  t.equal(redis('LLEN', 'jobs'), '0', 'the queue is empty');
  t.equal(await running('idle'), 0, 'the service stayed at zero');
  t.equal((await oneOff()).length, 1, 'one alarm state change, one task');
});
