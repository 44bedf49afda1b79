// A service whose containers fail their health check: real agent, real dockerd, Docker health checks.
// Tasks turn UNHEALTHY (reported by the agent, derived from the essential container's check), and once the
// service's healthCheckGracePeriodSeconds has passed the scheduler replaces them, saying so in ECS's words.
// A service with a passing check is HEALTHY and left alone.
import t from 'tap';
import type { Service, Task } from '@berth/core';
import { IMAGE, startTestCluster, until } from './e2e-helpers.js';

const { client, cluster } = await startTestCluster('svc-health', (fn) => t.teardown(fn), {
  server: { services: { settleSeconds: 1, throttleBaseSeconds: 0.5, throttleMaxSeconds: 2, resyncSeconds: 1 } },
});

const loop = "trap 'exit 0' TERM; while true; do sleep 0.2; done";
/** ECS's smallest check: every 5 s, one retry, so UNHEALTHY comes about 5 s after the start. */
const def = (family: string, check: string) => ({
  family,
  containerDefinitions: [{
    name: 'app', image: IMAGE, memory: 16, essential: true, command: ['/bin/sh', '-c', loop],
    healthCheck: { command: ['CMD-SHELL', check], interval: 5, timeout: 2, retries: 1, startPeriod: 0 },
  }],
});

async function tasksOf(service: string, desiredStatus: 'RUNNING' | 'STOPPED'): Promise<Task[]> {
  const arns = (await client.call('ListTasks', { cluster, serviceName: service, desiredStatus })).taskArns ?? [];
  return arns.length ? ((await client.call('DescribeTasks', { cluster, tasks: arns })).tasks ?? []) : [];
}
const describe = async (name: string): Promise<Service> => (await client.call('DescribeServices', { cluster, services: [name] })).services![0]!;

t.test('a failing health check: UNHEALTHY tasks are replaced after the grace period', async (t) => {
  const family = `sick-${process.pid}`;
  await client.call('RegisterTaskDefinition', def(family, 'exit 1'));
  const created = Date.now();
  await client.call('CreateService', { cluster, serviceName: 'sick', taskDefinition: family, desiredCount: 1, healthCheckGracePeriodSeconds: 8 });
  const unhealthy = await until('an UNHEALTHY task', async () => (await tasksOf('sick', 'RUNNING')).find((x) => x.healthStatus === 'UNHEALTHY'), 60_000);
  t.equal(unhealthy.containers?.[0]?.healthStatus, 'UNHEALTHY', 'the container reports it, and the task derives it');
  const stopped = await until('the unhealthy task replaced', async () => (await tasksOf('sick', 'STOPPED')).find((x) => x.taskArn === unhealthy.taskArn), 60_000);
  t.ok(Date.now() - created >= 8_000, 'not before the grace period ended');
  t.equal(stopped.stopCode, 'ServiceSchedulerInitiated');
  t.match(stopped.stoppedReason ?? '', /health/i, `stoppedReason: ${stopped.stoppedReason}`);
  const s = await describe('sick');
  t.ok(s.events?.some((e) => /has stopped 1 running tasks: \(task [0-9a-f]+\)\. These tasks failed container health checks\./.test(e.message ?? '')), 'ECS\'s service event');
  await until('a replacement task', async () => (await tasksOf('sick', 'RUNNING')).find((x) => x.taskArn !== unhealthy.taskArn), 60_000);
  await client.call('DeleteService', { cluster, service: 'sick', force: true });
});

t.test('a passing health check: HEALTHY, and the service is steady', async (t) => {
  const family = `well-${process.pid}`;
  await client.call('RegisterTaskDefinition', def(family, 'exit 0'));
  await client.call('CreateService', { cluster, serviceName: 'well', taskDefinition: family, desiredCount: 1, healthCheckGracePeriodSeconds: 0 });
  const healthy = await until('a HEALTHY task', async () => (await tasksOf('well', 'RUNNING')).find((x) => x.healthStatus === 'HEALTHY'), 60_000);
  const s = await until('steady', async () => {
    const d = await describe('well');
    return d.deployments?.[0]?.rolloutState === 'COMPLETED' && d.runningCount === 1 ? d : undefined;
  }, 60_000);
  t.ok(s.events?.some((e) => /has reached a steady state\./.test(e.message ?? '')));
  await new Promise((r) => setTimeout(r, 7_000));
  const still = await tasksOf('well', 'RUNNING');
  t.same(still.map((x) => x.taskArn), [healthy.taskArn], 'the healthy task is left alone');
  await client.call('DeleteService', { cluster, service: 'well', force: true });
});
