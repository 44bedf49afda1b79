// Capacity provider strategies at RunTask and PROVISIONING tasks (issue 22 §6), without Docker: machines
// are registered through the API with the berth.capacity-provider attribute, and their agents are marked
// connected by writing the session key the dispatcher writes when a real agent connects (a fake: no agent
// runs here; packages/agent/test/capacity-provider-e2e.test.ts runs real ones). What is tested is the
// control plane's part: the split over providers (Debian's AWS CLI's --capacity-provider-strategy), the
// cluster's default strategy, ECS's refusals, a task of a provider with managed scaling that finds no room
// created PROVISIONING (RunTask answers it, DescribeTasks and ListTasks show it), the waiting machines in
// CapacityProviderReservation and the scale hook's call, its placement when a machine of the provider
// joins, StopTask of a waiting task, and the stop of one that waited longer than --provisioning-timeout.
import t from 'tap';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CAPACITY_API, CAPACITY_PROVIDER_ATTRIBUTE, PROVISIONING_TIMEOUT_STOP, agentCapabilities, type Task } from '@berth/core';
import { sessionKey } from '../src/index.js';
import { rejection, startTestServer, uniq, until } from './helpers.js';
import { awsCli, userWithKey } from './aws-clients.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-cp-strategies-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const calls = join(dir, 'calls');
writeFileSync(join(dir, 'pis'), `#!/bin/sh\ncat >> ${calls}\necho >> ${calls}\n`);
chmodSync(join(dir, 'pis'), 0o755);
const TIMEOUT_MS = 8000;
const ts = await startTestServer({ server: { ecsJson: { listen: '127.0.0.1:0' }, scaleHooks: { dir, urlAllow: [] }, provisioningTimeoutMs: TIMEOUT_MS } });
t.teardown(() => ts.close());
const { client, server } = ts;
const creds = await userWithKey(client, 'strategies');
const ecs = (...args: string[]) => awsCli(creds, `http://${server.ecsAddr}`, 'ecs', ...args);
const cluster = uniq('cps');
await client.call('CreateCluster', { clusterName: cluster });
const hookArn = (await client.callApi(CAPACITY_API, 'CreateScaleHook', { name: 'pis', retries: 0 }) as { scaleHook: { arn: string } }).scaleHook.arn;
const pis = uniq('pis');
const vms = uniq('vms');
await client.call('CreateCapacityProvider', { name: pis, autoScalingGroupProvider: { autoScalingGroupArn: hookArn, managedScaling: { status: 'ENABLED', targetCapacity: 100 } } });
await client.call('CreateCapacityProvider', { name: vms, autoScalingGroupProvider: { autoScalingGroupArn: hookArn, managedScaling: { status: 'DISABLED' } } });
await client.call('PutClusterCapacityProviders', { cluster, capacityProviders: [pis, vms], defaultCapacityProviderStrategy: [{ capacityProvider: vms, weight: 1 }] });

/** A machine of `provider` (or of none) whose agent counts as connected. */
async function machine(provider?: string): Promise<string> {
  const { containerInstance } = await client.call('RegisterContainerInstance', {
    cluster,
    attributes: [...agentCapabilities('1.41').map((name) => ({ name })), ...(provider ? [{ name: CAPACITY_PROVIDER_ATTRIBUTE, value: provider }] : [])],
    totalResources: [
      { name: 'CPU', type: 'INTEGER', integerValue: 1024 }, { name: 'MEMORY', type: 'INTEGER', integerValue: 1024 },
      { name: 'PORTS', type: 'STRINGSET', stringSetValue: [] }, { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: [] },
    ],
  });
  const arn = containerInstance!.containerInstanceArn!;
  await server.ctx.store.put(sessionKey(arn.slice(arn.lastIndexOf('/') + 1)), JSON.stringify({ sessionId: 'fake' }));
  return arn;
}
const pi1 = await machine(pis);
const vm1 = await machine(vms);
const plain = await machine();
await until('the informer sees the machines and their sessions', async () => {
  const snap = await server.ctx.instances!.snapshot(cluster);
  return (snap.instances.length === 3 && snap.instances.every((i) => snap.connected.has(i.rec.id))) || undefined;
});
const small = uniq('small');
const big = uniq('big');
await client.call('RegisterTaskDefinition', { family: small, containerDefinitions: [{ name: 'app', image: 'busybox', memory: 32 }] });
await client.call('RegisterTaskDefinition', { family: big, containerDefinitions: [{ name: 'app', image: 'busybox', memory: 900 }] });
const describe = async (arns: string[]) => (await client.call('DescribeTasks', { cluster, tasks: arns })).tasks ?? [];

t.test('a strategy splits the tasks over its providers, base first, each on its own machines', async (t) => {
  const run = await ecs('run-task', '--cluster', cluster, '--task-definition', small, '--count', '4',
    '--capacity-provider-strategy', `capacityProvider=${pis},base=1,weight=1`, `capacityProvider=${vms},weight=1`);
  t.equal(run.code, 0, run.stderr);
  const tasks = run.json?.tasks as Task[];
  t.same(run.json?.failures, []);
  const by = (p: string) => tasks.filter((x) => x.capacityProviderName === p);
  t.equal(by(pis).length + by(vms).length, 4, 'every task names its provider');
  t.ok(by(pis).length >= 2 && by(vms).length >= 1, `base 1 on ${pis}, then 1:1 (${by(pis).length}:${by(vms).length})`);
  t.ok(by(pis).every((x) => x.containerInstanceArn === pi1), `${pis}'s tasks on its machine`);
  t.ok(by(vms).every((x) => x.containerInstanceArn === vm1), `${vms}'s tasks on its machine`);
  t.ok(tasks.every((x) => x.launchType === 'EC2' && x.lastStatus === 'PENDING'));
  const shown = await describe(tasks.map((x) => x.taskArn!));
  t.same(shown.map((x) => x.capacityProviderName).sort(), tasks.map((x) => x.capacityProviderName).sort(), 'DescribeTasks shows capacityProviderName');
});

t.test('the cluster\'s default strategy when neither launchType nor a strategy is given', async (t) => {
  const byDefault = (await client.call('RunTask', { cluster, taskDefinition: small })).tasks![0]!;
  t.equal(byDefault.capacityProviderName, vms);
  t.equal(byDefault.containerInstanceArn, vm1);
  const launchType = (await client.call('RunTask', { cluster, taskDefinition: small, launchType: 'EC2', placementConstraints: [{ type: 'memberOf', expression: `attribute:${CAPACITY_PROVIDER_ATTRIBUTE} !exists` }] })).tasks![0]!;
  t.equal(launchType.capacityProviderName, undefined, 'a launchType: no provider');
  t.equal(launchType.containerInstanceArn, plain);
});

t.test('ECS\'s refusals of a strategy', async (t) => {
  const rows: [string, object, string, RegExp][] = [
    ['launchType and a strategy', { launchType: 'EC2', capacityProviderStrategy: [{ capacityProvider: vms, weight: 1 }] }, 'capacityProviderStrategy',
      /^Specify either Launch Type or Capacity Provider Strategy, but not both\.$/],
    ['a provider not associated with the cluster', { capacityProviderStrategy: [{ capacityProvider: 'elsewhere', weight: 1 }] }, 'capacityProviderStrategy[0].capacityProvider',
      /^The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster\./],
    ['two bases', { capacityProviderStrategy: [{ capacityProvider: vms, base: 1, weight: 1 }, { capacityProvider: pis, base: 1, weight: 1 }] }, 'capacityProviderStrategy',
      /^Only one capacity provider in a strategy can have a base defined\.$/],
    ['no weight', { capacityProviderStrategy: [{ capacityProvider: vms }] }, 'capacityProviderStrategy', /^There are no capacity providers with a weight value greater than zero/],
  ];
  for (const [what, req, field, message] of rows) {
    t.match(await rejection(client.call('RunTask', { cluster, taskDefinition: small, ...req })), { ecsName: 'InvalidParameterException', field, message }, what);
  }
});

let waitingArn = '';
t.test('a task of a managed provider that finds no room waits PROVISIONING, counts in the reservation, and runs when a machine joins', async (t) => {
  const res = await client.call('RunTask', { cluster, taskDefinition: big, count: 2, capacityProviderStrategy: [{ capacityProvider: pis, weight: 1 }] });
  t.same(res.failures, [], 'no failure: the task waits');
  const [placed, waiting] = [res.tasks!.find((x) => x.lastStatus === 'PENDING'), res.tasks!.find((x) => x.lastStatus === 'PROVISIONING')];
  t.equal(placed?.containerInstanceArn, pi1, 'one fits on the provider\'s machine');
  t.ok(waiting, 'RunTask answers the other PROVISIONING');
  t.equal(waiting?.containerInstanceArn, undefined, 'on no machine yet');
  t.equal(waiting?.capacityProviderName, pis);
  waitingArn = waiting!.taskArn!;
  t.match(await describe([waitingArn]), [{ lastStatus: 'PROVISIONING', desiredStatus: 'RUNNING', capacityProviderName: pis }], 'DescribeTasks shows it');
  const listed = (await client.call('ListTasks', { cluster, family: big })).taskArns ?? [];
  t.ok(listed.includes(waitingArn), 'ListTasks lists it');
  t.same((await client.call('ListTasks', { cluster, containerInstance: pi1, family: big })).taskArns, [placed!.taskArn], 'by instance: only the placed one');

  // Managed scaling: 1 machine with tasks + 1 for the waiting task over 1 present = 200%; the hook is asked for 2.
  await until('the provisioner knows the waiting task', async () => (server.leader.sizes()['provisioner.waiting'] ?? 0) >= 1 || undefined).catch(() => undefined);
  await server.leader.tickMetrics();
  const line = await until('the hook was called', async () => (existsSync(calls) && readFileSync(calls, 'utf8').split('\n').find((l) => l.startsWith('{'))) || undefined);
  const call = JSON.parse(line);
  t.match(call, { capacityProvider: pis, desiredCount: 2, instancesToRemove: [] }, 'the hook is asked for a second machine');

  const pi2 = await machine(pis);
  const [now] = await until('the waiting task is placed on the new machine', async () => {
    const d = await describe([waitingArn]);
    return d[0]?.lastStatus === 'PENDING' ? d : undefined;
  });
  t.equal(now!.containerInstanceArn, pi2);
  t.equal(now!.capacityProviderName, pis);
  const assigned = await server.ctx.store.range(`/berth/v1/assignments/${pi2.slice(pi2.lastIndexOf('/') + 1)}/`);
  t.equal(assigned.kvs.length, 1, 'its assignment is written for the new machine\'s agent');
  waitingArn = '';
});

t.test('services: the cluster\'s default strategy or their own; a task that finds no room waits PROVISIONING and counts as pending', async (t) => {
  const byDefault = (await client.call('CreateService', { cluster, serviceName: uniq('web'), taskDefinition: small, desiredCount: 2 })).service!;
  t.same(byDefault.capacityProviderStrategy, [{ capacityProvider: vms, weight: 1, base: 0 }], 'no launchType: the cluster\'s default strategy, as ECS records it');
  t.equal(byDefault.launchType, undefined);
  t.match(byDefault.deployments?.[0], { capacityProviderStrategy: [{ capacityProvider: vms }] });
  const tasks = await until('the default strategy\'s tasks', async () => {
    const arns = (await client.call('ListTasks', { cluster, serviceName: byDefault.serviceName! })).taskArns ?? [];
    return arns.length === 2 ? describe(arns) : undefined;
  });
  t.same(tasks.map((x) => [x.capacityProviderName, x.containerInstanceArn]), [[vms, vm1], [vms, vm1]]);

  const name = uniq('batch');
  const own = (await client.call('CreateService', { cluster, serviceName: name, taskDefinition: big, desiredCount: 1, capacityProviderStrategy: [{ capacityProvider: pis, weight: 1 }] })).service!;
  t.same(own.capacityProviderStrategy, [{ capacityProvider: pis, weight: 1, base: 0 }]);
  const [waiting] = await until('the service\'s task waits', async () => {
    const arns = (await client.call('ListTasks', { cluster, serviceName: name })).taskArns ?? [];
    return arns.length === 1 ? describe(arns) : undefined;
  });
  t.match(waiting, { lastStatus: 'PROVISIONING', capacityProviderName: pis, group: `service:${name}` }, 'both machines of the provider are full');
  const counted = await until('the service counts it as pending', async () => {
    const s = (await client.call('DescribeServices', { cluster, services: [name] })).services![0]!;
    return s.pendingCount === 1 ? s : undefined;
  });
  t.equal(counted.runningCount, 0);
  t.match(await rejection(client.call('UpdateService', { cluster, service: name, capacityProviderStrategy: [{ capacityProvider: 'elsewhere', weight: 1 }] })),
    { ecsName: 'InvalidParameterException', field: 'capacityProviderStrategy[0].capacityProvider' }, 'UpdateService checks a strategy as CreateService does');
  t.match(await rejection(client.call('PutClusterCapacityProviders', { cluster, capacityProviders: [vms], defaultCapacityProviderStrategy: [{ capacityProvider: vms, weight: 1 }] })),
    { ecsName: 'ResourceInUseException', message: new RegExp(`^The specified capacity provider is in use and cannot be removed: ${pis} \\(`) }, 'a provider in use stays on the cluster');
  await client.call('DeleteService', { cluster, service: name, force: true });
  await until('the waiting task of the deleted service stops', async () => (await describe([waiting!.taskArn!]))[0]?.lastStatus === 'STOPPED' || undefined);
  await client.call('DeleteService', { cluster, service: byDefault.serviceName!, force: true });
});

t.test('StopTask stops a waiting task at once', async (t) => {
  const res = await client.call('RunTask', { cluster, taskDefinition: big, capacityProviderStrategy: [{ capacityProvider: pis, weight: 1 }] });
  const task = res.tasks![0]!;
  t.equal(task.lastStatus, 'PROVISIONING', 'both machines are full');
  const stopped = (await client.call('StopTask', { cluster, task: task.taskArn!, reason: 'not now' })).task!;
  t.match(stopped, { lastStatus: 'STOPPED', desiredStatus: 'STOPPED', stopCode: 'UserInitiated', stoppedReason: 'not now' });
});

t.test('a task that waits longer than the timeout stops with ECS\'s stop code and reason', async (t) => {
  const task = (await client.call('RunTask', { cluster, taskDefinition: big, capacityProviderStrategy: [{ capacityProvider: pis, weight: 1 }] })).tasks![0]!;
  t.equal(task.lastStatus, 'PROVISIONING');
  const [stopped] = await until('the task timed out', async () => {
    const d = await describe([task.taskArn!]);
    return d[0]?.lastStatus === 'STOPPED' ? d : undefined;
  }, TIMEOUT_MS + 30_000);
  t.match(stopped, { desiredStatus: 'STOPPED', stopCode: PROVISIONING_TIMEOUT_STOP.stopCode, stoppedReason: PROVISIONING_TIMEOUT_STOP.stoppedReason });
  t.equal(stopped!.containerInstanceArn, undefined, 'it never had a machine');
  t.ok((stopped!.stoppedAt as number) - (task.createdAt as number) >= TIMEOUT_MS / 1000 - 1, 'not before the timeout');
});
