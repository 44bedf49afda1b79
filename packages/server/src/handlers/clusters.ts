// Clusters: CreateCluster (idempotent for an ACTIVE name), DeleteCluster (refused while the cluster
// has instances, services or live tasks), DescribeClusters (failures for missing names), ListClusters.
import {
  BerthError, checkName, checkTags, clusterArn, clusterName, invalid,
  type Cluster, type ClusterField, type CreateClusterRequest, type CreateClusterResponse,
  type DeleteClusterRequest, type DeleteClusterResponse, type DescribeClustersRequest,
  type DescribeClustersResponse, type Failure, type ListClustersRequest, type ListClustersResponse,
} from '@berth/core';
import type { ServerContext } from '../context.js';
import type { InstanceRecord, TaskRecord } from '../records.js';
import { CLUSTERS_PREFIX, clusterKey, instancesPrefix, servicesPrefix, tasksPrefix } from '../keys.js';
import { commitWithRetry, decode, getJSON, json, listJSON } from '../json-store.js';
import { decodeToken, encodeToken, pageSize } from '../pagination.js';

const INSIGHTS_VALUES = ['enabled', 'disabled', 'enhanced'];
const DESCRIBE_MAX = 100;

export const clusterNotFound = () => new BerthError('ClusterNotFoundException', 'Cluster not found.', 'cluster');

/** The ACTIVE cluster named by `ref` (name or ARN; absent = default), or ClusterNotFoundException. */
export async function activeCluster(ctx: ServerContext, ref: string | undefined): Promise<{ cluster: Cluster; modRevision: number }> {
  const rec = await getJSON<Cluster>(ctx.store, clusterKey(clusterName(ref)));
  if (!rec || rec.value.status !== 'ACTIVE') throw clusterNotFound();
  return { cluster: rec.value, modRevision: rec.modRevision };
}

function validateCreate(req: CreateClusterRequest): string {
  const name = req.clusterName ?? 'default';
  checkName('clusterName', name);
  if (req.tags) checkTags('tags', req.tags);
  req.settings?.forEach((s, i) => {
    if (s.name !== 'containerInsights') throw invalid(`settings[${i}].name`, `settings[${i}].name: must be containerInsights.`);
    if (s.value === undefined || !INSIGHTS_VALUES.includes(s.value)) {
      throw invalid(`settings[${i}].value`, `settings[${i}].value: must be one of ${INSIGHTS_VALUES.join(' | ')}.`);
    }
  });
  req.defaultCapacityProviderStrategy?.forEach((s, i) => {
    const f = `defaultCapacityProviderStrategy[${i}]`;
    if (s.base !== undefined && (s.base < 0 || s.base > 100000)) throw invalid(`${f}.base`, `${f}.base: must be between 0 and 100000.`);
    if (s.weight !== undefined && (s.weight < 0 || s.weight > 1000)) throw invalid(`${f}.weight`, `${f}.weight: must be between 0 and 1000.`);
  });
  return name;
}

export async function createCluster(ctx: ServerContext, req: CreateClusterRequest): Promise<CreateClusterResponse> {
  const name = validateCreate(req);
  const key = clusterKey(name);
  const cluster = await commitWithRetry(ctx.store, async () => {
    const kv = await ctx.store.get(key);
    const existing = kv ? decode<Cluster>(kv) : null;
    // ECS: creating an existing ACTIVE name returns that cluster unchanged.
    if (existing?.status === 'ACTIVE') return { txn: { compare: [], success: [] }, result: existing };
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
      settings: req.settings ?? [{ name: 'containerInsights', value: 'disabled' }],
      capacityProviders: req.capacityProviders ?? [],
      defaultCapacityProviderStrategy: req.defaultCapacityProviderStrategy ?? [],
      ...(req.configuration ? { configuration: req.configuration } : {}),
      ...(req.serviceConnectDefaults?.namespace ? { serviceConnectDefaults: { namespace: req.serviceConnectDefaults.namespace } } : {}),
    };
    return {
      txn: { compare: [{ key, modRevision: kv?.modRevision ?? 0 }], success: [{ put: key, value: json(fresh) }] },
      result: fresh,
    };
  });
  ctx.log.info('cluster created', { cluster: name });
  return { cluster };
}

interface Members { instances: number; services: number; running: number; pending: number; liveTasks: number }

/** Counts what a cluster holds, from the member records other parts write. */
async function members(ctx: ServerContext, name: string): Promise<Members> {
  const instances = (await listJSON<InstanceRecord>(ctx.store, instancesPrefix(name))).map((r) => r.instance);
  const services = (await listJSON<{ service?: { status?: string }; status?: string }>(ctx.store, servicesPrefix(name))).map((r) => r.service ?? r);
  const tasks = (await listJSON<TaskRecord>(ctx.store, tasksPrefix(name))).map((r) => r.task);
  return {
    instances: instances.filter((i) => i.status === 'ACTIVE' || i.status === 'DRAINING').length,
    services: services.filter((s) => s.status === 'ACTIVE' || s.status === 'DRAINING').length,
    running: tasks.filter((t) => t.lastStatus === 'RUNNING').length,
    pending: tasks.filter((t) => t.lastStatus === 'PENDING').length,
    liveTasks: tasks.filter((t) => t.lastStatus !== 'STOPPED').length,
  };
}

export async function deleteCluster(ctx: ServerContext, req: DeleteClusterRequest): Promise<DeleteClusterResponse> {
  const name = clusterName(req.cluster);
  const key = clusterKey(name);
  const cluster = await commitWithRetry(ctx.store, async () => {
    const { cluster, modRevision } = await activeCluster(ctx, name);
    const m = await members(ctx, name);
    if (m.instances > 0) throw new BerthError('ClusterContainsContainerInstancesException', 'The Cluster cannot be deleted while Container Instances are active or draining.');
    if (m.services > 0) throw new BerthError('ClusterContainsServicesException', 'The Cluster cannot be deleted while Services are active.');
    if (m.liveTasks > 0) throw new BerthError('ClusterContainsTasksException', 'The Cluster cannot be deleted while Tasks are active.');
    // The record stays, INACTIVE, so the cluster remains describable; re-creating the name works.
    const inactive: Cluster = { ...cluster, status: 'INACTIVE' };
    return { txn: { compare: [{ key, modRevision }], success: [{ put: key, value: json(inactive) }] }, result: inactive };
  });
  ctx.log.info('cluster deleted', { cluster: name });
  return { cluster };
}

/** The cluster as DescribeClusters shows it: live counts, and the optional parts only when asked for. */
async function present(ctx: ServerContext, c: Cluster, include: Set<ClusterField>): Promise<Cluster> {
  const out: Cluster = { ...c };
  if (c.status === 'ACTIVE') {
    const m = await members(ctx, c.clusterName!);
    out.registeredContainerInstancesCount = m.instances;
    out.runningTasksCount = m.running;
    out.pendingTasksCount = m.pending;
    out.activeServicesCount = m.services;
    if (include.has('STATISTICS')) {
      out.statistics = [
        { name: 'runningEC2TasksCount', value: String(m.running) },
        { name: 'runningFargateTasksCount', value: '0' },
        { name: 'pendingEC2TasksCount', value: String(m.pending) },
        { name: 'pendingFargateTasksCount', value: '0' },
        { name: 'activeEC2ServiceCount', value: String(m.services) },
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
  if (refs.length > DESCRIBE_MAX) throw invalid('clusters', `clusters: at most ${DESCRIBE_MAX} names per call.`);
  const include = new Set(req.include ?? []);
  const clusters: Cluster[] = [];
  const failures: Failure[] = [];
  for (const ref of refs) {
    const name = clusterName(ref);
    const rec = await getJSON<Cluster>(ctx.store, clusterKey(name));
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
    const page = await ctx.store.range(CLUSTERS_PREFIX, { limit: limit - clusterArns.length, ...(after ? { after } : {}) });
    for (const kv of page.kvs) {
      const c = decode<Cluster>(kv);
      if (c.status === 'ACTIVE') clusterArns.push(c.clusterArn!);
      after = kv.key;
    }
    if (!page.more) return { clusterArns };
    if (clusterArns.length >= limit) return { clusterArns, nextToken: encodeToken(after!) };
  }
}
