// The node agent end to end: a real control plane on a real etcd, two real berth-agent processes on this machine
// (their own ECS_DATADIR), the real dockerd. Run, inspect, stop, an essential container exiting, a task
// that cannot fit, the retention window, and an unrelated container left alone.
import t from 'tap';
import { BerthClient } from '@berth/api';
import { startPrivateEtcd } from '@berth/store';
import { resourceId, type RegisterTaskDefinitionRequest } from '@berth/core';
import {
  IMAGE, connectedInstances, containersWithLabel, docker, freePort, removeContainersWithLabel,
  spawnAgent, startControlPlane, tmp, until, waitForTask,
} from './e2e-helpers.js';

const work = tmp('berth-e2e-');
const port = await freePort();
// An etcd of its own: the short retention window sweeps every cluster in the store it runs on.
const etcd = await startPrivateEtcd();
const server = await startControlPlane({ store: `etcd://${etcd.endpoint}`, port, taskRetentionSeconds: 4 });
const client = server.client();
const cluster = `e2e-${process.pid}`;
await client.call('CreateCluster', { clusterName: cluster });

// An unrelated container that Berth must never touch.
const unrelated = docker('run', '-d', '--label', `berth-test-unrelated=${cluster}`, IMAGE, '/bin/sleep', '600');

const agents = ['zone-a', 'zone-b'].map((zone) => spawnAgent({
  ECS_CLUSTER: cluster, BERTH_SERVER: server.addr, ...server.joinEnv, BERTH_AVAILABILITY_ZONE: zone,
  ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION: '1h', ECS_RESERVED_MEMORY: '0',
}));

t.teardown(async () => {
  for (const a of agents) a.child.kill('SIGKILL');
  removeContainersWithLabel(`com.amazonaws.ecs.cluster=${cluster}`);
  docker('rm', '-f', unrelated);
  client.close();
  await server.close();
  await etcd.stop();
  work.cleanup();
});

const family = `e2e-web-${process.pid}`;
// PID 1 is a shell that exits on SIGTERM, so stops are quick and exit codes are the shell's.
const webDef: RegisterTaskDefinitionRequest = {
  family,
  containerDefinitions: [{
    name: 'web', image: IMAGE, memory: 32, cpu: 128, essential: true,
    command: ['/bin/sh', '-c', "trap 'exit 0' TERM; /bin/httpd -f -p 8080 & while true; do sleep 0.2; done"],
    environment: [{ name: 'GREETING', value: 'hello' }],
    dockerLabels: { 'com.example.app': 'web' },
    portMappings: [{ containerPort: 8080, hostPort: 0 }],
  }],
};

t.test('two agents register, connect and report their zones', async (t) => {
  const arns = await until('two connected agents', async () => {
    const c = await connectedInstances(client, cluster);
    return c.length === 2 ? c : undefined;
  });
  const d = await client.call('DescribeContainerInstances', { cluster, containerInstances: arns });
  const zones = d.containerInstances!.map((ci) => ci.attributes?.find((a) => a.name === 'ecs.availability-zone')?.value).sort();
  t.same(zones, ['zone-a', 'zone-b']);
  for (const ci of d.containerInstances!) {
    const cpu = ci.registeredResources?.find((r) => r.name === 'CPU')?.integerValue;
    t.ok(cpu && cpu % 1024 === 0, 'CPU = cores x 1024');
    t.same(ci.registeredResources?.find((r) => r.name === 'PORTS')?.stringSetValue, ['22', '2375', '2376', '51678', '51679']);
    t.ok(ci.attributes?.some((a) => a.name === 'com.amazonaws.ecs.capability.docker-remote-api.1.17'));
    t.equal(ci.status, 'ACTIVE');
  }
});

t.test('RunTask runs containers with ECS names, labels, limits and ports; StopTask stops them', async (t) => {
  await client.call('RegisterTaskDefinition', webDef);
  const run = await client.call('RunTask', { cluster, taskDefinition: family, count: 2 });
  t.equal(run.tasks?.length, 2);
  t.equal(run.tasks?.[0]?.lastStatus, 'PENDING');
  for (const task of run.tasks!) {
    const running = await waitForTask(client, cluster, task.taskArn!, 'RUNNING');
    t.type(running.startedAt, 'number', 'startedAt stamped');
    const c = running.containers![0]!;
    t.equal(c.lastStatus, 'RUNNING');
    const binding = c.networkBindings?.[0];
    t.equal(binding?.containerPort, 8080);
    t.ok(binding?.hostPort && binding.hostPort > 0, 'dynamic host port reported');
    const ids = containersWithLabel(`com.amazonaws.ecs.task-arn=${task.taskArn}`);
    t.equal(ids.length, 1, 'one container per container definition');
    const info = JSON.parse(docker('inspect', ids[0]!))[0];
    t.match(info.Name, new RegExp(`^/ecs-${family}-1-web-[0-9a-f]{20}$`));
    t.equal(info.Config.Labels['com.amazonaws.ecs.task-arn'], task.taskArn);
    t.equal(info.Config.Labels['com.amazonaws.ecs.container-name'], 'web');
    t.equal(info.Config.Labels['com.amazonaws.ecs.task-definition-family'], family);
    t.equal(info.Config.Labels['com.amazonaws.ecs.task-definition-version'], '1');
    t.equal(info.Config.Labels['com.amazonaws.ecs.cluster'], cluster);
    t.equal(info.Config.Labels['com.berth.container-instance'], resourceId(running.containerInstanceArn!));
    t.equal(info.Config.Labels['com.example.app'], 'web');
    t.equal(info.HostConfig.Memory, 32 * 1024 * 1024);
    t.equal(info.HostConfig.CpuShares, 128);
    t.ok(info.Config.Env.includes('GREETING=hello'));
    t.equal(String(binding?.hostPort), info.NetworkSettings.Ports['8080/tcp'][0].HostPort, 'reported port is the bound one');
    const res = await fetch(`http://127.0.0.1:${binding!.hostPort}/`).catch(() => null);
    t.ok(res, 'the container answers on its host port');
  }
  const instances = await client.call('DescribeContainerInstances', { cluster, containerInstances: await connectedInstances(client, cluster) });
  t.equal(instances.containerInstances!.reduce((n, ci) => n + (ci.runningTasksCount ?? 0), 0), 2, 'runningTasksCount');
  const victim = run.tasks![0]!;
  const stop = await client.call('StopTask', { cluster, task: victim.taskArn!, reason: 'testing stop' });
  t.equal(stop.task?.desiredStatus, 'STOPPED');
  const stopped = await waitForTask(client, cluster, victim.taskArn!, 'STOPPED');
  t.equal(stopped.stopCode, 'UserInitiated');
  t.equal(stopped.stoppedReason, 'testing stop');
  t.equal(stopped.containers?.[0]?.exitCode, 0, 'exit code reported');
  t.type(stopped.stoppedAt, 'number');
  t.equal(containersWithLabel(`com.amazonaws.ecs.task-arn=${victim.taskArn}`, false).length, 0, 'no container runs');
  await client.call('StopTask', { cluster, task: run.tasks![1]!.taskArn! });
  await waitForTask(client, cluster, run.tasks![1]!.taskArn!, 'STOPPED');
});

t.test('an essential container exiting stops the task', async (t) => {
  const fam = `${family}-exit`;
  await client.call('RegisterTaskDefinition', {
    family: fam,
    containerDefinitions: [
      { name: 'main', image: IMAGE, memory: 16, command: ['/bin/sh', '-c', 'sleep 1; exit 3'] },
      { name: 'side', image: IMAGE, memory: 16, essential: false, command: ['/bin/sh', '-c', "trap 'exit 0' TERM; while true; do sleep 0.2; done"] },
    ],
  });
  const run = await client.call('RunTask', { cluster, taskDefinition: fam });
  const stopped = await waitForTask(client, cluster, run.tasks![0]!.taskArn!, 'STOPPED');
  t.equal(stopped.stopCode, 'EssentialContainerExited');
  t.equal(stopped.stoppedReason, 'Essential container in task exited');
  t.equal(stopped.containers?.find((c) => c.name === 'main')?.exitCode, 3);
  t.equal(stopped.containers?.find((c) => c.name === 'side')?.lastStatus, 'STOPPED');
});

t.test('a task that cannot fit is a failure, not a task', async (t) => {
  const fam = `${family}-huge`;
  await client.call('RegisterTaskDefinition', { family: fam, containerDefinitions: [{ name: 'big', image: IMAGE, memory: 64 * 1024 * 1024 }] });
  const run = await client.call('RunTask', { cluster, taskDefinition: fam });
  t.same(run.tasks, []);
  t.equal(run.failures?.length, 2, 'one failure per instance');
  t.ok(run.failures?.every((f) => f.reason === 'RESOURCE:MEMORY'));
});

t.test('STOPPED tasks leave the store after the retention window', async (t) => {
  // A task of its own, so what it sees does not depend on how long the tests before it took (the window
  // is 4 s: on a loaded machine the earlier tasks' may already have passed).
  const run = await client.call('RunTask', { cluster, taskDefinition: family });
  const arn = run.tasks![0]!.taskArn!;
  await waitForTask(client, cluster, arn, 'RUNNING');
  await client.call('StopTask', { cluster, task: arn, reason: 'retention test' });
  let seenStopped = false;
  await until('the STOPPED task gone', async () => {
    const d = await client.call('DescribeTasks', { cluster, tasks: [arn] });
    if (d.tasks![0]?.lastStatus === 'STOPPED') seenStopped = true;
    return d.tasks!.length === 0 && d.failures?.[0]?.reason === 'MISSING' ? true : undefined;
  }, 60_000, 100);
  t.ok(seenStopped, 'it was describable as STOPPED first');
  t.pass('then removed');
});

t.test('the unrelated container is untouched', async (t) => {
  t.equal(JSON.parse(docker('inspect', unrelated))[0].State.Running, true);
});
