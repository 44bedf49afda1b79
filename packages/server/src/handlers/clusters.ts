// Clusters: CreateCluster (idempotent for an ACTIVE name), DeleteCluster (refused while the cluster
// has instances, services or live tasks), DescribeClusters (failures for missing names), ListClusters,
// UpdateCluster and UpdateClusterSettings (settings merged by name, configuration members replaced whole,
// stored and served as ECS does; what Container Insights does with its setting is the metrics part's).
import {
  BerthError, applyMemberDefaults, checkName, checkTags, clusterArn, clusterName, describeValue, invalid,
  type Cluster, type ClusterConfiguration, type ClusterField, type ClusterSetting, type CreateClusterRequest, type CreateClusterResponse,
  type DeleteClusterRequest, type DeleteClusterResponse, type DescribeClustersRequest,
  type DescribeClustersResponse, type Failure, type ListClustersRequest, type ListClustersResponse,
  type UpdateClusterRequest, type UpdateClusterResponse, type UpdateClusterSettingsRequest, type UpdateClusterSettingsResponse,
} from '@berth/core';
import type { CallContext } from '@berth/api';
import type { ServerContext } from '../context.js';
import { callerPrincipal, effectiveAccountSetting } from './account-settings.js';
import { commitWithRetry, noWrite } from '../state/kit.js';
import { clusterKey, clusterStats, clustersPage, getCluster, putClusterOp, CLUSTERS_PREFIX } from '../state/clusters.js';
import { hasInstances } from '../state/instances.js';
import { hasServices } from '../state/services.js';
import { hasLiveTasks } from '../state/tasks.js';
import { decodeToken, encodeToken, pageSize } from '../pagination.js';

const INSIGHTS_VALUES = ['enabled', 'disabled', 'enhanced'];
const DESCRIBE_MAX = 100;

export const clusterNotFound = () => new BerthError('ClusterNotFoundException', 'Cluster not found.', 'cluster');

/** The ACTIVE cluster named by `ref` (name or ARN; absent = default), or ClusterNotFoundException. */
export async function activeCluster(ctx: ServerContext, ref: string | undefined): Promise<{ cluster: Cluster; modRevision: number }> {
  const rec = await getCluster(ctx.store, clusterName(ref));
  if (!rec || rec.value.status !== 'ACTIVE') throw clusterNotFound();
  return { cluster: rec.value, modRevision: rec.modRevision };
}

/**
 * The ACTIVE cluster a launch (RunTask, StartTask) runs in, or ClusterNotFoundException: from the cluster
 * informer where the context has one (no store read), else, and when the informer holds no ACTIVE record
 * of it (a cluster just created: read-your-writes without waiting), from the store. The writes that take a
 * cluster away or change what a launch reads of it (DeleteCluster, PutClusterCapacityProviders) wait until
 * the informer holds them (`clusterCommitted`).
 */
export async function launchCluster(ctx: ServerContext, ref: string | undefined): Promise<Cluster> {
  const name = clusterName(ref);
  const held = await ctx.clusters?.derive(clusterKey(name), (v) => JSON.parse(v) as Cluster);
  if (held?.status === 'ACTIVE') return held;
  return (await activeCluster(ctx, name)).cluster;
}

/** After a write of cluster records this replica committed at `revision`: resolves once the cluster informer holds it. */
export async function clusterCommitted(ctx: ServerContext, revision: number, names: readonly string[]): Promise<void> {
  await ctx.clusters?.caughtUp(revision, names.map(clusterKey));
}

/** The cluster exists (ACTIVE or INACTIVE), or ClusterNotFoundException. */
export async function clusterExists(ctx: ServerContext, cluster: string): Promise<void> {
  if ((await getCluster(ctx.store, cluster)) === null) throw clusterNotFound();
}

/** CreateCluster's, UpdateCluster's and UpdateClusterSettings' settings: containerInsights, with one of its values. */
function checkClusterSettings(settings: readonly ClusterSetting[] | undefined): void {
  settings?.forEach((s, i) => {
    if (s.name !== 'containerInsights') throw invalid(`settings[${i}].name`, `The only cluster setting is containerInsights (${describeValue(s.name)} given).`);
    if (s.value === undefined || !INSIGHTS_VALUES.includes(s.value)) {
      throw invalid(`settings[${i}].value`, `The containerInsights setting must be one of ${INSIGHTS_VALUES.join(' | ')} (${describeValue(s.value)} given).`);
    }
  });
}

/** ECS's rule for ECS Exec's logging: OVERRIDE names where the logs go. */
function checkConfiguration(c: ClusterConfiguration | undefined): void {
  const e = c?.executeCommandConfiguration;
  if (e?.logging === 'OVERRIDE' && e.logConfiguration === undefined) {
    throw invalid('configuration.executeCommandConfiguration.logConfiguration', 'When logging is OVERRIDE, a logConfiguration must be provided.');
  }
}

function validateCreate(req: CreateClusterRequest): string {
  const name = req.clusterName ?? 'default';
  checkName('clusterName', name);
  if (req.tags) checkTags('tags', req.tags);
  checkClusterSettings(req.settings);
  checkConfiguration(req.configuration);
  req.defaultCapacityProviderStrategy?.forEach((s, i) => {
    const f = `defaultCapacityProviderStrategy[${i}]`;
    if (s.base !== undefined && (s.base < 0 || s.base > 100000)) throw invalid(`${f}.base`, `'base' must be between 0 and 100000 (${s.base} given).`);
    if (s.weight !== undefined && (s.weight < 0 || s.weight > 1000)) throw invalid(`${f}.weight`, `'weight' must be between 0 and 1000 (${s.weight} given).`);
  });
  return name;
}

export async function createCluster(ctx: ServerContext, req: CreateClusterRequest, call?: Pick<CallContext, 'caller'>): Promise<CreateClusterResponse> {
  const name = validateCreate(req);
  // Without settings, Container Insights is what the caller's containerInsights account setting says.
  const settings = req.settings ?? [{ name: 'containerInsights' as const, value: await effectiveAccountSetting(ctx, 'containerInsights', callerPrincipal(ctx, call)) }];
  const cluster = await commitWithRetry(ctx.store, async () => {
    const cur = await getCluster(ctx.store, name);
    // ECS: creating an existing ACTIVE name returns that cluster unchanged.
    if (cur?.value.status === 'ACTIVE') return { txn: noWrite, result: cur.value };
    const fresh: Cluster = {
      clusterArn: clusterArn(ctx.identity, name),
      clusterName: name,
      status: 'ACTIVE',
      registeredContainerInstancesCount: 0,
      runningTasksCount: 0,
      pendingTasksCount: 0,
      activeServicesCount: 0,
      statistics: [],
      tags: req.tags ?? [],
      settings,
      capacityProviders: req.capacityProviders ?? [],
      defaultCapacityProviderStrategy: applyMemberDefaults('CapacityProviderStrategy', structuredClone(req.defaultCapacityProviderStrategy ?? [])),
      ...(req.configuration ? { configuration: req.configuration } : {}),
      ...(req.serviceConnectDefaults?.namespace ? { serviceConnectDefaults: { namespace: req.serviceConnectDefaults.namespace } } : {}),
    };
    return {
      txn: { compare: [{ key: putClusterOp(fresh).put, modRevision: cur?.modRevision ?? 0 }], success: [putClusterOp(fresh)] },
      result: fresh,
    };
  });
  ctx.log.info('cluster created', { cluster: name });
  return { cluster };
}

export async function deleteCluster(ctx: ServerContext, req: DeleteClusterRequest): Promise<DeleteClusterResponse> {
  const name = clusterName(req.cluster);
  let committedAt = 0;
  const cluster = await commitWithRetry(ctx.store, async () => {
    const { cluster, modRevision } = await activeCluster(ctx, name);
    // One key of each index answers each question, however big the cluster.
    if (await hasInstances(ctx.store, name, ['ACTIVE', 'DRAINING'])) {
      throw new BerthError('ClusterContainsContainerInstancesException', 'The Cluster cannot be deleted while Container Instances are active or draining.');
    }
    if (await hasServices(ctx.store, name, ['ACTIVE', 'DRAINING'])) throw new BerthError('ClusterContainsServicesException', 'The Cluster cannot be deleted while Services are active.');
    if (await hasLiveTasks(ctx.store, name)) throw new BerthError('ClusterContainsTasksException', 'The Cluster cannot be deleted while Tasks are active.');
    // The record stays, INACTIVE, so the cluster remains describable; re-creating the name works.
    const inactive: Cluster = { ...cluster, status: 'INACTIVE' };
    return { txn: { compare: [{ key: putClusterOp(inactive).put, modRevision }], success: [putClusterOp(inactive)] }, result: inactive };
  }, { onCommitted: (revision) => { committedAt = revision; } });
  await clusterCommitted(ctx, committedAt, [name]);
  ctx.log.info('cluster deleted', { cluster: name });
  return { cluster };
}

/** Applies `change` to the ACTIVE cluster in one compared write; answers the cluster as ECS's updates show it. */
async function updateActiveCluster(ctx: ServerContext, ref: string, change: (c: Cluster) => Cluster): Promise<Cluster> {
  const name = clusterName(ref);
  const updated = await commitWithRetry(ctx.store, async () => {
    const { cluster, modRevision } = await activeCluster(ctx, name);
    const next = change(cluster);
    return { txn: { compare: [{ key: putClusterOp(next).put, modRevision }], success: [putClusterOp(next)] }, result: next };
  });
  ctx.log.info('cluster updated', { cluster: name });
  return present(ctx, updated, new Set(['SETTINGS', 'TAGS', 'CONFIGURATIONS']));
}

/** `settings` over `current`, by name: a setting given replaces the one of its name. */
function mergeSettings(current: readonly ClusterSetting[] | undefined, settings: readonly ClusterSetting[]): ClusterSetting[] {
  const byName = new Map((current ?? []).map((s) => [s.name, s]));
  for (const s of settings) byName.set(s.name, { name: s.name!, value: s.value! });
  return [...byName.values()];
}

export async function updateCluster(ctx: ServerContext, req: UpdateClusterRequest): Promise<UpdateClusterResponse> {
  checkClusterSettings(req.settings);
  checkConfiguration(req.configuration);
  const cluster = await updateActiveCluster(ctx, req.cluster, (c) => {
    const next: Cluster = { ...c };
    if (req.settings !== undefined) next.settings = mergeSettings(c.settings, req.settings);
    // Each member of configuration given replaces the one kept (ECS: the new configuration is the given one).
    if (req.configuration !== undefined) next.configuration = { ...c.configuration, ...req.configuration };
    if (req.serviceConnectDefaults?.namespace) next.serviceConnectDefaults = { namespace: req.serviceConnectDefaults.namespace };
    return next;
  });
  return { cluster };
}

export async function updateClusterSettings(ctx: ServerContext, req: UpdateClusterSettingsRequest): Promise<UpdateClusterSettingsResponse> {
  checkClusterSettings(req.settings);
  const cluster = await updateActiveCluster(ctx, req.cluster, (c) => ({ ...c, settings: mergeSettings(c.settings, req.settings) }));
  return { cluster };
}

/** The cluster as DescribeClusters shows it: live counts, and the optional parts only when asked for. */
export async function present(ctx: ServerContext, c: Cluster, include: Set<ClusterField>): Promise<Cluster> {
  const out: Cluster = { ...c };
  if (c.status === 'ACTIVE') {
    // The leader's aggregation of the indexes: it may lag the store by about a second, as ECS's counts do.
    const m = await clusterStats(ctx.store, c.clusterName!);
    out.registeredContainerInstancesCount = m.registeredContainerInstancesCount;
    out.runningTasksCount = m.runningTasksCount;
    out.pendingTasksCount = m.pendingTasksCount;
    out.activeServicesCount = m.activeServicesCount;
    if (include.has('STATISTICS')) {
      out.statistics = [
        { name: 'runningEC2TasksCount', value: String(m.runningTasksCount) },
        { name: 'runningFargateTasksCount', value: '0' },
        { name: 'pendingEC2TasksCount', value: String(m.pendingTasksCount) },
        { name: 'pendingFargateTasksCount', value: '0' },
        { name: 'activeEC2ServiceCount', value: String(m.activeServicesCount) },
        { name: 'activeFargateServiceCount', value: '0' },
        { name: 'drainingEC2ServiceCount', value: '0' },
        { name: 'drainingFargateServiceCount', value: '0' },
      ];
    }
  }
  if (!include.has('STATISTICS')) out.statistics = [];
  if (!include.has('TAGS')) delete out.tags;
  if (!include.has('SETTINGS')) delete out.settings;
  if (!include.has('CONFIGURATIONS')) delete out.configuration;
  if (!include.has('ATTACHMENTS')) { delete out.attachments; delete out.attachmentsStatus; }
  return out;
}

export async function describeClusters(ctx: ServerContext, req: DescribeClustersRequest): Promise<DescribeClustersResponse> {
  const refs = req.clusters?.length ? req.clusters : ['default'];
  if (refs.length > DESCRIBE_MAX) throw invalid('clusters', `At most ${DESCRIBE_MAX} clusters can be described at once (${refs.length} given).`);
  const include = new Set(req.include ?? []);
  const clusters: Cluster[] = [];
  const failures: Failure[] = [];
  for (const ref of refs) {
    const name = clusterName(ref);
    const rec = await getCluster(ctx.store, name);
    if (rec) clusters.push(await present(ctx, rec.value, include));
    else failures.push({ arn: clusterArn(ctx.identity, name), reason: 'MISSING' });
  }
  return { clusters, failures };
}

export async function listClusters(ctx: ServerContext, req: ListClustersRequest): Promise<ListClustersResponse> {
  const limit = pageSize(req.maxResults);
  let after = decodeToken(req.nextToken, CLUSTERS_PREFIX);
  const clusterArns: string[] = [];
  // INACTIVE clusters are skipped, so read pages until this one is full.
  for (;;) {
    const page = await clustersPage(ctx.store, after, limit - clusterArns.length);
    for (const { key, cluster } of page.clusters) {
      if (cluster.status === 'ACTIVE') clusterArns.push(cluster.clusterArn!);
      after = key;
    }
    if (!page.more) return { clusterArns };
    if (clusterArns.length >= limit) return { clusterArns, nextToken: encodeToken(after!) };
  }
}
