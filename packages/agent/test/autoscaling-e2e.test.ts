// Service auto scaling end to end (issue 22 §9): a real agent runs a service whose tasks spin until the
// test drops a file in a host directory they all mount, and then idle; with Debian's AWS CLI a scalable target (min 1, max 3) and a target-tracking policy at 50%
// CPU are put in place; the alarms Berth made for the policy fire on the figures the agent sends, the
// service scales out to its maximum and, once its tasks idle, back in to its minimum, never outside them,
// DescribeScalingActivities tells it in AWS's words, and every alarm state change is an event on the stream. One "AWS minute" is 2 s (--aws-minute), so the
// 15 low periods of scale-in take 30 s. Then a scheduled action at a given time raises the minimum to 2, and a second task runs.
import t from 'tap';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMAGE, awsCliAsAdmin, startTestCluster, until } from './e2e-helpers.js';

const { server, client, cluster, work } = await startTestCluster('autoscaling', t.teardown, {
  server: { ecsJson: { listen: '127.0.0.1:0' }, awsMinuteMs: 2000, agents: { heartbeatPeriodMs: 500, sessionTtlSeconds: 2, statisticsWriteIntervalMs: 1000 } },
  agents: [{ ECS_POLLING_METRICS_WAIT_DURATION: '1s' }],
});
const { aws } = await awsCliAsAdmin(client, `http://${server.ecsAddr}`, 'scaler', work.dir);

const family = `autoscaling-${process.pid}`;
const control = join(work.dir, 'control');
mkdirSync(control);
// A small reservation (64 CPU units): a spinning shell is far above 50% of it however busy the two shared
// cores are; `[` is the shell's own, so the loop forks nothing.
await client.call('RegisterTaskDefinition', {
  family,
  volumes: [{ name: 'control', host: { sourcePath: control } }],
  containerDefinitions: [{
    name: 'burst', image: IMAGE, cpu: 64, memory: 32, essential: true, mountPoints: [{ sourceVolume: 'control', containerPath: '/control', readOnly: true }],
    command: ['sh', '-c', 'while [ ! -e /control/idle ]; do :; done; exec sleep 3600'],
  }],
});
await client.call('CreateService', { cluster, serviceName: 'web', taskDefinition: family, desiredCount: 1 });
const resource = `service/${cluster}/web`;

t.test('target tracking at 50% CPU: out to the maximum, back in to the minimum', async (t) => {
  const reg = await aws('application-autoscaling', 'register-scalable-target', '--service-namespace', 'ecs', '--resource-id', resource,
    '--scalable-dimension', 'ecs:service:DesiredCount', '--min-capacity', '1', '--max-capacity', '3');
  t.equal(reg.code, 0, reg.stderr);
  // Watch the desired count all along: it never leaves [1, 3].
  const seen: number[] = [];
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      const s = (await client.call('DescribeServices', { cluster, services: ['web'] })).services?.[0];
      if (s?.desiredCount !== undefined && seen.at(-1) !== s.desiredCount) seen.push(s.desiredCount);
      await new Promise((r) => setTimeout(r, 300));
    }
  })();
  const put = await aws('application-autoscaling', 'put-scaling-policy', '--service-namespace', 'ecs', '--resource-id', resource,
    '--scalable-dimension', 'ecs:service:DesiredCount', '--policy-name', 'cpu50', '--policy-type', 'TargetTrackingScaling',
    '--target-tracking-scaling-policy-configuration', JSON.stringify({
      TargetValue: 50, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' }, ScaleOutCooldown: 60, ScaleInCooldown: 60,
    }));
  t.equal(put.code, 0, put.stderr);
  const alarmNames: string[] = put.json?.Alarms?.map((a: { AlarmName: string }) => a.AlarmName) ?? [];
  t.equal(alarmNames.length, 2, 'AlarmHigh and AlarmLow, as AWS makes them');
  const described = await aws('cloudwatch', 'describe-alarms', '--alarm-names', ...alarmNames);
  t.same(described.json?.MetricAlarms?.map((a: { MetricName: string; Threshold: number; EvaluationPeriods: number }) => [a.MetricName, a.Threshold, a.EvaluationPeriods]),
    [['CPUUtilization', 50, 3], ['CPUUtilization', 45, 15]]);

  await until(`scaled out to 3 (desired counts seen: ${seen.join(' ')})`, async () => seen.includes(3) || undefined, 90_000, 500);
  writeFileSync(join(control, 'idle'), '');
  await until(`scaled back in to 1 (desired counts seen: ${seen.join(' ')})`, async () => (seen.includes(3) && seen.at(-1) === 1) || undefined, 150_000, 500);
  watching = false;
  await watcher;
  t.equal(seen[0], 1, 'it started at 1');
  t.ok(seen.every((n) => n >= 1 && n <= 3), `within min and max: ${seen.join(' → ')}`);

  const activities = await aws('application-autoscaling', 'describe-scaling-activities', '--service-namespace', 'ecs', '--resource-id', resource);
  t.equal(activities.code, 0, activities.stderr);
  const list: { StatusCode: string; StatusMessage: string; Description: string; Cause: string }[] = activities.json?.ScalingActivities ?? [];
  t.equal(list[0]?.StatusMessage, 'Successfully set desired count to 1. Change successfully fulfilled by ecs.', 'the newest first');
  t.ok(list.some((a) => a.StatusMessage === 'Successfully set desired count to 3. Change successfully fulfilled by ecs.'), 'the scale-out to 3');
  t.match(list.at(-1)?.Cause, /monitor alarm TargetTracking-service\/.*-AlarmHigh-.* in state ALARM triggered policy cpu50/);
  t.ok(list.every((a) => a.StatusCode === 'Successful'));

  // Each alarm state change is an event on the cluster's stream, as CloudWatch puts it on EventBridge.
  const changes: { alarm: string; from: string; to: string }[] = [];
  for await (const m of client.watchEvents({ cluster, detailTypes: ['CloudWatch Alarm State Change'] })) {
    const e = JSON.parse(m.event!);
    t.equal(e.source, 'aws.cloudwatch');
    changes.push({ alarm: e.detail.alarmName, from: e.detail.previousState.value, to: e.detail.state.value });
  }
  t.ok(changes.some((c) => c.alarm === alarmNames[0] && c.to === 'ALARM'), 'AlarmHigh went to ALARM');
  t.ok(changes.some((c) => c.alarm === alarmNames[1] && c.to === 'ALARM'), 'AlarmLow went to ALARM');
});

t.test('a scheduled action at a given time raises the minimum, and the agent runs the tasks', async (t) => {
  // at() names a wall-clock time, which --aws-minute does not scale: a few seconds from now, in UTC.
  // Far enough ahead that the CLI's call (slow on a loaded machine) is done before it.
  const when = new Date(Date.now() + 20_000).toISOString().slice(0, 19);
  const put = await aws('application-autoscaling', 'put-scheduled-action', '--service-namespace', 'ecs', '--resource-id', resource,
    '--scalable-dimension', 'ecs:service:DesiredCount', '--scheduled-action-name', 'raise', '--schedule', `at(${when})`, '--scalable-target-action', 'MinCapacity=2');
  t.equal(put.code, 0, put.stderr);
  t.ok(Date.now() < Date.parse(`${when}Z`), 'put before its time');
  let last = '';
  const running = await until('two tasks running', async () => {
    const s = (await client.call('DescribeServices', { cluster, services: ['web'] })).services?.[0];
    last = `desired ${s?.desiredCount}, running ${s?.runningCount}`;
    // Desired too: just after the scale-in above, a task still stopping counts as running beside the one kept.
    return s?.desiredCount === 2 && s.runningCount === 2 ? s : undefined;
  }, 60_000, 500).catch((e: Error) => Promise.reject(new Error(`${e.message} (${last})`)));
  t.equal(running.desiredCount, 2);
  t.ok(Date.now() >= Date.parse(`${when}Z`), 'not before its time');
  const newest = (await aws('application-autoscaling', 'describe-scaling-activities', '--service-namespace', 'ecs', '--resource-id', resource)).json?.ScalingActivities?.[0];
  t.same([newest?.Description, newest?.Cause, newest?.StatusMessage],
    ['Setting desired count to 2.', 'minimum capacity was set to 2', 'Successfully set desired count to 2. Change successfully fulfilled by ecs.']);
});
