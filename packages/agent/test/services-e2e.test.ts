// Services end to end: a real control plane (file store) with short service timers, two real berth-agent
// processes, the real dockerd, and the berth CLI bin for the user's side. Scale 0 -> 4 -> 2; a container
// killed with `docker kill` is replaced; a rolling update of 4 tasks with min 50 / max 200 never has fewer
// than 2 healthy tasks (watched throughout); a command that exits at once trips the circuit breaker, which
// rolls back; `berth rollout status` follows each and exits 0 or 1.
import t from 'tap';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { BerthClient } from '@berth/api';
import type { Service, Task } from '@berth/core';
import {
  berthCli, IMAGE, connectedInstances, containersWithLabel, docker, freePort, removeContainersWithLabel, sleep, spawnAgent, startControlPlane, tmp, until,
} from './e2e-helpers.js';

const work = tmp('berth-svc-e2e-');
const server = await startControlPlane({
  store: `file:${join(work.dir, 'berth.db')}`, port: await freePort(),
  services: { settleSeconds: 1, throttleBaseSeconds: 0.5, throttleMaxSeconds: 2, resyncSeconds: 2 },
});
const client = server.client();
const cluster = `svc-e2e-${process.pid}`;
await client.call('CreateCluster', { clusterName: cluster });
const agents = ['zone-a', 'zone-b'].map((zone) => spawnAgent({
  ECS_CLUSTER: cluster, BERTH_SERVER: server.addr, ...server.joinEnv, BERTH_AVAILABILITY_ZONE: zone, ECS_RESERVED_MEMORY: '0',
}));
t.teardown(async () => {
  for (const a of agents) a.child.kill('SIGKILL');
  removeContainersWithLabel(`com.amazonaws.ecs.cluster=${cluster}`);
  client.close();
  await server.close();
  work.cleanup();
});
await until('two agents connected', async () => (await connectedInstances(client, cluster)).length === 2 || undefined);

const berth = berthCli(server.addr, cluster, server.configPath);

const family = `svc-web-${process.pid}`;
const badFamily = `svc-bad-${process.pid}`;
// PID 1 is a shell that exits on SIGTERM, so stops are quick.
const loop = "trap 'exit 0' TERM; while true; do sleep 0.2; done";
const webDef = (version: string) => ({
  family, containerDefinitions: [{ name: 'web', image: IMAGE, memory: 16, cpu: 16, essential: true, command: ['/bin/sh', '-c', loop], environment: [{ name: 'VERSION', value: version }] }],
});
await client.call('RegisterTaskDefinition', webDef('1'));
const svcFile = join(work.dir, 'web.yaml');
writeFileSync(svcFile, `serviceName: web\ntaskDefinition: ${family}\ndesiredCount: 0\n`);

async function serviceTasks(): Promise<Task[]> {
  const arns = (await client.call('ListTasks', { cluster, serviceName: 'web' })).taskArns ?? [];
  if (arns.length === 0) return [];
  return (await client.call('DescribeTasks', { cluster, tasks: arns })).tasks ?? [];
}
const describe = async (): Promise<Service> => (await client.call('DescribeServices', { cluster, services: ['web'] })).services![0]!;
const runningContainers = () => containersWithLabel(`com.amazonaws.ecs.cluster=${cluster}`, false);
const stableAt = (n: number) => until(`stable at ${n}`, async () => {
  const s = await describe();
  return s.deployments?.length === 1 && s.deployments[0]!.rolloutState === 'COMPLETED' && s.runningCount === n && s.desiredCount === n ? s : undefined;
}, 60_000);

t.test('create service, scale 0 -> 4 -> 2', async (t) => {
  const c = await berth('create', 'service', '-f', svcFile);
  t.equal(c.code, 0, c.stderr);
  await stableAt(0);
  t.equal((await berth('scale', 'service', 'web', '--desired', '4')).code, 0);
  const st = await berth('rollout', 'status', 'service', 'web', '--timeout', '60');
  t.equal(st.code, 0, st.stdout + st.stderr);
  await stableAt(4);
  const tasks = await serviceTasks();
  t.equal(tasks.length, 4);
  t.ok(tasks.every((x) => x.lastStatus === 'RUNNING' && x.group === 'service:web' && /^ecs-svc\/\d{19}$/.test(x.startedBy ?? '')));
  const zones = tasks.map((x) => x.availabilityZone).sort();
  t.same(zones, ['zone-a', 'zone-a', 'zone-b', 'zone-b'], 'spread over zones by default');
  await until('4 containers running', async () => runningContainers().length === 4 || undefined);

  t.equal((await berth('scale', 'service', 'web', '--desired', '2')).code, 0);
  await stableAt(2);
  await until('2 containers running', async () => runningContainers().length === 2 || undefined, 30_000);
  const d = await berth('describe', 'service', 'web');
  t.match(d.stdout, /\(service web\) has stopped 2 running tasks/);
  t.match(d.stdout, /\(service web\) has reached a steady state\./);
});

t.test('docker kill of a service task container: it is replaced', async (t) => {
  const before = await serviceTasks();
  const victim = before[0]!;
  const [cid] = containersWithLabel(`com.amazonaws.ecs.task-arn=${victim.taskArn}`, false);
  t.ok(cid, 'the task has a running container');
  docker('kill', cid!);
  await until('the killed task STOPPED', async () => {
    const x = (await client.call('DescribeTasks', { cluster, tasks: [victim.taskArn!] })).tasks?.[0];
    return x?.lastStatus === 'STOPPED' ? x : undefined;
  }, 30_000);
  await until('replaced', async () => {
    const now = (await serviceTasks()).filter((x) => x.lastStatus === 'RUNNING');
    return now.length === 2 && !now.some((x) => x.taskArn === victim.taskArn) ? now : undefined;
  }, 60_000);
  await stableAt(2);
  t.equal(runningContainers().length, 2);
});

t.test('rolling update of 4 tasks, min 50 max 200: never fewer than 2 healthy', async (t) => {
  t.equal((await berth('scale', 'service', 'web', '--desired', '4')).code, 0);
  await stableAt(4);
  await client.call('RegisterTaskDefinition', webDef('2'));
  writeFileSync(svcFile, `serviceName: web\ntaskDefinition: ${family}\ndesiredCount: 4\ndeploymentConfiguration:\n  minimumHealthyPercent: 50\n  maximumPercent: 200\n  deploymentCircuitBreaker: {enable: true, rollback: true}\n`);
  let lowest = Infinity;
  let highest = 0;
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      const tasks = await serviceTasks();
      // Healthy as the scheduler counts it (no health check here): RUNNING, not being stopped, for the
      // settle time (1 s in this test).
      const healthy = tasks.filter((x) => x.lastStatus === 'RUNNING' && x.desiredStatus === 'RUNNING' && Date.now() / 1000 - (x.startedAt ?? Infinity) >= 1).length;
      lowest = Math.min(lowest, healthy);
      highest = Math.max(highest, tasks.filter((x) => x.lastStatus !== 'STOPPED').length);
      await sleep(25);
    }
  })();
  const a = await berth('apply', '-f', svcFile);
  t.equal(a.code, 0, a.stderr);
  t.match(a.stdout, new RegExp(`deployment ecs-svc/\\d{19} of ${family}:2 started`));
  const st = await berth('rollout', 'status', 'service', 'web', '--timeout', '90');
  watching = false;
  await watcher;
  t.equal(st.code, 0, st.stdout + st.stderr);
  t.match(st.stdout, /successfully rolled out/);
  t.ok(lowest >= 2, `never fewer than 2 healthy tasks (lowest ${lowest})`);
  t.ok(highest <= 8, `never more than maximumPercent running or pending (most ${highest})`);
  const tasks = (await serviceTasks()).filter((x) => x.lastStatus === 'RUNNING');
  t.equal(tasks.length, 4);
  t.ok(tasks.every((x) => x.taskDefinitionArn!.endsWith(`${family}:2`)));
});

t.test('a command that exits at once trips the circuit breaker and rolls back', async (t) => {
  await client.call('RegisterTaskDefinition', { family: badFamily, containerDefinitions: [{ name: 'web', image: IMAGE, memory: 16, command: ['/bin/sh', '-c', 'exit 3'] }] });
  const good = (await describe()).taskDefinition;
  await client.call('UpdateService', { cluster, service: 'web', taskDefinition: badFamily });
  const st = await berth('rollout', 'status', 'service', 'web', '--timeout', '90');
  t.equal(st.code, 1, 'rollout status fails');
  t.match(st.stdout, /^deployment ecs-svc\/\d{19} failed: ECS deployment circuit breaker: task failed to start\. Rolled back to /m);
  const s = await stableAt(4);
  t.equal(s.taskDefinition, good, 'the last completed revision is back');
  t.match(s.deployments![0]!.rolloutStateReason, /^ECS deployment ecs-svc\/\d{19} completed\.$/);
  t.ok(s.events!.some((e) => /\(deployment ecs-svc\/\d{19}\) deployment failed: tasks failed to start\./.test(e.message!)));
  const tasks = (await serviceTasks()).filter((x) => x.lastStatus === 'RUNNING');
  t.ok(tasks.every((x) => x.taskDefinitionArn === good));
});

t.test('delete --force stops every task and the service goes INACTIVE', async (t) => {
  const d = await berth('delete', 'service', 'web', '--force');
  t.equal(d.code, 0, d.stderr);
  await until('INACTIVE', async () => (await describe()).status === 'INACTIVE' || undefined, 60_000);
  await until('no container running', async () => runningContainers().length === 0 || undefined, 30_000);
  t.same((await client.call('ListServices', { cluster })).serviceArns, []);
});
