// A capacity provider end to end (issue 22 §6): a real control plane, real berth-agent processes on the
// real dockerd, and a scale hook that is a script in a temp --scale-hooks-dir. With targetCapacity 50 a
// busy machine puts CapacityProviderReservation at 100, so the leader asks the hook for 2 machines; the
// script starts a second berth-agent with a join token and the provider's attribute, and a task runs on
// it. Then, at targetCapacity 100 with that task stopped, the idle machine is drained first (DRAINING),
// named to the hook only once empty, and deregistered; the busy one stays. Then RunTask over the provider's
// strategy: of two tasks that each take a whole machine's CPU, one runs on the machine present and the
// other waits PROVISIONING; it counts in the reservation, the hook starts a new agent, and the waiting task
// runs on it. A webhook to a URL outside --hook-url-allow is refused.
import t from 'tap';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CAPACITY_API, CAPACITY_PROVIDER_ATTRIBUTE, type ScaleHookRequest } from '@berth/core';
import type { ContainerInstance } from '@berth/core';
import { IMAGE, REPO_ROOT, startTestCluster, tmp, until, waitForTask } from './e2e-helpers.js';

t.setTimeout(420_000);
const hooks = tmp('berth-capacity-hooks-');
t.teardown(() => hooks.cleanup());
const provider = `pis-${process.pid}`;
const attributes = JSON.stringify({ [CAPACITY_PROVIDER_ATTRIBUTE]: provider });
const { server, client, cluster, agents } = await startTestCluster('capacity-e2e', t.teardown, {
  // One AWS minute a second: the managed-scaling pass runs every second.
  server: { awsMinuteMs: 1000, scaleHooks: { dir: hooks.dir, urlAllow: ['http://127.0.0.1:9/hooks/'], backoffBaseMs: 200 } },
  agents: [{ ECS_INSTANCE_ATTRIBUTES: attributes, ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION: '1h' }],
});
const first = agents[0]!;

// The hook: records each request; asked for more machines while no machine it started is up, it starts
// one more agent (this site has one spare machine at a time), detached, as a script that powers on a Pi would.
const calls = join(hooks.dir, 'calls');
const pidFile = join(hooks.dir, 'agent.pid');
const agentData = join(hooks.dir, 'agent-data');
const agentEnv: Record<string, string> = {
  ECS_CLUSTER: cluster, BERTH_SERVER: server.addr, ...server.joinEnv, ECS_RESERVED_MEMORY: '0',
  ECS_INSTANCE_ATTRIBUTES: attributes, ECS_IMAGE_PULL_BEHAVIOR: 'prefer-cached', ECS_CONTAINER_STOP_TIMEOUT: '2s',
  ECS_AGENT_CONFIG_FILE_PATH: join(hooks.dir, 'no-such-config.json'), ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION: '1h',
  BERTH_HOST_PORT_BIND_IP: '127.0.0.1', BERTH_INTROSPECTION_ADDR: '127.0.0.1:0', BERTH_METRICS_ADDR: '127.0.0.1:0', BERTH_CREDENTIALS_ADDR: '127.0.0.1:0',
};
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
writeFileSync(join(hooks.dir, 'pis'), [
  '#!/bin/sh',
  'request=$(cat)',
  `printf '%s\\n' "$request" >> ${quote(calls)}`,
  `case "$request" in *'"instancesToRemove":[]'*) ;; *) exit 0 ;; esac`,
  `[ -e ${quote(pidFile)} ] && kill -0 "$(cat ${quote(pidFile)})" 2>/dev/null && exit 0`,
  // Each machine it starts is a new one: its own data directory.
  `data=${quote(agentData)}-$$`,
  'mkdir -p "$data"',
  `env ${Object.entries(agentEnv).map(([k, v]) => `${k}=${quote(v)}`).join(' ')} ECS_DATADIR="$data" setsid ${quote(process.execPath)} ${quote(`${REPO_ROOT}packages/agent/bin/berth-agent.js`)} > ${quote(join(hooks.dir, 'agent.log'))} 2>&1 < /dev/null &`,
  `echo $! > ${quote(pidFile)}`,
  '',
].join('\n'), { mode: 0o700 });
chmodSync(join(hooks.dir, 'pis'), 0o700);
t.teardown(() => {
  if (existsSync(pidFile)) {
    try { process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL'); } catch { /* gone */ }
  }
  first.child.kill('SIGKILL');
});

const loop = "trap 'exit 0' TERM; while true; do sleep 0.2; done";
await client.call('RegisterTaskDefinition', { family: cluster, containerDefinitions: [{ name: 'main', image: IMAGE, memory: 16, essential: true, command: ['/bin/sh', '-c', loop] }] });
const requests = (): ScaleHookRequest[] => (existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n').map((l) => JSON.parse(l)) : []);
const instances = async (): Promise<ContainerInstance[]> => {
  const arns = (await client.call('ListContainerInstances', { cluster, status: 'ACTIVE' })).containerInstanceArns ?? [];
  const draining = (await client.call('ListContainerInstances', { cluster, status: 'DRAINING' })).containerInstanceArns ?? [];
  const all = [...arns, ...draining];
  return all.length ? (await client.call('DescribeContainerInstances', { cluster, containerInstances: all })).containerInstances ?? [] : [];
};

t.test('a busy provider asks its hook for a machine; the hook starts an agent and a task runs on it', async (t) => {
  // The machine is busy before the provider scales (an idle one would be drained: nothing needs it).
  const [one] = await instances();
  const busy = (await client.call('StartTask', { cluster, taskDefinition: cluster, containerInstances: [one!.containerInstanceArn!] })).tasks![0]!;
  await waitForTask(client, cluster, busy.taskArn!, 'RUNNING', 60_000);
  const hookArn = (await client.callApi(CAPACITY_API, 'CreateScaleHook', { name: 'pis', retries: 1, timeoutSeconds: 20 }) as { scaleHook: { arn: string } }).scaleHook.arn;
  await client.call('CreateCapacityProvider', {
    name: provider,
    autoScalingGroupProvider: { autoScalingGroupArn: hookArn, managedScaling: { status: 'ENABLED', targetCapacity: 50 }, managedTerminationProtection: 'ENABLED' },
  });
  await client.call('PutClusterCapacityProviders', { cluster, capacityProviders: [provider], defaultCapacityProviderStrategy: [] });
  const asked = await until('the hook is asked for 2 machines', async () => requests().find((r) => r.desiredCount === 2), 60_000);
  t.same(asked, { hook: 'pis', capacityProvider: provider, desiredCount: 2, instancesToRemove: [] });
  const joined = await until('the hook\'s agent joins', async () => (await instances()).find((i) => i.containerInstanceArn !== one!.containerInstanceArn && i.agentConnected), 90_000);
  t.equal(joined.capacityProviderName, provider, 'it belongs to the provider (its attribute)');
  const onNew = (await client.call('StartTask', { cluster, taskDefinition: cluster, containerInstances: [joined.containerInstanceArn!] })).tasks![0]!;
  const running = await waitForTask(client, cluster, onNew.taskArn!, 'RUNNING', 60_000);
  t.equal(running.containerInstanceArn, joined.containerInstanceArn, 'the task runs on the machine the hook started');

  // Scale-in: the new machine's task stops; at targetCapacity 100 one machine is enough.
  await client.call('StopTask', { cluster, task: onNew.taskArn! });
  await waitForTask(client, cluster, onNew.taskArn!, 'STOPPED', 60_000);
  await client.call('UpdateCapacityProvider', { name: provider, autoScalingGroupProvider: { managedScaling: { targetCapacity: 100 } } });
  const drained = await until('the idle machine is drained', async () => (await instances()).find((i) => i.status === 'DRAINING'), 60_000);
  t.equal(drained.containerInstanceArn, joined.containerInstanceArn, 'the idle machine, never the busy one');
  t.notOk(requests().some((r) => r.instancesToRemove.length > 0), 'not named while it was ACTIVE');
  const removal = await until('the hook is told to remove it', async () => requests().find((r) => r.instancesToRemove.length > 0), 60_000);
  t.same(removal, { hook: 'pis', capacityProvider: provider, desiredCount: 1, instancesToRemove: [{ containerInstanceArn: joined.containerInstanceArn }] });
  await until('it is deregistered', async () => (await client.call('DescribeContainerInstances', { cluster, containerInstances: [joined.containerInstanceArn!] })).containerInstances?.[0]?.status === 'INACTIVE' || undefined, 30_000);
  const left = await instances();
  t.same(left.map((i) => [i.containerInstanceArn, i.status]), [[one!.containerInstanceArn, 'ACTIVE']], 'the busy machine stays');
});

t.test('tasks that find no room wait PROVISIONING, the hook starts a machine for them, and they run on it', async (t) => {
  // The machine the hook started before is gone (deregistered above): power it off, and wait until it is
  // off (the hook starts a machine only while none of its own is up).
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8'));
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    if (alive()) process.kill(pid, 'SIGTERM');
    await until('the old machine is off', async () => !alive() || undefined, 30_000);
  }
  const [one] = await instances();
  // A task that takes a whole machine's CPU: one fits on the busy machine (its task reserves none), not two.
  const cpu = one!.registeredResources!.find((r) => r.name === 'CPU')!.integerValue!;
  const whole = `${cluster}-whole`;
  await client.call('RegisterTaskDefinition', { family: whole, containerDefinitions: [{ name: 'main', image: IMAGE, cpu, memory: 16, essential: true, command: ['/bin/sh', '-c', loop] }] });
  const before = requests().length;
  const run = await client.call('RunTask', { cluster, taskDefinition: whole, count: 2, capacityProviderStrategy: [{ capacityProvider: provider, weight: 1 }] });
  t.same(run.failures, []);
  const placed = run.tasks!.find((x) => x.lastStatus === 'PENDING')!;
  const waiting = run.tasks!.find((x) => x.lastStatus === 'PROVISIONING')!;
  t.equal(placed?.containerInstanceArn, one!.containerInstanceArn, 'one task fits on the machine present');
  t.ok(waiting, 'the other waits PROVISIONING');
  t.equal(waiting?.capacityProviderName, provider);
  // 1 busy machine + 1 for the waiting task over 1 present: CapacityProviderReservation 200, 2 machines wanted.
  const asked = await until('the hook is asked for a machine for the waiting task', async () => requests().slice(before).find((r) => r.desiredCount === 2), 60_000);
  t.same(asked.instancesToRemove, []);
  const ran = await waitForTask(client, cluster, waiting.taskArn!, 'RUNNING', 120_000);
  t.not(ran.containerInstanceArn, one!.containerInstanceArn, 'the waiting task runs on the machine the hook started');
  const machine = (await client.call('DescribeContainerInstances', { cluster, containerInstances: [ran.containerInstanceArn!] })).containerInstances![0]!;
  t.match(machine, { capacityProviderName: provider, agentConnected: true, status: 'ACTIVE' });
  t.equal(ran.capacityProviderName, provider);
  await waitForTask(client, cluster, placed.taskArn!, 'RUNNING', 60_000);
  for (const x of [placed, waiting]) await client.call('StopTask', { cluster, task: x.taskArn! });
});

t.test('a webhook to a URL outside --hook-url-allow is refused', async (t) => {
  await t.rejects(client.callApi(CAPACITY_API, 'CreateScaleHook', { name: 'vms', url: 'http://127.0.0.1:9/admin' }), { name: 'InvalidParameterException', message: /not under a URL the server allows/ });
});
