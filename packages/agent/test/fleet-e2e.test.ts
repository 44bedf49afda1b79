// The fleet end to end: a real control plane on a real (private) etcd with short timers, real berth-agent
// processes and the real dockerd. A DAEMON service across two agents, then a third that joins, and its
// rolling update (stop before start on each instance); draining an instance under a running service
// (replacements first, never below minimumHealthyPercent, standalone tasks left alone); an agent frozen
// with SIGSTOP past the agent-lost grace period, its service tasks replaced elsewhere, then SIGCONT: its
// written-off copies are stopped, no surplus remains and no task is counted twice.
import t from 'tap';
import { BerthClient } from '@berth/api';
import { startPrivateEtcd } from '@berth/store';
import type { ContainerInstance, Service, Task } from '@berth/core';
import {
  IMAGE, connectedInstances, containersWithLabel, freePort, removeContainersWithLabel, sleep, spawnAgent,
  startControlPlane, tmp, until, type AgentProcess,
} from './e2e-helpers.js';

const work = tmp('berth-fleet-e2e-');
const etcd = await startPrivateEtcd();
// Long enough that a heartbeat missed under a loaded CI machine does not write tasks off by itself.
const LOST_GRACE = 5;
const server = await startControlPlane({
  store: `etcd://${etcd.endpoint}`, port: await freePort(),
  services: { settleSeconds: 1, throttleBaseSeconds: 0.5, throttleMaxSeconds: 2, resyncSeconds: 2, agentLostGraceSeconds: LOST_GRACE },
});
const client = server.client();
const cluster = `fleet-e2e-${process.pid}`;
await client.call('CreateCluster', { clusterName: cluster });
const agents = new Map<string, AgentProcess>();
const startAgent = (zone: string) => agents.set(zone, spawnAgent({
  ECS_CLUSTER: cluster, BERTH_SERVER: server.addr, ...server.joinEnv, BERTH_AVAILABILITY_ZONE: zone, ECS_RESERVED_MEMORY: '0',
  ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION: '1h',
}));
startAgent('zone-a');
startAgent('zone-b');
t.teardown(async () => {
  for (const a of agents.values()) {
    a.child.kill('SIGCONT');
    a.child.kill('SIGKILL');
  }
  removeContainersWithLabel(`com.amazonaws.ecs.cluster=${cluster}`);
  client.close();
  await server.close();
  await etcd.stop();
  work.cleanup();
});
await until('two agents connected', async () => (await connectedInstances(client, cluster)).length === 2 || undefined);

// PID 1 is a shell that exits on SIGTERM, so stops are quick.
const loop = "trap 'exit 0' TERM; while true; do sleep 0.2; done";
const def = (family: string, version: string) => ({
  family, containerDefinitions: [{ name: 'main', image: IMAGE, memory: 16, cpu: 16, essential: true, command: ['/bin/sh', '-c', loop], environment: [{ name: 'VERSION', value: version }] }],
});
const daemonFamily = `fleet-daemon-${process.pid}`;
const webFamily = `fleet-web-${process.pid}`;
const soloFamily = `fleet-solo-${process.pid}`;
await client.call('RegisterTaskDefinition', def(daemonFamily, '1'));
await client.call('RegisterTaskDefinition', def(webFamily, '1'));
await client.call('RegisterTaskDefinition', def(soloFamily, '1'));

async function instances(): Promise<ContainerInstance[]> {
  const arns = (await client.call('ListContainerInstances', { cluster })).containerInstanceArns ?? [];
  return arns.length ? (await client.call('DescribeContainerInstances', { cluster, containerInstances: arns })).containerInstances ?? [] : [];
}
const zoneOf = (ci: ContainerInstance) => ci.attributes?.find((a) => a.name === 'ecs.availability-zone')?.value;
async function instanceInZone(zone: string): Promise<ContainerInstance> {
  return until(`instance in ${zone}`, async () => (await instances()).find((ci) => zoneOf(ci) === zone));
}
async function serviceTasks(name: string, desiredStatus?: 'RUNNING' | 'STOPPED'): Promise<Task[]> {
  const arns = (await client.call('ListTasks', { cluster, serviceName: name, ...(desiredStatus ? { desiredStatus } : {}) })).taskArns ?? [];
  return arns.length ? (await client.call('DescribeTasks', { cluster, tasks: arns })).tasks ?? [] : [];
}
/** Both lists, one entry per task (a task stopped between the two calls is in both: the later wins). */
const allServiceTasks = async (name: string) => {
  const byArn = new Map<string, Task>();
  for (const x of [...await serviceTasks(name), ...await serviceTasks(name, 'STOPPED')]) byArn.set(x.taskArn!, x);
  return [...byArn.values()];
};
const describe = async (name: string): Promise<Service> => (await client.call('DescribeServices', { cluster, services: [name] })).services![0]!;
const stable = (name: string, n: number, timeoutMs = 60_000) => until(`${name} stable at ${n}`, async () => {
  const s = await describe(name);
  return s.deployments?.length === 1 && s.deployments[0]!.rolloutState === 'COMPLETED' && s.runningCount === n && s.desiredCount === n && s.pendingCount === 0 ? s : undefined;
}, timeoutMs);
const runningContainers = (family: string) => containersWithLabel(`com.amazonaws.ecs.task-definition-family=${family}`, false);
/** Tasks not STOPPED, by container instance. */
const perInstance = (tasks: Task[]) => {
  const m = new Map<string, number>();
  for (const x of tasks) if (x.lastStatus !== 'STOPPED') m.set(x.containerInstanceArn!, (m.get(x.containerInstanceArn!) ?? 0) + 1);
  return m;
};

t.test('a DAEMON service: one task on each of two agents, then on a third that joins; a rolling update stops before it starts', async (t) => {
  const created = await client.call('CreateService', { cluster, serviceName: 'agentd', taskDefinition: daemonFamily, schedulingStrategy: 'DAEMON' });
  t.equal(created.service!.schedulingStrategy, 'DAEMON');
  await stable('agentd', 2);
  let tasks = await serviceTasks('agentd');
  t.equal(tasks.length, 2);
  t.same([...perInstance(tasks).values()], [1, 1], 'one task on each instance');

  startAgent('zone-c');
  await until('three agents connected', async () => (await connectedInstances(client, cluster)).length === 3 || undefined);
  await stable('agentd', 3);
  tasks = await serviceTasks('agentd');
  t.equal(perInstance(tasks).size, 3, 'the instance that joined got its task');
  t.ok([...perInstance(tasks).values()].every((n) => n === 1));
  await until('3 daemon containers', async () => runningContainers(daemonFamily).length === 3 || undefined);

  // Rolling update: never two tasks (old and new) on one instance at a time.
  await client.call('RegisterTaskDefinition', def(daemonFamily, '2'));
  let most = 0;
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      const m = perInstance(await allServiceTasks('agentd'));
      most = Math.max(most, ...m.values());
      await sleep(100);
    }
  })();
  await client.call('UpdateService', { cluster, service: 'agentd', taskDefinition: `${daemonFamily}:2` });
  const s = await until('the daemon updated', async () => {
    const x = await describe('agentd');
    return x.deployments?.length === 1 && x.deployments[0]!.taskDefinition!.endsWith(`${daemonFamily}:2`) && x.deployments[0]!.rolloutState === 'COMPLETED' && x.runningCount === 3 ? x : undefined;
  }, 60_000);
  watching = false;
  await watcher;
  t.equal(s.desiredCount, 3);
  t.equal(most, 1, 'each instance stopped its old task before its new one started');
  tasks = await serviceTasks('agentd');
  t.ok(tasks.every((x) => x.taskDefinitionArn!.endsWith(`${daemonFamily}:2`)));
});

t.test('draining an instance: its daemon task goes, the replica service moves within its bounds, standalone tasks stay', async (t) => {
  const a = await instanceInZone('zone-a');
  // A standalone task on the instance that drains.
  const solo = (await client.call('StartTask', { cluster, taskDefinition: soloFamily, containerInstances: [a.containerInstanceArn!] })).tasks![0]!;
  await until('the standalone task RUNNING', async () => (await client.call('DescribeTasks', { cluster, tasks: [solo.taskArn!] })).tasks?.[0]?.lastStatus === 'RUNNING' || undefined);
  // Four replicas spread over the three zones: zone-a holds at least one.
  await client.call('CreateService', { cluster, serviceName: 'web', taskDefinition: webFamily, desiredCount: 4 });
  await stable('web', 4);
  const onA = (await serviceTasks('web')).filter((x) => x.containerInstanceArn === a.containerInstanceArn);
  t.ok(onA.length >= 1, 'the draining instance has service tasks');

  let fewestHealthy = Infinity;
  let most = 0;
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      const live = (await allServiceTasks('web')).filter((x) => x.lastStatus !== 'STOPPED');
      most = Math.max(most, live.length);
      fewestHealthy = Math.min(fewestHealthy, live.filter((x) => x.lastStatus === 'RUNNING' && x.desiredStatus === 'RUNNING').length);
      await sleep(100);
    }
  })();
  const upd = await client.call('UpdateContainerInstancesState', { cluster, containerInstances: [a.containerInstanceArn!], status: 'DRAINING' });
  t.equal(upd.containerInstances![0]!.status, 'DRAINING');
  await until('no service task left on the draining instance', async () => {
    const [web, daemon] = [await serviceTasks('web'), await serviceTasks('agentd')];
    return [...web, ...daemon].every((x) => x.containerInstanceArn !== a.containerInstanceArn) || undefined;
  }, 60_000);
  await stable('web', 4);
  await stable('agentd', 2);
  watching = false;
  await watcher;
  t.ok(fewestHealthy >= 4, `never fewer than 4 running (minimumHealthyPercent 100), saw ${fewestHealthy}`);
  t.ok(most <= 8, `never more than 8 (maximumPercent 200), saw ${most}`);
  const stoppedOnA = (await serviceTasks('web', 'STOPPED')).filter((x) => x.containerInstanceArn === a.containerInstanceArn);
  t.ok(stoppedOnA.length >= 1 && stoppedOnA.every((x) => x.stopCode === 'ServiceSchedulerInitiated' && /DRAINING/.test(x.stoppedReason ?? '')), 'stopped by the scheduler, saying why');
  const soloNow = (await client.call('DescribeTasks', { cluster, tasks: [solo.taskArn!] })).tasks![0]!;
  t.match(soloNow, { lastStatus: 'RUNNING', desiredStatus: 'RUNNING' }, 'the standalone task keeps running');
  const events = (await describe('web')).events!.map((e) => e.message);
  t.ok(events.some((m) => /^\(service web\) has stopped \d+ running tasks: .*Their container instances are DRAINING\.$/.test(m!)), 'the service event says so');
  t.equal(runningContainers(webFamily).length, 4);
  const daemonOnA = (await serviceTasks('agentd', 'STOPPED')).filter((x) => x.containerInstanceArn === a.containerInstanceArn && /DRAINING/.test(x.stoppedReason ?? ''));
  const lastWebStop = Math.max(...stoppedOnA.map((x) => Number(x.stoppedAt ?? 0)));
  t.ok(daemonOnA.length >= 1 && daemonOnA.every((x) => Number(x.stoppingAt) >= lastWebStop), 'the daemon task stopped last, after the replicas had left');

  // Back to ACTIVE: the daemon covers it again; the replicas stay where they are.
  await client.call('UpdateContainerInstancesState', { cluster, containerInstances: [a.containerInstanceArn!], status: 'ACTIVE' });
  await stable('agentd', 3);
  await client.call('StopTask', { cluster, task: solo.taskArn! });
});

t.test('an agent frozen past the grace period: its service tasks are replaced; after SIGCONT no surplus remains', async (t) => {
  // The zone with the most web tasks freezes.
  const web = await serviceTasks('web');
  const byZone = new Map<string, number>();
  for (const x of web) byZone.set(x.availabilityZone!, (byZone.get(x.availabilityZone!) ?? 0) + 1);
  const zone = [...byZone.entries()].sort((p, q) => q[1] - p[1])[0]![0];
  const ci = await instanceInZone(zone);
  const victims = web.filter((x) => x.containerInstanceArn === ci.containerInstanceArn).map((x) => x.taskArn!);
  const solo = (await client.call('StartTask', { cluster, taskDefinition: soloFamily, containerInstances: [ci.containerInstanceArn!] })).tasks![0]!;
  await until('the standalone task RUNNING', async () => (await client.call('DescribeTasks', { cluster, tasks: [solo.taskArn!] })).tasks?.[0]?.lastStatus === 'RUNNING' || undefined);
  const agent = agents.get(zone)!;
  agent.child.kill('SIGSTOP');
  let resumed = false;
  t.teardown(() => { if (!resumed) agent.child.kill('SIGCONT'); });

  await until('the instance shows its agent disconnected', async () => (await instances()).find((x) => x.containerInstanceArn === ci.containerInstanceArn)?.agentConnected === false || undefined, 30_000);
  // Past the grace period: written off (desired STOPPED, last known RUNNING) and replaced elsewhere.
  const replaced = await until('replacements running elsewhere', async () => {
    const live = (await serviceTasks('web')).filter((x) => x.lastStatus === 'RUNNING');
    return live.length === 4 && live.every((x) => x.containerInstanceArn !== ci.containerInstanceArn) ? live : undefined;
  }, 60_000);
  t.equal(replaced.length, 4);
  const old = (await client.call('DescribeTasks', { cluster, tasks: victims })).tasks!;
  for (const x of old) {
    t.match(x, { lastStatus: 'RUNNING', desiredStatus: 'STOPPED', stopCode: 'ServiceSchedulerInitiated', stoppedReason: "Task stopped because its container instance's agent was lost" }, 'the lost task keeps its last known state, asked to stop');
  }
  const s = await stable('web', 4);
  t.equal(s.runningCount, 4, 'the service counts only the tasks on live instances');
  t.ok(s.events!.some((e) => /Their container instances' agents were lost\.$/.test(e.message!)));
  t.match((await client.call('DescribeTasks', { cluster, tasks: [solo.taskArn!] })).tasks![0], { lastStatus: 'RUNNING', desiredStatus: 'RUNNING' }, 'the standalone task keeps its last known state');
  t.equal(runningContainers(webFamily).length, 4 + victims.length, 'the frozen agent\'s containers still run (nobody could stop them)');

  agent.child.kill('SIGCONT');
  resumed = true;
  await until('the agent is back', async () => (await instances()).find((x) => x.containerInstanceArn === ci.containerInstanceArn)?.agentConnected === true || undefined, 30_000);
  await until('the written-off tasks STOPPED', async () =>
    (await client.call('DescribeTasks', { cluster, tasks: victims })).tasks!.every((x) => x.lastStatus === 'STOPPED') || undefined, 60_000);
  await until('their containers stopped', async () => runningContainers(webFamily).length === 4 || undefined, 30_000);
  await stable('web', 4);
  const live = (await serviceTasks('web')).filter((x) => x.lastStatus !== 'STOPPED');
  t.equal(live.length, 4, 'no surplus: exactly the desired count');
  t.equal(new Set(live.map((x) => x.taskArn)).size, 4, 'no task listed twice');
  t.ok(live.every((x) => !victims.includes(x.taskArn!)));
  // The daemon came back to the instance as it reconnected.
  await stable('agentd', 3);
  t.match((await client.call('DescribeTasks', { cluster, tasks: [solo.taskArn!] })).tasks![0], { lastStatus: 'RUNNING', desiredStatus: 'RUNNING' }, 'the standalone task ran on throughout');
  await sleep(2000);
  t.equal((await serviceTasks('web')).filter((x) => x.lastStatus !== 'STOPPED').length, 4, 'still no surplus');
});
