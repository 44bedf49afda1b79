// ECS capacity providers for machines Berth does not create itself (issue 22 §6): CreateCapacityProvider,
// UpdateCapacityProvider, DeleteCapacityProvider, DescribeCapacityProviders, PutClusterCapacityProviders.
// A provider's autoScalingGroupArn names a scale hook (`berth create scale-hook NAME`,
// handlers/scale-hooks.ts), which must exist; its machines are the instances whose berth.capacity-provider
// attribute names it. Managed scaling runs on the leader (capacity/managed-scaling-pass.ts, ECS's formula
// pure in core/capacity/managed-scaling.ts). Berth only ever removes empty machines, drained first, so
// managed termination protection and managed draining are what it always does: accepted either way. Not
// built, and refused naming the member: ECS Managed Instances, Fargate.
import {
  BerthError, applyMemberDefaults, capacityProviderArn, invalid, scaleHookNameOf, unsupportedFeature,
  type AutoScalingGroupProvider, type AutoScalingGroupProviderUpdate, type CapacityProvider, type CapacityProviderStrategyItem,
  type CreateCapacityProviderRequest, type CreateCapacityProviderResponse, type DeleteCapacityProviderRequest, type DeleteCapacityProviderResponse,
  type DescribeCapacityProvidersRequest, type DescribeCapacityProvidersResponse, type PutClusterCapacityProvidersRequest,
  type PutClusterCapacityProvidersResponse, type UpdateCapacityProviderRequest, type UpdateCapacityProviderResponse,
} from '@berth/core';
import type { Op } from '@berth/store';
import type { ServerContext } from '../context.js';
import { CAPACITY_PROVIDERS_PREFIX, capacityProviderKey, capacityProvidersPage, getCapacityProvider, putCapacityProviderOp, type CapacityProviderRecord } from '../state/capacity-providers.js';
import { putClusterOp } from '../state/clusters.js';
import { getScaleHook } from '../state/scale-hooks.js';
import { getServiceWithoutEvents, serviceNames } from '../state/services.js';
import { provisioningTasksPrefix } from '../state/tasks.js';
import { activeCluster, clusterCommitted, present } from './clusters.js';
import { decodeToken, encodeToken } from '../pagination.js';

const FARGATE = new Set(['FARGATE', 'FARGATE_SPOT']);

const providerArn = (ctx: ServerContext, name: string) => capacityProviderArn(ctx.identity, name);
const nameOf = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);
const notFound = (ref: string) => new BerthError('ClientException', `The specified capacity provider does not exist: ${nameOf(ref)}.`, 'capacityProvider');

/** ECS's ranges, and its rule that managed termination protection needs managed scaling. */
function checkAsgProvider(p: AutoScalingGroupProvider | AutoScalingGroupProviderUpdate): void {
  const f = 'autoScalingGroupProvider';
  if (p.managedTerminationProtection === 'ENABLED' && p.managedScaling?.status !== 'ENABLED') {
    throw invalid(`${f}.managedTerminationProtection`, 'The managed termination protection setting for the capacity provider is invalid. To enable managed termination protection for a capacity provider, managed scaling must be enabled.');
  }
  const s = p.managedScaling;
  if (!s) return;
  const range = (member: keyof typeof s, lo: number, hi: number) => {
    const v = s[member] as number | undefined;
    if (v !== undefined && (!Number.isInteger(v) || v < lo || v > hi)) throw invalid(`${f}.managedScaling.${member}`, `'${member}' must be between ${lo} and ${hi} (${v} given).`);
  };
  range('targetCapacity', 1, 100);
  range('minimumScalingStepSize', 1, 10000);
  range('maximumScalingStepSize', 1, 10000);
  range('instanceWarmupPeriod', 0, 10000);
  if ((s.minimumScalingStepSize ?? 1) > (s.maximumScalingStepSize ?? 10000)) {
    throw invalid(`${f}.managedScaling.minimumScalingStepSize`, 'The minimum scaling step size cannot be greater than the maximum scaling step size.');
  }
}

export async function createCapacityProvider(ctx: ServerContext, req: CreateCapacityProviderRequest): Promise<CreateCapacityProviderResponse> {
  if (req.managedInstancesProvider) throw unsupportedFeature('managedInstancesProvider', 'ECS Managed Instances are machines AWS runs; Berth has none');
  if (req.cluster !== undefined) throw unsupportedFeature('cluster', 'a cluster-scoped provider is an ECS Managed Instances provider; Berth has none');
  if (!/^[a-zA-Z0-9_-]{1,255}$/.test(req.name)) throw invalid('name', 'Up to 255 letters, numbers, hyphens and underscores are allowed.');
  if (/^(aws|ecs|fargate)/i.test(req.name)) throw invalid('name', 'The specified capacity provider name is invalid. Capacity provider names cannot be prefixed with "aws", "ecs", or "fargate".');
  const asg = req.autoScalingGroupProvider;
  if (!asg) throw invalid('autoScalingGroupProvider', 'autoScalingGroupProvider is required.');
  const hook = scaleHookNameOf(asg.autoScalingGroupArn);
  if (hook === undefined) {
    throw invalid('autoScalingGroupProvider.autoScalingGroupArn', 'The autoScalingGroupArn must be an Auto Scaling group ARN (arn:aws:autoscaling:REGION:ACCOUNT:autoScalingGroup:ID:autoScalingGroupName/NAME), a scale hook\'s (berth create scale-hook NAME).');
  }
  if (!(await getScaleHook(ctx.store, hook))) {
    throw invalid('autoScalingGroupProvider.autoScalingGroupArn', `The Auto Scaling group ${hook} does not exist: there is no scale hook of that name (berth create scale-hook ${hook}).`);
  }
  checkAsgProvider(asg);
  const provider: CapacityProvider = {
    capacityProviderArn: providerArn(ctx, req.name), name: req.name, status: 'ACTIVE', type: 'EC2_AUTOSCALING',
    autoScalingGroupProvider: asg, tags: req.tags ?? [],
  };
  const rec: CapacityProviderRecord = { provider, clusters: [] };
  const res = await ctx.store.txn({ compare: [{ key: capacityProviderKey(req.name), modRevision: 0 }], success: [putCapacityProviderOp(rec)] });
  if (!res.succeeded) {
    throw new BerthError('ClientException', 'The specified capacity provider already exists. To change the configuration of an existing capacity provider, update the capacity provider.', 'name');
  }
  return { capacityProvider: provider };
}

export async function updateCapacityProvider(ctx: ServerContext, req: UpdateCapacityProviderRequest): Promise<UpdateCapacityProviderResponse> {
  if (req.managedInstancesProvider) throw unsupportedFeature('managedInstancesProvider', 'ECS Managed Instances are machines AWS runs; Berth has none');
  const cur = await getCapacityProvider(ctx.store, nameOf(req.name));
  if (!cur) throw notFound(req.name);
  const before = cur.value.provider.autoScalingGroupProvider!;
  const next: AutoScalingGroupProvider = {
    ...before, ...req.autoScalingGroupProvider,
    ...(req.autoScalingGroupProvider?.managedScaling ? { managedScaling: { ...before.managedScaling, ...req.autoScalingGroupProvider.managedScaling } } : {}),
  };
  checkAsgProvider(next);
  const provider: CapacityProvider = { ...cur.value.provider, autoScalingGroupProvider: next, updateStatus: 'UPDATE_COMPLETE' };
  const res = await ctx.store.txn({ compare: [{ key: capacityProviderKey(provider.name!), modRevision: cur.modRevision }], success: [putCapacityProviderOp({ ...cur.value, provider })] });
  if (!res.succeeded) throw new BerthError('UpdateInProgressException', `The capacity provider ${provider.name} was changed at the same time; try again.`);
  return { capacityProvider: provider };
}

export async function deleteCapacityProvider(ctx: ServerContext, req: DeleteCapacityProviderRequest): Promise<DeleteCapacityProviderResponse> {
  const cur = await getCapacityProvider(ctx.store, nameOf(req.capacityProvider));
  if (!cur) throw notFound(req.capacityProvider);
  if (cur.value.clusters.length) {
    throw new BerthError('ResourceInUseException', `The specified capacity provider is in use and cannot be removed: it is associated with the cluster ${cur.value.clusters[0]}. Remove it with PutClusterCapacityProviders first.`, 'capacityProvider');
  }
  const res = await ctx.store.txn({ compare: [{ key: capacityProviderKey(cur.value.provider.name!), modRevision: cur.modRevision }], success: [{ delete: capacityProviderKey(cur.value.provider.name!) }] });
  if (!res.succeeded) throw new BerthError('UpdateInProgressException', 'The capacity provider was changed at the same time; try again.');
  return { capacityProvider: { ...cur.value.provider, status: 'INACTIVE', updateStatus: 'DELETE_COMPLETE' } };
}

export async function describeCapacityProviders(ctx: ServerContext, req: DescribeCapacityProvidersRequest): Promise<DescribeCapacityProvidersResponse> {
  const shown = (p: CapacityProvider): CapacityProvider => {
    if (req.include?.includes('TAGS')) return p;
    const { tags: _t, ...rest } = p;
    return rest;
  };
  if (req.capacityProviders?.length) {
    if (req.maxResults !== undefined || req.nextToken !== undefined) throw invalid('maxResults', 'maxResults and nextToken cannot be used with capacityProviders.');
    const out: CapacityProvider[] = [];
    const failures = [];
    for (const ref of req.capacityProviders) {
      const rec = await getCapacityProvider(ctx.store, nameOf(ref));
      if (rec) out.push(shown(rec.value.provider));
      else failures.push({ arn: ref.startsWith('arn:') ? ref : providerArn(ctx, ref), reason: 'MISSING' });
    }
    return { capacityProviders: out, failures };
  }
  const limit = req.maxResults ?? 10;
  if (!Number.isInteger(limit) || limit < 1 || limit > 10) throw invalid('maxResults', `'maxResults' must be between 1 and 10 (${limit} given).`);
  const page = await capacityProvidersPage(ctx.store, decodeToken(req.nextToken, CAPACITY_PROVIDERS_PREFIX), limit);
  return { capacityProviders: page.items.map((r) => shown(r.provider)), failures: [], ...(page.more && page.last ? { nextToken: encodeToken(page.last) } : {}) };
}

/** The cluster's providers and default strategy, and each provider's list of clusters, in one transaction. */
export async function putClusterCapacityProviders(ctx: ServerContext, req: PutClusterCapacityProvidersRequest): Promise<PutClusterCapacityProvidersResponse> {
  const names = req.capacityProviders.map(nameOf);
  names.forEach((n, i) => {
    if (FARGATE.has(n)) throw unsupportedFeature(`capacityProviders[${i}]`, 'Berth runs tasks with the EC2 launch type only', n);
  });
  if (new Set(names).size !== names.length) throw invalid('capacityProviders', 'A capacity provider may be listed only once.');
  const strategy: CapacityProviderStrategyItem[] = req.defaultCapacityProviderStrategy.map((s) => ({ ...s, capacityProvider: nameOf(s.capacityProvider) }));
  strategy.forEach((s, i) => {
    const f = `defaultCapacityProviderStrategy[${i}]`;
    if (!names.includes(s.capacityProvider)) throw invalid(`${f}.capacityProvider`, `The capacity provider ${s.capacityProvider} is not in the cluster's capacityProviders.`);
    if (s.base !== undefined && (s.base < 0 || s.base > 100000)) throw invalid(`${f}.base`, `'base' must be between 0 and 100000 (${s.base} given).`);
    if (s.weight !== undefined && (s.weight < 0 || s.weight > 1000)) throw invalid(`${f}.weight`, `'weight' must be between 0 and 1000 (${s.weight} given).`);
  });
  if (strategy.filter((s) => (s.base ?? 0) > 0).length > 1) throw invalid('defaultCapacityProviderStrategy', 'Only one capacity provider in a strategy can have a base defined.');
  const { cluster, modRevision } = await activeCluster(ctx, req.cluster);
  const name = cluster.clusterName!;
  const before = new Set(cluster.capacityProviders ?? []);
  await refuseInUse(ctx, name, [...before].filter((n) => !names.includes(n)));
  const touched = [...new Set([...before, ...names])].filter((n) => !FARGATE.has(n));
  const records = await Promise.all(touched.map(async (n) => [n, await getCapacityProvider(ctx.store, n)] as const));
  const ops: Op[] = [];
  const compare = [{ key: putClusterOp(cluster).put, modRevision }];
  for (const [n, rec] of records) {
    if (!rec) {
      if (names.includes(n)) throw notFound(n);
      continue;
    }
    const clusters = names.includes(n) ? [...new Set([...rec.value.clusters, name])] : rec.value.clusters.filter((c) => c !== name);
    compare.push({ key: capacityProviderKey(n), modRevision: rec.modRevision });
    ops.push(putCapacityProviderOp({ ...rec.value, clusters }));
  }
  const next = { ...cluster, capacityProviders: names, defaultCapacityProviderStrategy: applyMemberDefaults('CapacityProviderStrategy', strategy) };
  const res = await ctx.store.txn({ compare, success: [putClusterOp(next), ...ops] });
  if (!res.succeeded) throw new BerthError('UpdateInProgressException', 'The cluster or one of its capacity providers was changed at the same time; try again.');
  // This replica's next RunTask reads the new default strategy (launchCluster).
  await clusterCommitted(ctx, res.revision, [name]);
  ctx.log.info('cluster capacity providers set', { cluster: name, capacityProviders: names });
  return { cluster: await present(ctx, next, new Set(['SETTINGS', 'TAGS', 'CONFIGURATIONS'])) };
}

/**
 * ECS refuses to take a provider off a cluster while it is in use: a service's strategy names it, or (in
 * Berth) tasks wait PROVISIONING for its machines. Reads the cluster's services (an operator's call, not a
 * hot path) and one key per provider.
 */
async function refuseInUse(ctx: ServerContext, cluster: string, removed: readonly string[]): Promise<void> {
  if (removed.length === 0) return;
  const inUse = (p: string, by: string) => new BerthError('ResourceInUseException', `The specified capacity provider is in use and cannot be removed: ${p} (${by}).`, 'capacityProviders');
  for (const p of removed) {
    if ((await ctx.store.range(provisioningTasksPrefix(cluster, p), { limit: 1 })).kvs.length > 0) throw inUse(p, 'tasks wait PROVISIONING for its machines');
  }
  for (const service of await serviceNames(ctx.store, cluster, ['ACTIVE', 'DRAINING'])) {
    const strategy = (await getServiceWithoutEvents(ctx.store, cluster, service))?.service.capacityProviderStrategy ?? [];
    const p = removed.find((n) => strategy.some((x) => x.capacityProvider === n));
    if (p !== undefined) throw inUse(p, `the service ${service} uses it`);
  }
}
