// Capacity providers' managed scaling on the leader (capacity/managed-scaling-pass.ts), without agents:
// the machines of a provider are the instances its berth.capacity-provider attribute names; with none
// busy, a period publishes CapacityProviderReservation 0 in AWS/ECS/ManagedScaling (which alarms accept),
// drains the idle machines, and the next period names them to the scale hook (a real script in a temp
// --scale-hooks-dir) with the desired count; once the hook succeeded they are deregistered. Machines of
// no provider are left alone. The leader's period is run by hand (leader.tickMetrics).
import t from 'tap';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CAPACITY_API, CAPACITY_PROVIDER_ATTRIBUTE } from '@berth/core';
import { machineResources, startTestServer, until } from './helpers.js';
import { awsCli, userWithKey } from './aws-clients.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-managed-scaling-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const calls = join(dir, 'calls');
writeFileSync(join(dir, 'pis'), `#!/bin/sh\ncat >> ${calls}\necho >> ${calls}\n`);
chmodSync(join(dir, 'pis'), 0o755);

const ts = await startTestServer({ server: { ecsJson: { listen: '127.0.0.1:0' }, scaleHooks: { dir, urlAllow: [] } } });
t.teardown(() => ts.close());
const { client, server } = ts;
const cluster = `managed-${process.pid}`;
const provider = 'pis-provider';
await client.call('CreateCluster', { clusterName: cluster });
const hookArn = (await client.callApi(CAPACITY_API, 'CreateScaleHook', { name: 'pis', retries: 0 }) as { scaleHook: { arn: string } }).scaleHook.arn;
await client.call('CreateCapacityProvider', {
  name: provider,
  autoScalingGroupProvider: { autoScalingGroupArn: hookArn, managedScaling: { status: 'ENABLED', targetCapacity: 100 }, managedTerminationProtection: 'ENABLED' },
});
await client.call('PutClusterCapacityProviders', { cluster, capacityProviders: [provider], defaultCapacityProviderStrategy: [{ capacityProvider: provider, weight: 1 }] });
const register = async (attributes: { name: string; value: string }[]) =>
  (await client.call('RegisterContainerInstance', { cluster, totalResources: machineResources(1024, 1024), attributes })).containerInstance!.containerInstanceArn!;
const mine = [await register([{ name: CAPACITY_PROVIDER_ATTRIBUTE, value: provider }]), await register([{ name: CAPACITY_PROVIDER_ATTRIBUTE, value: provider }])];
const other = await register([]);
const statuses = async () => Object.fromEntries(((await client.call('DescribeContainerInstances', { cluster, containerInstances: [...mine, other] })).containerInstances ?? [])
  .map((i) => [i.containerInstanceArn!, i.status!]));

t.test('idle machines are drained, then named to the hook, then deregistered', async (t) => {
  await until('the informer sees the machines', async () => (await server.ctx.instances!.snapshot(cluster)).instances.length === 3 || undefined);
  await server.leader.tickMetrics();
  t.same(await statuses(), { [mine[0]!]: 'DRAINING', [mine[1]!]: 'DRAINING', [other]: 'ACTIVE' }, 'drained first; a machine of no provider is left alone');
  const described = (await client.call('DescribeContainerInstances', { cluster, containerInstances: [mine[0]!, other] })).containerInstances!;
  t.same(described.map((i) => i.capacityProviderName), [provider, undefined], 'capacityProviderName from the attribute');
  t.notOk(existsSync(calls), 'nothing named while they were ACTIVE');

  await until('the informer sees them DRAINING', async () => (await server.ctx.instances!.snapshot(cluster)).instances.filter((i) => i.rec.instance.status === 'DRAINING').length === 2 || undefined);
  await server.leader.tickMetrics();
  // The hook script appends its line: the file can exist before the line is whole.
  await until('the hook was called', async () => (existsSync(calls) && readFileSync(calls, 'utf8').endsWith('\n')) || undefined);
  const [call] = readFileSync(calls, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  t.same({ ...call, instancesToRemove: [...call.instancesToRemove].sort((a: { containerInstanceArn: string }, b: { containerInstanceArn: string }) => (a.containerInstanceArn < b.containerInstanceArn ? -1 : 1)) },
    { hook: 'pis', capacityProvider: provider, desiredCount: 0, instancesToRemove: [...mine].sort().map((containerInstanceArn) => ({ containerInstanceArn })) });
  await until('the removed machines are deregistered', async () => Object.values(await statuses()).filter((s) => s === 'INACTIVE').length === 2 || undefined);
  t.equal((await statuses())[other], 'ACTIVE');
  const hooks = (await client.callApi(CAPACITY_API, 'ListScaleHooks', { names: ['pis'] }) as { scaleHooks: { lastCall: object }[] }).scaleHooks;
  t.match(hooks[0]!.lastCall, { desiredCount: 0, status: 'Succeeded', attempts: 1 });
});

t.test('CapacityProviderReservation is a datapoint alarms can watch', async (t) => {
  const creds = await userWithKey(client, 'managed');
  const cw = (...args: string[]) => awsCli(creds, `http://${server.ecsAddr}`, 'cloudwatch', ...args);
  const dims = ['--dimensions', `Name=CapacityProviderName,Value=${provider}`, `Name=ClusterName,Value=${cluster}`];
  const now = Math.floor(Date.now() / 1000);
  const stats = await cw('get-metric-statistics', '--namespace', 'AWS/ECS/ManagedScaling', '--metric-name', 'CapacityProviderReservation', ...dims,
    '--start-time', String(now - 600), '--end-time', String(now + 60), '--period', '60', '--statistics', 'Minimum', 'Maximum');
  t.equal(stats.code, 0, stats.stderr);
  t.same(stats.json?.Datapoints?.map((d: { Minimum: number; Maximum: number; Unit: string }) => [d.Minimum, d.Maximum, d.Unit]), [[0, 0, 'Percent']], '0%: no machine busy');
  const alarm = await cw('put-metric-alarm', '--alarm-name', 'reservation', '--namespace', 'AWS/ECS/ManagedScaling', '--metric-name', 'CapacityProviderReservation', ...dims,
    '--statistic', 'Average', '--period', '60', '--evaluation-periods', '1', '--threshold', '100', '--comparison-operator', 'GreaterThanThreshold');
  t.equal(alarm.code, 0, alarm.stderr);
});
