// Nothing lost, nothing doubled: kill -9 of the agent leaves containers running and a restart adopts
// them (a container that died meanwhile is reported); a restarted control plane resends desired state
// and no task starts twice.
import t from 'tap';
import { join } from 'node:path';
import { BerthClient } from '@berth/api';
import {
  IMAGE, connectedInstances, containersWithLabel, docker, freePort, removeContainersWithLabel,
  spawnAgent, startControlPlane, tmp, until, waitForTask,
} from './e2e-helpers.js';

const work = tmp('berth-restart-');
const port = await freePort();
const store = `file:${join(work.dir, 'berth.db')}`;
let server = await startControlPlane({ store, port });
const addr = server.addr;
const client = server.client();
const cluster = `restart-${process.pid}`;
await client.call('CreateCluster', { clusterName: cluster });
const env = { ECS_CLUSTER: cluster, BERTH_SERVER: addr, ECS_DATADIR: join(work.dir, "agent"), ...server.joinEnv };
let agent = spawnAgent(env);

t.teardown(async () => {
  agent.child.kill('SIGKILL');
  removeContainersWithLabel(`com.amazonaws.ecs.cluster=${cluster}`);
  client.close();
  await server.close();
  work.cleanup();
});

const family = `restart-${process.pid}`;
await client.call('RegisterTaskDefinition', {
  family,
  containerDefinitions: [{ name: 'app', image: IMAGE, memory: 16, command: ['/bin/sh', '-c', "trap 'exit 0' TERM; while true; do sleep 0.2; done"] }],
});
const instanceArn = await until('agent connected', async () => (await connectedInstances(client, cluster))[0]);

t.test('agent kill -9 and restart: adopted, not doubled; a change while away is reported', async (t) => {
  const run = await client.call('RunTask', { cluster, taskDefinition: family, count: 2 });
  const [keep, lose] = run.tasks!;
  for (const task of run.tasks!) await waitForTask(client, cluster, task.taskArn!, 'RUNNING');
  const keepId = containersWithLabel(`com.amazonaws.ecs.task-arn=${keep!.taskArn}`)[0]!;
  const loseId = containersWithLabel(`com.amazonaws.ecs.task-arn=${lose!.taskArn}`)[0]!;

  agent.child.kill('SIGKILL');
  t.equal(await agent.exited, 'SIGKILL');
  t.equal(JSON.parse(docker('inspect', keepId))[0].State.Running, true, 'containers keep running without the agent');
  docker('kill', loseId); // changes state while the agent is away

  agent = spawnAgent(env);
  await until('agent back', async () => (await connectedInstances(client, cluster)).length === 1 || undefined);
  t.same(await connectedInstances(client, cluster), [instanceArn], 'the restarted agent is the same instance');
  const stopped = await waitForTask(client, cluster, lose!.taskArn!, 'STOPPED');
  t.equal(stopped.containers?.[0]?.exitCode, 137, 'the exit while away is reported');
  t.same(containersWithLabel(`com.amazonaws.ecs.task-arn=${keep!.taskArn}`), [keepId], 'adopted: same container, no second one');
  const again = await client.call('DescribeTasks', { cluster, tasks: [keep!.taskArn!] });
  t.equal(again.tasks?.[0]?.lastStatus, 'RUNNING');
});

t.test('control plane restart: agents reconnect, desired state is resent, nothing starts twice', async (t) => {
  const running = (await client.call('ListTasks', { cluster, desiredStatus: 'RUNNING' })).taskArns!;
  t.equal(running.length, 1);
  const before = containersWithLabel(`com.amazonaws.ecs.cluster=${cluster}`);
  await server.close();
  server = await startControlPlane({ store, port });
  await until('agent reconnected', async () => (await connectedInstances(client, cluster)).length === 1 || undefined, 60_000);
  const run = await client.call('RunTask', { cluster, taskDefinition: family });
  await waitForTask(client, cluster, run.tasks![0]!.taskArn!, 'RUNNING');
  const after = containersWithLabel(`com.amazonaws.ecs.cluster=${cluster}`);
  t.equal(after.length, before.length + 1, 'only the new task added a container');
  t.ok(before.every((id) => after.includes(id)));
  t.equal(containersWithLabel(`com.amazonaws.ecs.task-arn=${running[0]}`).length, 1);
  await client.call('StopTask', { cluster, task: running[0]! });
  const stopped = await waitForTask(client, cluster, running[0]!, 'STOPPED');
  t.equal(stopped.containers?.[0]?.exitCode, 0);
});

t.test('SIGTERM stops the agent and leaves its containers running', async (t) => {
  const live = containersWithLabel(`com.amazonaws.ecs.cluster=${cluster}`, false);
  t.ok(live.length >= 1);
  agent.child.kill('SIGTERM');
  t.equal(await agent.exited, 0);
  t.same(containersWithLabel(`com.amazonaws.ecs.cluster=${cluster}`, false), live);
  await until('agent shown disconnected', async () => (await connectedInstances(client, cluster)).length === 0 || undefined, 15_000);
  t.pass('agentConnected turns false');
});
