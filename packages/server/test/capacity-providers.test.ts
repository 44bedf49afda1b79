// ECS capacity providers (issue 22 §6) as far as Berth honours them, through Debian's AWS CLI and the
// gRPC client: create, describe, update and delete a provider for machines Berth does not create; set a
// cluster's providers and default strategy (both sides in one transaction, so a provider in use is not
// deleted); a provider names a scale hook that exists, which is not deleted while named; what is not built
// (Fargate, strategies for DAEMON services and task sets) is refused naming the member. Strategies at RunTask
// and services, and PROVISIONING: capacity-strategies.test.ts.
import t from 'tap';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CAPACITY_API } from '@berth/core';
import { startTestServer, uniq } from './helpers.js';
import { awsCli, userWithKey } from './aws-clients.js';

const hooksDir = mkdtempSync(join(tmpdir(), 'berth-cp-hooks-'));
t.teardown(() => rmSync(hooksDir, { recursive: true, force: true }));
writeFileSync(join(hooksDir, 'pis'), '#!/bin/sh\ncat > /dev/null\n');
chmodSync(join(hooksDir, 'pis'), 0o755);
const ts = await startTestServer({ server: { ecsJson: { listen: '127.0.0.1:0' }, scaleHooks: { dir: hooksDir, urlAllow: [] } } });
t.teardown(() => ts.close());
const { client, server } = ts;
const creds = await userWithKey(client, 'capacity');
const ecs = (...args: string[]) => awsCli(creds, `http://${server.ecsAddr}`, 'ecs', ...args);
const cluster = uniq('cp');
const name = uniq('pis');
const asgArn = (await client.callApi(CAPACITY_API, 'CreateScaleHook', { name: 'pis' }) as { scaleHook: { arn: string } }).scaleHook.arn;
await client.call('CreateCluster', { clusterName: cluster });

t.test('a provider, its cluster and its default strategy', async (t) => {
  const created = await ecs('create-capacity-provider', '--name', name, '--tags', 'key=site,value=attic', '--auto-scaling-group-provider',
    JSON.stringify({ autoScalingGroupArn: asgArn, managedScaling: { status: 'DISABLED', targetCapacity: 80 }, managedTerminationProtection: 'DISABLED' }));
  t.equal(created.code, 0, created.stderr);
  t.match(created.json?.capacityProvider, { name, status: 'ACTIVE', autoScalingGroupProvider: { autoScalingGroupArn: asgArn, managedScaling: { targetCapacity: 80 } } });
  t.match(created.json?.capacityProvider?.capacityProviderArn, new RegExp(`^arn:aws:ecs:us-east-1:\\d+:capacity-provider/${name}$`));
  await t.rejects(client.call('CreateCapacityProvider', { name, autoScalingGroupProvider: { autoScalingGroupArn: asgArn } }), { name: 'ClientException', message: /already exists/ });

  const described = await ecs('describe-capacity-providers', '--capacity-providers', name, 'missing-one');
  t.same(described.json?.capacityProviders?.map((p: { name: string; tags?: unknown }) => [p.name, p.tags]), [[name, undefined]], 'tags only when asked for');
  t.same(described.json?.failures?.map((f: { reason: string }) => f.reason), ['MISSING']);
  const withTags = (await client.call('DescribeCapacityProviders', { capacityProviders: [name], include: ['TAGS'] })).capacityProviders?.[0];
  t.same([withTags?.type, withTags?.tags], ['EC2_AUTOSCALING', [{ key: 'site', value: 'attic' }]], 'its type (newer than this CLI) and tags');

  const updated = await client.call('UpdateCapacityProvider', { name, autoScalingGroupProvider: { managedScaling: { targetCapacity: 90 } } });
  t.match(updated.capacityProvider?.autoScalingGroupProvider?.managedScaling, { status: 'DISABLED', targetCapacity: 90 }, 'an update keeps what it leaves out');

  const put = await ecs('put-cluster-capacity-providers', '--cluster', cluster, '--capacity-providers', name,
    '--default-capacity-provider-strategy', `capacityProvider=${name},weight=1,base=2`);
  t.equal(put.code, 0, put.stderr);
  t.same(put.json?.cluster?.capacityProviders, [name]);
  t.same(put.json?.cluster?.defaultCapacityProviderStrategy, [{ capacityProvider: name, weight: 1, base: 2 }]);
  await t.rejects(client.call('DeleteCapacityProvider', { capacityProvider: name }), { name: 'ResourceInUseException', message: new RegExp(`associated with the cluster ${cluster}`) });
  await t.rejects(client.callApi(CAPACITY_API, 'DeleteScaleHook', { name: asgArn }), { name: 'ResourceInUseException', message: new RegExp(`named by the capacity provider ${name}`) });
  await client.call('PutClusterCapacityProviders', { cluster, capacityProviders: [], defaultCapacityProviderStrategy: [] });
  const deleted = await ecs('delete-capacity-provider', '--capacity-provider', name);
  t.match(deleted.json?.capacityProvider, { name, status: 'INACTIVE', updateStatus: 'DELETE_COMPLETE' }, deleted.stderr);
  t.same((await client.call('DescribeCapacityProviders', {})).capacityProviders?.filter((p) => p.name === name), []);
});

t.test('what Berth cannot act on yet is refused, naming it', async (t) => {
  const create = (asg: object, more: object = {}) => client.call('CreateCapacityProvider', { name: uniq('x'), autoScalingGroupProvider: { autoScalingGroupArn: asgArn, ...asg }, ...more });
  const rows: [string, Promise<unknown>, RegExp][] = [
    ['termination protection without managed scaling', create({ managedTerminationProtection: 'ENABLED' }), /managed scaling must be enabled/],
    ['a target capacity out of range', create({ managedScaling: { status: 'ENABLED', targetCapacity: 0 } }), /'targetCapacity' must be between 1 and 100/],
    ['a reserved name', client.call('CreateCapacityProvider', { name: 'ecs-mine', autoScalingGroupProvider: { autoScalingGroupArn: asgArn } }), /cannot be prefixed with "aws", "ecs", or "fargate"/],
    ['not an Auto Scaling group ARN', create({ autoScalingGroupArn: 'pis' }), /must be an Auto Scaling group ARN/],
    ['an ARN naming no scale hook', create({ autoScalingGroupArn: asgArn.replace(/pis$/, 'vms') }), /there is no scale hook of that name/],
    ['Fargate', client.call('PutClusterCapacityProviders', { cluster, capacityProviders: ['FARGATE'], defaultCapacityProviderStrategy: [] }), /FARGATE.*EC2 launch type only/],
    ['a strategy for a DAEMON service', client.call('CreateService', { cluster, serviceName: 's', taskDefinition: 'f', schedulingStrategy: 'DAEMON', capacityProviderStrategy: [{ capacityProvider: 'p', weight: 1 }] }), /uses capacityProviderStrategy, which Berth does not support: a DAEMON service/],
    ['a strategy at CreateTaskSet', client.call('CreateTaskSet', { cluster, service: 's', taskDefinition: 'f', capacityProviderStrategy: [{ capacityProvider: 'p', weight: 1 }] }), /uses capacityProviderStrategy, which Berth does not support: task sets/],
  ];
  // Every call is already under way: each gets its handler now, so none rejects unhandled while another is awaited.
  await Promise.all(rows.map(([what, call, want]) => t.rejects(call, { message: want }, what)));
});
