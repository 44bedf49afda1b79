// Placement end to end: a real control plane, three real berth-agent processes with different zones,
// custom attributes (ECS_INSTANCE_ATTRIBUTES) and memory (ECS_RESERVED_MEMORY), the real dockerd and the
// berth CLI. spread, binpack, memberOf and distinctInstance land tasks where ECS would; a label
// (PutAttributes) is usable at once and survives the agent's re-registration; a drained instance gets
// nothing; a deregistered instance's agent is refused while its containers keep running.
import t from 'tap';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { BerthClient } from '@berth/api';
import type { RunTaskRequest, Task } from '@berth/core';
import {
  berthCli, IMAGE, connectedInstances, containersWithLabel, freePort, removeContainersWithLabel, spawnAgent, startControlPlane, tmp, until, waitForTask, type AgentProcess,
} from './e2e-helpers.js';

const work = tmp('berth-placement-e2e-');
const server = await startControlPlane({ store: `file:${join(work.dir, 'berth.db')}`, port: await freePort() });
const client = server.client();
const cluster = `place-e2e-${process.pid}`;
await client.call('CreateCluster', { clusterName: cluster });

/** a: zone-a prod (most memory); b: zone-a dev (least memory); c: zone-b prod (in between). */
const SPECS = {
  a: { BERTH_AVAILABILITY_ZONE: 'zone-a', ECS_INSTANCE_ATTRIBUTES: '{"stack":"prod","disk":"ssd"}', ECS_RESERVED_MEMORY: '0' },
  b: { BERTH_AVAILABILITY_ZONE: 'zone-a', ECS_INSTANCE_ATTRIBUTES: '{"stack":"dev"}', ECS_RESERVED_MEMORY: '256' },
  c: { BERTH_AVAILABILITY_ZONE: 'zone-b', ECS_INSTANCE_ATTRIBUTES: '{"stack":"prod"}', ECS_RESERVED_MEMORY: '128' },
} as const;
type Name = keyof typeof SPECS;
const envOf = (n: Name) => ({ ECS_CLUSTER: cluster, BERTH_SERVER: server.addr, ...server.joinEnv, ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION: '1h', ...SPECS[n] });
const agents: Record<Name, AgentProcess> = { a: spawnAgent(envOf('a')), b: spawnAgent(envOf('b')), c: spawnAgent(envOf('c')) };

t.teardown(async () => {
  for (const a of Object.values(agents)) a.child.kill('SIGKILL');
  removeContainersWithLabel(`com.amazonaws.ecs.cluster=${cluster}`);
  client.close();
  await server.close();
  work.cleanup();
});

const arns = await until('three connected agents', async () => {
  const c = await connectedInstances(client, cluster);
  return c.length === 3 ? c : undefined;
}, 60_000);
const described = (await client.call('DescribeContainerInstances', { cluster, containerInstances: arns })).containerInstances!;
const attr = (ci: (typeof described)[number], name: string) => ci.attributes?.find((a) => a.name === name)?.value;
/** Instance id by agent name, told apart by their attributes. */
const ids = {} as Record<Name, string>;
for (const ci of described) {
  const id = ci.containerInstanceArn!.split('/').pop()!;
  const zone = attr(ci, 'ecs.availability-zone');
  const stack = attr(ci, 'stack');
  ids[zone === 'zone-b' ? 'c' : stack === 'dev' ? 'b' : 'a'] = id;
}
const nameOf = (arn: string | undefined) => (Object.keys(ids) as Name[]).find((n) => arn?.endsWith(ids[n]))!;
const tally = (tasks: Task[] | undefined) => (tasks ?? []).reduce<Partial<Record<Name, number>>>((m, x) => {
  const n = nameOf(x.containerInstanceArn);
  return { ...m, [n]: (m[n] ?? 0) + 1 };
}, {});

const family = `place-e2e-${process.pid}`;
await client.call('RegisterTaskDefinition', {
  family,
  containerDefinitions: [{ name: 'app', image: IMAGE, memory: 16, command: ['/bin/sh', '-c', "trap 'exit 0' TERM; while true; do sleep 0.2; done"] }],
});
const runTask = (req: Partial<RunTaskRequest>) => client.call('RunTask', { cluster, taskDefinition: family, ...req });

const berth = berthCli(server.addr, cluster, server.configPath);

t.test('the agents register their zones and custom attributes', async (t) => {
  t.same(Object.keys(ids).sort(), ['a', 'b', 'c']);
  const a = described.find((ci) => ci.containerInstanceArn!.endsWith(ids.a))!;
  t.equal(attr(a, 'disk'), 'ssd');
  const mem = (n: Name) => described.find((ci) => ci.containerInstanceArn!.endsWith(ids[n]))!.registeredResources!.find((r) => r.name === 'MEMORY')!.integerValue!;
  t.ok(mem('b') < mem('c') && mem('c') < mem('a'), 'reserved memory makes b the fullest, then c');
});

t.test('spread over zones, then over instances: zone-b\'s one instance takes half', async (t) => {
  const res = await runTask({ count: 4, placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'spread', field: 'instanceId' }] });
  t.same(tally(res.tasks), { a: 1, b: 1, c: 2 });
  for (const task of res.tasks!) await waitForTask(client, cluster, task.taskArn!, 'RUNNING');
  t.equal(containersWithLabel(`com.berth.container-instance=${ids.c}`, false).length, 2, 'and they run there');
});

t.test('binpack memory fills the fullest instance; with memberOf, the fullest prod one', async (t) => {
  const packed = await runTask({ count: 2, group: 'packed', placementStrategy: [{ type: 'binpack', field: 'memory' }] });
  t.same(tally(packed.tasks), { b: 2 });
  const prod = await runTask({ count: 2, group: 'packed-prod', placementStrategy: [{ type: 'binpack', field: 'memory' }], placementConstraints: [{ type: 'memberOf', expression: 'attribute:stack == prod' }] });
  t.same(tally(prod.tasks), { c: 2 });
});

t.test('memberOf with distinctInstance: one per prod instance, and the failure says why', async (t) => {
  const res = await runTask({ count: 3, group: 'one-per-prod', placementConstraints: [{ type: 'memberOf', expression: 'attribute:stack == prod' }, { type: 'distinctInstance' }] });
  t.same(tally(res.tasks), { a: 1, c: 1 });
  t.same(res.failures?.map((f) => f.reason), ['ATTRIBUTE', 'ATTRIBUTE', 'ATTRIBUTE']);
  t.match(res.failures?.[0]?.detail, /1 of 3 tasks could not be placed: no container instance met all requirements \(3 instances: 1 excluded by ATTRIBUTE memberOf\(attribute:stack == prod\), 2 excluded by ATTRIBUTE distinctInstance\)/);
});

t.test('from the CLI: label, run with --strategy and --constraint, get instances --filter, drain, activate', async (t) => {
  const label = await berth('label', 'instance', ids.b, 'stack=prod');
  t.equal(label.code, 0, label.stderr);
  const run = await berth('run', family, '--count', '3', '--group', 'cli-spread', '--strategy', 'spread:attribute:ecs.availability-zone', '--constraint', 'memberOf:attribute:stack == prod', '--constraint', 'distinctInstance', '--wait', '-o', 'json');
  t.equal(run.code, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  t.same(tally(out.tasks), { a: 1, b: 1, c: 1 }, 'b is prod now: the label is usable at once');
  t.ok(out.tasks.every((x: Task) => x.lastStatus === 'RUNNING'));
  const filtered = JSON.parse((await berth('get', 'instances', '--filter', 'attribute:stack == prod and attribute:ecs.availability-zone == zone-a', '-o', 'json')).stdout);
  t.same(filtered.map((c: { containerInstanceArn: string }) => nameOf(c.containerInstanceArn)).sort(), ['a', 'b']);

  t.equal((await berth('drain', 'instance', ids.c)).code, 0);
  const zoneB = await berth('run', family, '--constraint', 'memberOf:attribute:ecs.availability-zone == zone-b');
  t.equal(zoneB.code, 1);
  t.match(zoneB.stderr, /failure: DRAINING \([^)]+\): the container instance is DRAINING/);
  t.equal((await berth('activate', 'instance', ids.c)).code, 0);
  const back = await berth('run', family, '--constraint', 'memberOf:attribute:ecs.availability-zone == zone-b', '-o', 'json');
  t.same(tally(JSON.parse(back.stdout).tasks), { c: 1 });
});

t.test('a restarted agent re-registers: the label stays, the agent\'s own attributes are refreshed', async (t) => {
  agents.b.child.kill('SIGTERM');
  await agents.b.exited;
  agents.b = spawnAgent({ ...envOf('b'), ECS_DATADIR: agents.b.dataDir, ECS_INSTANCE_ATTRIBUTES: '{"stack":"dev","rack":"r2"}' });
  const ci = await until('agent b re-registered and connected', async () => {
    const d = (await client.call('DescribeContainerInstances', { cluster, containerInstances: [ids.b] })).containerInstances![0]!;
    return d.agentConnected && d.attributes?.some((a) => a.name === 'rack') ? d : undefined;
  }, 60_000);
  t.equal(ci.attributes?.find((a) => a.name === 'stack')?.value, 'prod', 'the PutAttributes one wins over the agent\'s stack=dev');
  t.equal(ci.attributes?.find((a) => a.name === 'rack')?.value, 'r2', 'the agent\'s new attribute is there');
  const res = await runTask({ group: 'rack', placementConstraints: [{ type: 'memberOf', expression: 'attribute:rack == r2 and attribute:stack == prod' }] });
  t.same(tally(res.tasks), { b: 1 });
});

t.test('deregister --force: the agent is refused, its containers keep running, its tasks are orphaned', async (t) => {
  const running = containersWithLabel(`com.berth.container-instance=${ids.a}`, false);
  t.ok(running.length >= 3, `a runs ${running.length} containers`);
  const refused = await berth('deregister', 'instance', ids.a);
  t.equal(refused.code, 1);
  t.equal(refused.stderr, 'InvalidParameterException: Found running tasks on the instance.\n  field: force\n');
  const forced = await berth('deregister', 'instance', ids.a, '--force');
  t.equal(forced.code, 0, forced.stderr);
  await until('agent a refused', async () => agents.a.logs.some((l) => l.includes('refused this agent')) || undefined, 30_000);
  t.notOk((await connectedInstances(client, cluster)).some((a) => a.endsWith(ids.a)), 'not connected');
  await new Promise((r) => setTimeout(r, 1000));
  t.same(containersWithLabel(`com.berth.container-instance=${ids.a}`, false).sort(), running.sort(), 'its containers keep running');
  const listed = await client.call('ListTasks', { cluster, containerInstance: ids.a });
  t.same(listed.taskArns, [], 'no RUNNING task is tracked there any more');
  const spread = await runTask({ count: 2, group: 'after', placementStrategy: [{ type: 'spread', field: 'instanceId' }] });
  t.same(tally(spread.tasks), { b: 1, c: 1 }, 'placement no longer considers it');
});
