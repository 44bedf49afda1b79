// dependsOn and health checks end to end: a real control plane, a real berth-agent process and Docker.
// A task definition registered through the API (so ECS's validation applies), then DescribeTasks shows
// the containers' and the task's healthStatus as the agent reported them.
import t from 'tap';
import { IMAGE, startTestCluster, waitForTask } from './e2e-helpers.js';

const { client, cluster } = await startTestCluster('features', (fn) => t.teardown(fn));

const LOOP = ['/bin/sh', '-c', "trap 'exit 0' TERM; while true; do sleep 0.2; done"];

t.test('init SUCCESS and web HEALTHY before app; DescribeTasks shows health', async (t) => {
  const family = `features-${process.pid}`;
  await client.call('RegisterTaskDefinition', {
    family,
    containerDefinitions: [
      { name: 'init', image: IMAGE, memory: 16, essential: false, command: ['/bin/sh', '-c', 'sleep 1; exit 0'] },
      { name: 'web', image: IMAGE, memory: 16, command: LOOP, healthCheck: { command: ['CMD-SHELL', 'exit 0'], interval: 5, retries: 1 } },
      {
        name: 'app', image: IMAGE, memory: 16, command: LOOP,
        dependsOn: [{ containerName: 'init', condition: 'SUCCESS' }, { containerName: 'web', condition: 'HEALTHY' }],
      },
    ],
  });
  const taskArn = (await client.call('RunTask', { cluster, taskDefinition: family })).tasks![0]!.taskArn!;
  const running = await waitForTask(client, cluster, taskArn, 'RUNNING', 60_000);
  t.equal(running.healthStatus, 'HEALTHY', 'web (essential, with a health check) was HEALTHY before app could start');
  const h = Object.fromEntries(running.containers!.map((c) => [c.name, [c.lastStatus, c.healthStatus, c.exitCode]]));
  t.same(h, { init: ['STOPPED', 'UNKNOWN', 0], web: ['RUNNING', 'HEALTHY', undefined], app: ['RUNNING', 'UNKNOWN', undefined] });
  await client.call('StopTask', { cluster, task: taskArn });
  const stopped = await waitForTask(client, cluster, taskArn, 'STOPPED', 60_000);
  t.equal(stopped.stopCode, 'UserInitiated');
});

t.test('an unmet dependency stops the task with ECS reason', async (t) => {
  const family = `features-fail-${process.pid}`;
  await client.call('RegisterTaskDefinition', {
    family,
    containerDefinitions: [
      { name: 'init', image: IMAGE, memory: 16, essential: false, command: ['/bin/sh', '-c', 'exit 2'] },
      { name: 'app', image: IMAGE, memory: 16, command: LOOP, dependsOn: [{ containerName: 'init', condition: 'SUCCESS' }] },
    ],
  });
  const taskArn = (await client.call('RunTask', { cluster, taskDefinition: family })).tasks![0]!.taskArn!;
  const stopped = await waitForTask(client, cluster, taskArn, 'STOPPED', 60_000);
  t.equal(stopped.stopCode, 'TaskFailedToStart');
  t.match(stopped.stoppedReason, /^CannotStartContainerError: dependency graph: failed to resolve container ordering dependency \[init\(.*\) - Exit: 2\] for target \[app\(.*\)\] as dependency did not exit successfully\.$/);
  const app = stopped.containers!.find((c) => c.name === 'app')!;
  t.equal(app.exitCode, 143);
});
