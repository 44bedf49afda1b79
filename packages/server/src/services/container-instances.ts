// Container instances: RegisterContainerInstance (new, or re-registration of a known instance by its
// ARN), DescribeContainerInstances (live counts and agentConnected) and ListContainerInstances.
//
// The instance record keeps the ECS object whole. Its remainingResources are authoritative: RunTask
// decrements them and a task reaching STOPPED gives them back, each in the same transaction as the task
// records and with a compare on the instance record, so replicas never oversubscribe an instance. A
// re-registration compares the same record, so it never races a placement either.
import { randomBytes } from 'node:crypto';
import {
  checkTags, checkTotalResources, clientError, clusterName, containerInstanceArn, invalid,
  parseArn, remainingAfter, resourceId,
  type Attribute, type ContainerInstance, type ContainerInstanceField, type DescribeContainerInstancesRequest,
  type DescribeContainerInstancesResponse, type Failure, type ListContainerInstancesRequest,
  type ListContainerInstancesResponse, type PlatformDevice, type RegisterContainerInstanceRequest,
  type RegisterContainerInstanceResponse,
} from '@berth/core';
import type { ServerContext } from '../context.js';
import type { InstanceRecord, TaskRecord } from '../records.js';
import { clusterKey, instanceKey, instancesPrefix, sessionKey, tasksPrefix } from '../keys.js';
import { commitWithRetry, decode, getJSON, json, listJSON } from '../json-store.js';
import { decodeToken, encodeToken, pageSize } from '../pagination.js';
import { activeCluster, clusterNotFound } from './clusters.js';

const DESCRIBE_MAX = 100;
const INSTANCE_STATUSES = ['ACTIVE', 'DRAINING', 'REGISTERING', 'DEREGISTERING', 'REGISTRATION_FAILED', 'INACTIVE'];

/** The instance record as stored: InstanceRecord plus what ContainerInstance has no member for. */
export interface StoredInstance extends InstanceRecord {
  platformDevices?: PlatformDevice[];
}

/** A fresh container instance id: 32 lowercase hex characters, as ECS's long ARN format uses. */
export const newInstanceId = () => randomBytes(16).toString('hex');

// --- references ---------------------------------------------------------------------------------------

/**
 * The id a container instance reference names in `cluster`: a bare id, or an ARN
 * `...:container-instance/<cluster>/<id>`. null when the ARN names another cluster or is not a container
 * instance ARN (the caller reports it as MISSING / not found).
 */
export function instanceRefId(ref: string, cluster: string): string | null {
  if (!ref.startsWith('arn:')) return ref;
  const a = parseArn(ref);
  if (a === null || a.service !== 'ecs' || a.resourceType !== 'container-instance') return null;
  const parts = a.resource.split('/');
  if (parts.length === 2 && parts[0] !== cluster) return null;
  return resourceId(a.resource);
}

// --- attribute rules (ECS API brief §3.1 Attribute, §4.5) ---------------------------------------------

const ATTR_NAME = /^[A-Za-z0-9_\-/\\.]{1,128}$/;
const ATTR_VALUE = /^[A-Za-z0-9_\-.@/\\: ]{1,128}$/;

export function checkAttributes(field: string, attrs: readonly Attribute[] | undefined): void {
  const seen = new Map<string, number>();
  attrs?.forEach((a, i) => {
    const f = `${field}[${i}]`;
    if (typeof a.name !== 'string' || !ATTR_NAME.test(a.name)) {
      throw invalid(`${f}.name`, `${f}.name: 1-128 letters, digits, hyphens, underscores, periods, slashes or backslashes (got '${a.name}')`);
    }
    const prev = seen.get(a.name);
    if (prev !== undefined) throw invalid(`${f}.name`, `${f}.name: duplicate attribute '${a.name}' (also ${field}[${prev}])`);
    seen.set(a.name, i);
    if (a.value !== undefined && (!ATTR_VALUE.test(a.value) || a.value !== a.value.trim())) {
      throw invalid(`${f}.value`, `${f}.value: 1-128 letters, digits, spaces (not leading or trailing) and - _ . @ / \\ : (got '${a.value}')`);
    }
    if (a.targetType !== undefined && a.targetType !== 'container-instance') {
      throw invalid(`${f}.targetType`, `${f}.targetType: must be container-instance`);
    }
  });
}

/** What an EC2 instance identity document tells: instance id, zone, type, AMI. */
function identityDocument(doc: string | undefined): { ec2InstanceId?: string; attributes: Attribute[] } {
  if (doc === undefined || doc === '') return { attributes: [] };
  let d: Record<string, unknown>;
  try {
    d = JSON.parse(doc) as Record<string, unknown>;
    if (typeof d !== 'object' || d === null || Array.isArray(d)) throw new Error('not an object');
  } catch {
    throw invalid('instanceIdentityDocument', 'instanceIdentityDocument: must be the EC2 instance identity document (a JSON object)');
  }
  const s = (k: string) => (typeof d[k] === 'string' && d[k] !== '' ? (d[k] as string) : undefined);
  const attributes: Attribute[] = [];
  const add = (name: string, value?: string) => value !== undefined && attributes.push({ name, value });
  add('ecs.availability-zone', s('availabilityZone'));
  add('ecs.instance-type', s('instanceType'));
  add('ecs.ami-id', s('imageId'));
  return { ...(s('instanceId') ? { ec2InstanceId: s('instanceId')! } : {}), attributes };
}

// --- RegisterContainerInstance ------------------------------------------------------------------------

export async function registerContainerInstance(ctx: ServerContext, req: RegisterContainerInstanceRequest): Promise<RegisterContainerInstanceResponse> {
  const cluster = clusterName(req.cluster);
  const registeredResources = checkTotalResources('totalResources', req.totalResources);
  checkAttributes('attributes', req.attributes);
  if (req.tags) checkTags('tags', req.tags);
  const iid = identityDocument(req.instanceIdentityDocument);
  // The agent's attributes win over what the identity document says.
  const given = req.attributes ?? [];
  const attributes = [...given, ...iid.attributes.filter((a) => !given.some((g) => g.name === a.name))];
  let wantedId: string | undefined;
  if (req.containerInstanceArn !== undefined && req.containerInstanceArn !== '') {
    const a = parseArn(req.containerInstanceArn);
    if (a === null || a.service !== 'ecs' || a.resourceType !== 'container-instance') {
      throw invalid('containerInstanceArn', `containerInstanceArn: '${req.containerInstanceArn}' is not a container instance ARN`);
    }
    // An ARN of another cluster (or of an instance this store never saw) registers a new instance.
    wantedId = instanceRefId(req.containerInstanceArn, cluster) ?? undefined;
  }

  const ckey = clusterKey(cluster);
  const { instance, id, reregistered } = await commitWithRetry(ctx.store, async () => {
    const c = await activeCluster(ctx, cluster);
    const existing = wantedId !== undefined ? await getJSON<StoredInstance>(ctx.store, instanceKey(cluster, wantedId)) : null;
    const now = ctx.now();
    if (existing && existing.value.instance.status === 'INACTIVE') {
      throw clientError(`containerInstanceArn: the container instance ${req.containerInstanceArn} is INACTIVE (deregistered); register without its ARN to join as a new instance`, 'containerInstanceArn');
    }
    let rec: StoredInstance;
    let reregistered = false;
    if (existing) {
      // Re-registration: same id and registeredAt; resources recomputed from the live tasks. The instance
      // record was read first: a task placed or stopped after that changes it, and this commit retries.
      const held = (await listJSON<TaskRecord>(ctx.store, tasksPrefix(cluster)))
        .filter((t) => t.containerInstanceId === wantedId && t.task.lastStatus !== 'STOPPED')
        .map((t) => t.reservation);
      const prev = existing.value.instance;
      const instance: ContainerInstance = {
        ...prev,
        ...(iid.ec2InstanceId ? { ec2InstanceId: iid.ec2InstanceId } : {}),
        version: (prev.version ?? 0) + 1,
        ...(req.versionInfo ? { versionInfo: req.versionInfo } : {}),
        registeredResources,
        remainingResources: remainingAfter(registeredResources, held),
        attributes,
        ...(req.tags ? { tags: req.tags } : {}),
      };
      rec = { ...existing.value, instance, ...(req.platformDevices ? { platformDevices: req.platformDevices } : {}) };
      reregistered = true;
    } else {
      const id = newInstanceId();
      const instance: ContainerInstance = {
        containerInstanceArn: containerInstanceArn(ctx.identity, cluster, id),
        ...(iid.ec2InstanceId ? { ec2InstanceId: iid.ec2InstanceId } : {}),
        version: 1,
        versionInfo: req.versionInfo ?? {},
        remainingResources: remainingAfter(registeredResources, []),
        registeredResources,
        status: 'ACTIVE',
        agentConnected: false,
        runningTasksCount: 0,
        pendingTasksCount: 0,
        attributes,
        registeredAt: now,
        attachments: [],
        tags: req.tags ?? [],
      };
      rec = { cluster, id, instance, ...(req.platformDevices ? { platformDevices: req.platformDevices } : {}) };
    }
    const key = instanceKey(cluster, rec.id);
    return {
      txn: {
        // The cluster compare keeps a registration from landing in a cluster being deleted meanwhile.
        compare: [{ key, modRevision: existing?.modRevision ?? 0 }, { key: ckey, modRevision: c.modRevision }],
        success: [{ put: key, value: json(rec) }],
      },
      result: { instance: rec.instance, id: rec.id, reregistered },
    };
  });
  ctx.log.info(reregistered ? 'container instance re-registered' : 'container instance registered', { cluster, instance: id });
  const counts = await taskCounts(ctx, cluster);
  return { containerInstance: await present(ctx, { cluster, id, instance }, new Set(['TAGS']), counts) };
}

// --- Describe / List ----------------------------------------------------------------------------------

type Counts = Map<string, { running: number; pending: number }>;

/** Per instance id: tasks with desiredStatus RUNNING, and tasks with lastStatus PENDING (ECS's counters). */
export async function taskCounts(ctx: ServerContext, cluster: string): Promise<Counts> {
  const counts: Counts = new Map();
  for (const t of await listJSON<TaskRecord>(ctx.store, tasksPrefix(cluster))) {
    const c = counts.get(t.containerInstanceId) ?? { running: 0, pending: 0 };
    if (t.task.desiredStatus === 'RUNNING') c.running++;
    if (t.task.lastStatus === 'PENDING') c.pending++;
    counts.set(t.containerInstanceId, c);
  }
  return counts;
}

/** The instance as Describe shows it: live counts, agentConnected, tags and health only when asked. */
async function present(ctx: ServerContext, rec: InstanceRecord, include: Set<ContainerInstanceField>, counts: Counts): Promise<ContainerInstance> {
  const connected = (await ctx.store.get(sessionKey(rec.id))) !== null;
  const c = counts.get(rec.id) ?? { running: 0, pending: 0 };
  const out: ContainerInstance = {
    ...rec.instance,
    agentConnected: connected,
    runningTasksCount: c.running,
    pendingTasksCount: c.pending,
  };
  if (!include.has('TAGS')) delete out.tags;
  else out.tags ??= [];
  if (include.has('CONTAINER_INSTANCE_HEALTH')) {
    // Berth runs no instance health checks yet; the one fact it has is the agent's connection.
    out.healthStatus = {
      overallStatus: connected ? 'OK' : 'IMPAIRED',
      details: [{ type: 'AGENT_CONNECTIVITY', status: connected ? 'OK' : 'IMPAIRED', lastUpdated: ctx.now() }],
    };
  }
  return out;
}

async function clusterExists(ctx: ServerContext, cluster: string): Promise<void> {
  if ((await ctx.store.get(clusterKey(cluster))) === null) throw clusterNotFound();
}

export async function describeContainerInstances(ctx: ServerContext, req: DescribeContainerInstancesRequest): Promise<DescribeContainerInstancesResponse> {
  const cluster = clusterName(req.cluster);
  const refs = req.containerInstances ?? [];
  if (refs.length === 0) throw invalid('containerInstances', 'containerInstances: give at least one container instance id or ARN.');
  if (refs.length > DESCRIBE_MAX) throw invalid('containerInstances', `containerInstances: at most ${DESCRIBE_MAX} per call (${refs.length} given).`);
  await clusterExists(ctx, cluster);
  const include = new Set(req.include ?? []);
  const counts = await taskCounts(ctx, cluster);
  const containerInstances: ContainerInstance[] = [];
  const failures: Failure[] = [];
  const recs = await Promise.all(refs.map(async (ref) => {
    const id = instanceRefId(ref, cluster);
    return { ref, rec: id ? await getJSON<InstanceRecord>(ctx.store, instanceKey(cluster, id)) : null };
  }));
  for (const { ref, rec } of recs) {
    if (rec) containerInstances.push(await present(ctx, rec.value, include, counts));
    else failures.push({ arn: ref.startsWith('arn:') ? ref : containerInstanceArn(ctx.identity, cluster, ref), reason: 'MISSING' });
  }
  return { containerInstances, failures };
}

export async function listContainerInstances(ctx: ServerContext, req: ListContainerInstancesRequest): Promise<ListContainerInstancesResponse> {
  const cluster = clusterName(req.cluster);
  const limit = pageSize(req.maxResults);
  if (req.filter !== undefined && req.filter !== '') {
    throw invalid('filter', 'filter: the cluster query language is not supported yet; it arrives with placement constraints.');
  }
  const status = req.status as string | undefined;
  if (status !== undefined && !INSTANCE_STATUSES.includes(status)) {
    throw invalid('status', `status: must be one of ${INSTANCE_STATUSES.join(' | ')}.`);
  }
  await clusterExists(ctx, cluster);
  const prefix = instancesPrefix(cluster);
  let after = decodeToken(req.nextToken, prefix);
  const containerInstanceArns: string[] = [];
  const keep = (s: string | undefined) => (status === undefined ? s !== 'INACTIVE' : s === status);
  for (;;) {
    const page = await ctx.store.range(prefix, { limit: limit - containerInstanceArns.length, ...(after ? { after } : {}) });
    for (const kv of page.kvs) {
      const rec = decode<InstanceRecord>(kv);
      if (keep(rec.instance.status)) containerInstanceArns.push(rec.instance.containerInstanceArn!);
      after = kv.key;
    }
    if (!page.more) return { containerInstanceArns };
    if (containerInstanceArns.length >= limit) return { containerInstanceArns, nextToken: encodeToken(after!) };
  }
}
