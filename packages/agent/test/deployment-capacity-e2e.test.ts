// No lost capacity when a deployment starts, end to end: a real control plane (file store, settle time
// 5 s), one real berth-agent, the real dockerd. A service scaled 1 -> 2 and given a new revision while the
// second task is still inside its settle time (minimumHealthyPercent 100) keeps 2 tasks serving throughout:
// the count of RUNNING tasks not asked to stop is sampled from the start of the deployment to its end.
import t from 'tap';
import type { Service, Task } from '@berth/core';
import { IMAGE, sleep, startTestCluster, until } from './e2e-helpers.js';

const SETTLE = 5;
const { client, cluster } = await startTestCluster('deploy-capacity', t.teardown.bind(t), {
  server: { services: { settleSeconds: SETTLE, throttleBaseSeconds: 0.5, throttleMaxSeconds: 2, resyncSeconds: 2 } },
});

const family = `capacity-${process.pid}`;
const loop = "trap 'exit 0' TERM; while true; do sleep 0.2; done";
// Host network mode: the test is about the scheduler, and needs no bridge.
const register = (version: string) => client.call('RegisterTaskDefinition', {
  family, networkMode: 'host', containerDefinitions: [{ name: 'web', image: IMAGE, memory: 16, cpu: 16, essential: true, command: ['/bin/sh', '-c', loop], environment: [{ name: 'VERSION', value: version }] }],
});

async function serviceTasks(): Promise<Task[]> {
  const arns = (await client.call('ListTasks', { cluster, serviceName: 'web' })).taskArns ?? [];
  if (arns.length === 0) return [];
  return (await client.call('DescribeTasks', { cluster, tasks: arns })).tasks ?? [];
}
const describe = async (): Promise<Service> => (await client.call('DescribeServices', { cluster, services: ['web'] })).services![0]!;
/** Tasks serving now: RUNNING, and not asked to stop. */
const serving = (tasks: Task[]) => tasks.filter((x) => x.lastStatus === 'RUNNING' && x.desiredStatus === 'RUNNING');

t.test('scaled 1 -> 2, then a new revision inside the settle time (min 100): never fewer than 2 running', async (t) => {
  await register('1');
  await client.call('CreateService', { cluster, serviceName: 'web', taskDefinition: family, desiredCount: 1 });
  await until('the first task settled: the deployment completed', async () => {
    const s = await describe();
    return s.deployments?.length === 1 && s.deployments[0]!.rolloutState === 'COMPLETED' && s.runningCount === 1 || undefined;
  }, 60_000);

  await client.call('UpdateService', { cluster, service: 'web', desiredCount: 2 });
  const second = await until('the second task RUNNING', async () => {
    const running = serving(await serviceTasks());
    return running.length === 2 ? running.sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0))[0] : undefined;
  }, 30_000);

  await register('2');
  await client.call('UpdateService', { cluster, service: 'web', taskDefinition: family });
  const startedAgo = Date.now() / 1000 - (second.startedAt ?? 0);
  t.ok(startedAgo < SETTLE, `the new revision came ${startedAgo.toFixed(1)} s after the second task started, inside the ${SETTLE} s settle time`);

  let lowest = Infinity;
  let samples = 0;
  let done = false;
  const watcher = (async () => {
    while (!done) {
      lowest = Math.min(lowest, serving(await serviceTasks()).length);
      samples++;
      await sleep(25);
    }
  })();
  try {
    await until('the new revision rolled out', async () => {
      const s = await describe();
      return s.deployments?.length === 1 && s.deployments[0]!.rolloutState === 'COMPLETED' && s.deployments[0]!.taskDefinition!.endsWith(`${family}:2`) && s.runningCount === 2 || undefined;
    }, 90_000);
  } finally {
    done = true;
    await watcher;
  }
  t.ok(samples > 20, `${samples} samples of the running count during the deployment`);
  t.equal(lowest, 2, 'the running count never dropped below minimumHealthyPercent of 2');
  const now = serving(await serviceTasks());
  t.equal(now.length, 2);
  t.ok(now.every((x) => x.taskDefinitionArn!.endsWith(`${family}:2`)), 'both tasks run the new revision');
});
