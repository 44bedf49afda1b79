// Container instances: RegisterContainerInstance (new, or re-registration of a known instance by its
// ARN), DescribeContainerInstances (live counts and agentConnected), ListContainerInstances (status and a
// cluster query language filter), UpdateContainerInstancesState (ACTIVE / DRAINING),
// DeregisterContainerInstance (INACTIVE; with force its tasks are orphaned), and the custom attributes:
// PutAttributes, DeleteAttributes, ListAttributes.
//
// The instance record keeps the ECS object whole. Its remainingResources and taskGroups are
// authoritative: RunTask adds to them and a task reaching STOPPED gives them back, each in the same
// transaction as the task records and with a compare on the instance record, so replicas never
// oversubscribe an instance. A re-registration, a state change or an attribute change compares the same
// record, so it never races a placement either: a launch that read the record before the change fails
// its compare and places again on what the change wrote.
import { randomBytes } from 'node:crypto';
import {
  BerthError, attributeMap, checkAttribute, checkAttributes, checkTags, checkTotalResources, clientError, clusterName,
  compileQuery, containerInstanceArn, invalid, mergeAttributes, orphanTask, parseArn, parseQuery, putCustomAttributes,
  querySubjects, remainingAfter, resourceId,
  type Attribute, type ContainerInstance, type ContainerInstanceField, type DeleteAttributesRequest,
  type DeleteAttributesResponse, type DeregisterContainerInstanceRequest, type DeregisterContainerInstanceResponse,
  type DescribeContainerInstancesRequest, type DescribeContainerInstancesResponse, type Failure,
  type ListAttributesRequest, type ListAttributesResponse, type ListContainerInstancesRequest,
  type ListContainerInstancesResponse, type PlatformDevice, type PutAttributesRequest, type PutAttributesResponse,
  type QueryInstance, type RegisterContainerInstanceRequest, type RegisterContainerInstanceResponse,
  type UpdateContainerInstancesStateRequest, type UpdateContainerInstancesStateResponse,
} from '@berth/core';
import type { TxnRequest } from '@berth/store';
import type { ServerContext } from '../context.js';
import type { InstanceRecord, TaskRecord } from '../records.js';
import { clusterKey, instanceKey, instancesPrefix, sessionKey, taskKey, tasksPrefix } from '../keys.js';
import { commitWithRetry, decode, getJSON, json, listJSON } from '../json-store.js';
import { decodeToken, encodeToken, pageSize } from '../pagination.js';
import { activeCluster, clusterNotFound } from './clusters.js';
import { agentConnected, instanceEventOps, taskEventOps } from '../events/publish.js';

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
  // The agent's attributes win over what the identity document says. Custom attributes added with
  // PutAttributes are kept across re-registrations (and win over the agent's of the same name).
  const given = (req.attributes ?? []).map((a) => (a.value !== undefined ? { name: a.name, value: a.value } : { name: a.name }));
  const agentAttributes = [...given, ...iid.attributes.filter((a) => !given.some((g) => g.name === a.name))];
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
      const live = (await listJSON<TaskRecord>(ctx.store, tasksPrefix(cluster)))
        .filter((t) => t.containerInstanceId === wantedId && t.task.lastStatus !== 'STOPPED');
      const held = live.map((t) => t.reservation);
      const prev = existing.value.instance;
      const customAttributes = existing.value.customAttributes ?? [];
      const instance: ContainerInstance = {
        ...prev,
        ...(iid.ec2InstanceId ? { ec2InstanceId: iid.ec2InstanceId } : {}),
        version: (prev.version ?? 0) + 1,
        ...(req.versionInfo ? { versionInfo: req.versionInfo } : {}),
        registeredResources,
        remainingResources: remainingAfter(registeredResources, held),
        attributes: mergeAttributes(agentAttributes, customAttributes),
        ...(req.tags ? { tags: req.tags } : {}),
      };
      rec = {
        ...withAttributes(existing.value, agentAttributes, customAttributes), instance, taskGroups: groupCounts(live),
        ...(req.platformDevices ? { platformDevices: req.platformDevices } : {}),
      };
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
        attributes: mergeAttributes(agentAttributes, []),
        registeredAt: now,
        attachments: [],
        tags: req.tags ?? [],
      };
      rec = { cluster, id, instance, taskGroups: {}, ...(req.platformDevices ? { platformDevices: req.platformDevices } : {}) };
    }
    const key = instanceKey(cluster, rec.id);
    return {
      txn: {
        // The cluster compare keeps a registration from landing in a cluster being deleted meanwhile.
        compare: [{ key, modRevision: existing?.modRevision ?? 0 }, { key: ckey, modRevision: c.modRevision }],
        success: [{ put: key, value: json(rec) }, ...instanceEventOps(ctx, cluster, rec.instance, await agentConnected(ctx, rec.id))],
      },
      result: { instance: rec.instance, id: rec.id, reregistered },
    };
  }, { onCommitted: observe(ctx) });
  ctx.log.info(reregistered ? 'container instance re-registered' : 'container instance registered', { cluster, instance: id });
  const counts = await taskCounts(ctx, cluster);
  return { containerInstance: await present(ctx, { cluster, id, instance }, new Set(['TAGS']), counts) };
}

/** Every write here is shown to this server's instance cache at once (placement reads it). */
const observe = (ctx: ServerContext) => (revision: number, txn: TxnRequest) => ctx.instances?.observe(revision, txn.success);

/** Live tasks (not STOPPED) by group: the instance record's taskGroups. */
export function groupCounts(tasks: readonly TaskRecord[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of tasks) {
    if (t.task.lastStatus === 'STOPPED') continue;
    const g = t.task.group ?? '';
    out[g] = (out[g] ?? 0) + 1;
  }
  return out;
}

/** The attributes the agent registered: the instance's minus the custom ones, plus those they hide. */
export function agentAttributesOf(rec: InstanceRecord): Attribute[] {
  const custom = new Set((rec.customAttributes ?? []).map((a) => a.name));
  return [...(rec.instance.attributes ?? []).filter((a) => !custom.has(a.name)), ...(rec.hiddenAgentAttributes ?? [])];
}

/** `rec` with these agent and custom attributes: instance.attributes, customAttributes, hiddenAgentAttributes. */
function withAttributes<R extends InstanceRecord>(rec: R, agent: Attribute[], custom: Attribute[]): R {
  const names = new Set(custom.map((a) => a.name));
  const hidden = agent.filter((a) => names.has(a.name));
  const { customAttributes: _c, hiddenAgentAttributes: _h, ...rest } = rec;
  return {
    ...rest,
    instance: { ...rec.instance, attributes: mergeAttributes(agent, custom) },
    ...(custom.length > 0 ? { customAttributes: custom } : {}),
    ...(hidden.length > 0 ? { hiddenAgentAttributes: hidden } : {}),
  } as R;
}

const notFound = (field: string) => invalid(field, `${field}: the referenced container instance was not found.`);

// --- Describe / List ----------------------------------------------------------------------------------

interface InstanceTasks {
  /** desiredStatus RUNNING (ECS's runningTasksCount). */
  running: number;
  /** lastStatus PENDING. */
  pending: number;
  /** Groups of the tasks with desiredStatus RUNNING (the query language's task:group). */
  groups: Set<string>;
}
type Counts = Map<string, InstanceTasks>;
const NO_TASKS: InstanceTasks = { running: 0, pending: 0, groups: new Set() };

/** Per instance id: tasks with desiredStatus RUNNING (and their groups), and tasks with lastStatus PENDING. */
export async function taskCounts(ctx: ServerContext, cluster: string): Promise<Counts> {
  const counts: Counts = new Map();
  for (const t of await listJSON<TaskRecord>(ctx.store, tasksPrefix(cluster))) {
    let c = counts.get(t.containerInstanceId);
    if (!c) counts.set(t.containerInstanceId, (c = { running: 0, pending: 0, groups: new Set() }));
    if (t.task.desiredStatus === 'RUNNING') {
      c.running++;
      if (t.task.group !== undefined) c.groups.add(t.task.group);
    }
    if (t.task.lastStatus === 'PENDING') c.pending++;
  }
  return counts;
}

/** The instance as Describe shows it: live counts, agentConnected, tags and health only when asked. */
async function present(ctx: ServerContext, rec: InstanceRecord, include: Set<ContainerInstanceField>, counts: Counts): Promise<ContainerInstance> {
  const connected = (await ctx.store.get(sessionKey(rec.id))) !== null;
  const c = counts.get(rec.id) ?? NO_TASKS;
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

const arnOf = (ctx: ServerContext, cluster: string, ref: string) => (ref.startsWith('arn:') ? ref : containerInstanceArn(ctx.identity, cluster, ref));

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
    else failures.push({ arn: arnOf(ctx, cluster, ref), reason: 'MISSING' });
  }
  return { containerInstances, failures };
}

/** The query language's view of an instance, from its record, the sessions and the task counts. */
function queryView(rec: InstanceRecord, connected: boolean, c: InstanceTasks): QueryInstance {
  const ci = rec.instance;
  return {
    attributes: attributeMap(ci.attributes),
    agentConnected: connected,
    ...(ci.versionInfo?.agentVersion !== undefined ? { agentVersion: ci.versionInfo.agentVersion } : {}),
    ...(ci.ec2InstanceId !== undefined ? { ec2InstanceId: ci.ec2InstanceId } : {}),
    ...(ci.registeredAt !== undefined ? { registeredAt: ci.registeredAt } : {}),
    runningTasksCount: c.running,
    taskGroups: c.groups,
  };
}

export async function listContainerInstances(ctx: ServerContext, req: ListContainerInstancesRequest): Promise<ListContainerInstancesResponse> {
  const cluster = clusterName(req.cluster);
  const limit = pageSize(req.maxResults);
  if (req.filter !== undefined && req.filter.length > 2000) throw invalid('filter', `filter: at most 2000 characters (${req.filter.length} given).`);
  const expr = req.filter !== undefined && req.filter !== '' ? parseQuery(req.filter, 'filter') : undefined;
  const status = req.status as string | undefined;
  if (status !== undefined && !INSTANCE_STATUSES.includes(status)) {
    throw invalid('status', `status: must be one of ${INSTANCE_STATUSES.join(' | ')}.`);
  }
  const prefix = instancesPrefix(cluster);
  let after = decodeToken(req.nextToken, prefix);
  await clusterExists(ctx, cluster);
  const containerInstanceArns: string[] = [];
  const keepStatus = (s: string | undefined) => (status === undefined ? s !== 'INACTIVE' : s === status);
  let matches: ((rec: InstanceRecord) => boolean) | undefined;
  if (expr) {
    // What the expression reads, read once: agent sessions, and the cluster's tasks.
    const subjects = querySubjects(expr);
    const test = compileQuery(expr);
    const connected = subjects.has('agentConnected') ? await connectedIds(ctx) : new Set<string>();
    const counts = subjects.has('runningTasksCount') || subjects.has('task:group') ? await taskCounts(ctx, cluster) : new Map<string, InstanceTasks>();
    matches = (rec) => test(queryView(rec, connected.has(rec.id), counts.get(rec.id) ?? NO_TASKS));
  }
  for (;;) {
    const page = await ctx.store.range(prefix, { limit: 500, ...(after ? { after } : {}) });
    for (let i = 0; i < page.kvs.length; i++) {
      const kv = page.kvs[i]!;
      const rec = decode<InstanceRecord>(kv);
      after = kv.key;
      if (!keepStatus(rec.instance.status) || (matches && !matches(rec))) continue;
      containerInstanceArns.push(rec.instance.containerInstanceArn!);
      if (containerInstanceArns.length >= limit) {
        const more = page.more || i < page.kvs.length - 1;
        return more ? { containerInstanceArns, nextToken: encodeToken(after) } : { containerInstanceArns };
      }
    }
    if (!page.more || page.kvs.length === 0) return { containerInstanceArns };
  }
}

async function connectedIds(ctx: ServerContext): Promise<Set<string>> {
  const prefix = sessionKey('');
  const out = new Set<string>();
  let after: string | undefined;
  for (;;) {
    const page = await ctx.store.range(prefix, { limit: 1000, ...(after ? { after } : {}) });
    for (const kv of page.kvs) out.add(kv.key.slice(prefix.length));
    if (!page.more || page.kvs.length === 0) return out;
    after = page.kvs[page.kvs.length - 1]!.key;
  }
}

// --- UpdateContainerInstancesState ----------------------------------------------------------------------

const STATE_MAX = 10;

/**
 * ACTIVE or DRAINING. A DRAINING instance takes no new tasks (placement excludes it with reason
 * DRAINING); standalone tasks already on it are left alone (there are no services yet to move). Only an
 * ACTIVE or DRAINING instance changes; others are failures with their status as reason (INACTIVE for a
 * deregistered one), unknown ones MISSING. Setting the status an instance has already changes nothing.
 */
export async function updateContainerInstancesState(ctx: ServerContext, req: UpdateContainerInstancesStateRequest): Promise<UpdateContainerInstancesStateResponse> {
  const cluster = clusterName(req.cluster);
  const refs = req.containerInstances ?? [];
  if (refs.length === 0 || refs.length > STATE_MAX) {
    throw invalid('containerInstances', `containerInstances: give between 1 and ${STATE_MAX} container instances (${refs.length} given).`);
  }
  const status = req.status as string;
  if (status !== 'ACTIVE' && status !== 'DRAINING') {
    throw invalid('status', `status: only ACTIVE or DRAINING can be set (got ${status}).`);
  }
  await clusterExists(ctx, cluster);
  const res = await commitWithRetry(ctx.store, async () => {
    const compare: TxnRequest['compare'] = [];
    const success: TxnRequest['success'] = [];
    const failures: Failure[] = [];
    const recs: InstanceRecord[] = [];
    const seen = new Set<string>();
    for (const ref of refs) {
      const id = instanceRefId(ref, cluster);
      const cur = id !== null ? await getJSON<StoredInstance>(ctx.store, instanceKey(cluster, id)) : null;
      if (!cur) {
        failures.push({ arn: arnOf(ctx, cluster, ref), reason: 'MISSING' });
        continue;
      }
      if (seen.has(cur.value.id)) continue;
      seen.add(cur.value.id);
      const from = cur.value.instance.status ?? 'ACTIVE';
      if (from !== 'ACTIVE' && from !== 'DRAINING') {
        failures.push({ arn: cur.value.instance.containerInstanceArn!, reason: from, detail: `the container instance is ${from}; only ACTIVE and DRAINING instances change state` });
        continue;
      }
      if (from === status) {
        recs.push(cur.value);
        continue;
      }
      const next: StoredInstance = { ...cur.value, instance: { ...cur.value.instance, status, version: (cur.value.instance.version ?? 0) + 1 } };
      const key = instanceKey(cluster, next.id);
      compare.push({ key, modRevision: cur.modRevision });
      success.push({ put: key, value: json(next) }, ...instanceEventOps(ctx, cluster, next.instance, await agentConnected(ctx, next.id)));
      recs.push(next);
    }
    return { txn: { compare, success }, result: { recs, failures, changed: success.length } };
  }, { onCommitted: observe(ctx) });
  if (res.changed > 0) ctx.log.info('container instances state changed', { cluster, status, count: res.changed });
  const counts = await taskCounts(ctx, cluster);
  const containerInstances = await Promise.all(res.recs.map((r) => present(ctx, r, new Set(), counts)));
  return { containerInstances, failures: res.failures };
}

// --- DeregisterContainerInstance ----------------------------------------------------------------------

/**
 * The instance becomes INACTIVE (listed only when asked for by status, never placed on, its agent's
 * session refused and closed). Refused while it has tasks that are not STOPPED, unless `force`: then
 * those tasks are orphaned (core orphanTask: they keep running on the host, untracked, and show as
 * STOPPED). Deregistering an INACTIVE instance again returns it (and finishes orphaning its tasks).
 */
export async function deregisterContainerInstance(ctx: ServerContext, req: DeregisterContainerInstanceRequest): Promise<DeregisterContainerInstanceResponse> {
  const cluster = clusterName(req.cluster);
  const ref = req.containerInstance;
  if (typeof ref !== 'string' || ref === '') throw invalid('containerInstance', 'containerInstance: required (a container instance id or ARN).');
  const id = instanceRefId(ref, cluster);
  await clusterExists(ctx, cluster);
  if (id === null) throw notFound('containerInstance');
  const key = instanceKey(cluster, id);
  const res = await commitWithRetry(ctx.store, async () => {
    const cur = await getJSON<StoredInstance>(ctx.store, key);
    if (!cur) throw notFound('containerInstance');
    // Tasks read after the instance: a task placed since then changed the instance record, and the
    // compare below fails.
    const live = (await listJSON<TaskRecord>(ctx.store, tasksPrefix(cluster))).filter((t) => t.containerInstanceId === id && t.task.lastStatus !== 'STOPPED');
    if (cur.value.instance.status === 'INACTIVE') return { txn: { compare: [], success: [] }, result: { rec: cur.value, live, changed: false } };
    if (live.length > 0 && req.force !== true) {
      throw invalid('force', `force: container instance ${id} has ${live.length} task${live.length === 1 ? '' : 's'} that ${live.length === 1 ? 'is' : 'are'} not STOPPED; stop ${live.length === 1 ? 'it' : 'them'} first, or deregister with force (the tasks keep running on the host, untracked).`);
    }
    const next: StoredInstance = { ...cur.value, instance: { ...cur.value.instance, status: 'INACTIVE', agentConnected: false, version: (cur.value.instance.version ?? 0) + 1 } };
    return { txn: { compare: [{ key, modRevision: cur.modRevision }], success: [{ put: key, value: json(next) }, ...instanceEventOps(ctx, cluster, next.instance, false)] }, result: { rec: next, live, changed: true } };
  }, { onCommitted: observe(ctx) });
  // No task can land on an INACTIVE instance: orphan the ones that were there, each with its own compare.
  for (const t of res.live) await orphan(ctx, cluster, t.id);
  if (res.changed) ctx.log.info('container instance deregistered', { cluster, instance: id, orphanedTasks: res.live.length });
  const counts = await taskCounts(ctx, cluster);
  return { containerInstance: await present(ctx, res.rec, new Set(['TAGS']), counts) };
}

async function orphan(ctx: ServerContext, cluster: string, taskId: string): Promise<void> {
  const key = taskKey(cluster, taskId);
  await commitWithRetry(ctx.store, async () => {
    const kv = await ctx.store.get(key);
    if (!kv) return { txn: { compare: [], success: [] }, result: undefined };
    const rec = decode<TaskRecord>(kv);
    const task = orphanTask(rec.task, ctx.now());
    if (task === rec.task) return { txn: { compare: [], success: [] }, result: undefined };
    // The assignment stays: the instance's session is closed and refused, so its agent never hears of
    // it again, and its containers keep running (ECS: orphaned, not stopped).
    return { txn: { compare: [{ key, modRevision: kv.modRevision }], success: [{ put: key, value: json({ ...rec, task } satisfies TaskRecord) }, ...taskEventOps(ctx, cluster, task, rec.task)] }, result: undefined };
  });
}

// --- attributes: PutAttributes, DeleteAttributes, ListAttributes ----------------------------------------

interface AttributeTarget {
  id: string;
  /** Indexes into the request's attributes. */
  items: number[];
}

/**
 * Checks a Put/DeleteAttributes list and groups it by target instance: each attribute valid, its
 * targetId given (targetType too when targetId is a short id), no name twice for one target.
 */
function attributeTargets(cluster: string, attrs: readonly Attribute[] | undefined, checkValues: boolean): Map<string, AttributeTarget> {
  if (attrs === undefined || attrs.length === 0) throw invalid('attributes', 'attributes: give at least one attribute.');
  const targets = new Map<string, AttributeTarget>();
  const names = new Map<string, number>();
  attrs.forEach((a, i) => {
    const f = `attributes[${i}]`;
    checkAttribute(f, checkValues ? a : { ...a, value: undefined } as Attribute);
    if (a.targetId === undefined || a.targetId === '') throw invalid(`${f}.targetId`, `${f}.targetId: required (the container instance id or ARN).`);
    if (!a.targetId.startsWith('arn:') && a.targetType === undefined) {
      throw invalid(`${f}.targetType`, `${f}.targetType: required when targetId is a short id (container-instance).`);
    }
    const id = instanceRefId(a.targetId, cluster);
    if (id === null) throw new BerthError('TargetNotFoundException', `${f}.targetId: '${a.targetId}' is not a container instance of cluster ${cluster}.`, `${f}.targetId`);
    const seenAt = names.get(`${id}/${a.name}`);
    if (seenAt !== undefined) throw invalid(`${f}.name`, `${f}.name: '${a.name}' is given twice for the same container instance (also attributes[${seenAt}]).`);
    names.set(`${id}/${a.name}`, i);
    const t = targets.get(id) ?? { id, items: [] };
    t.items.push(i);
    targets.set(id, t);
  });
  return targets;
}

/** The request's attributes as ECS answers them: targetType filled in. */
const echo = (attrs: readonly Attribute[]): Attribute[] => attrs.map((a) => ({ ...a, targetType: 'container-instance' }));

/** Applies `change` to each target instance's custom attributes, in one transaction. */
async function changeCustomAttributes(ctx: ServerContext, cluster: string, req: { attributes: Attribute[] }, targets: Map<string, AttributeTarget>,
  change: (rec: StoredInstance, items: Attribute[], field: (i: number) => string) => Attribute[]): Promise<void> {
  await clusterExists(ctx, cluster);
  await commitWithRetry(ctx.store, async () => {
    const compare: TxnRequest['compare'] = [];
    const success: TxnRequest['success'] = [];
    for (const t of targets.values()) {
      const key = instanceKey(cluster, t.id);
      const cur = await getJSON<StoredInstance>(ctx.store, key);
      const f = `attributes[${t.items[0]}].targetId`;
      if (!cur || cur.value.instance.status === 'INACTIVE') {
        throw new BerthError('TargetNotFoundException', `${f}: container instance ${t.id} ${cur ? 'is INACTIVE (deregistered)' : 'was not found'} in cluster ${cluster}.`, f);
      }
      const rec = cur.value;
      const customAttributes = change(rec, t.items.map((i) => req.attributes[i]!), (k) => `attributes[${t.items[k]}]`);
      const next = withAttributes(rec, agentAttributesOf(rec), customAttributes);
      next.instance = { ...next.instance, version: (rec.instance.version ?? 0) + 1 };
      compare.push({ key, modRevision: cur.modRevision });
      success.push({ put: key, value: json(next) }, ...instanceEventOps(ctx, cluster, next.instance, await agentConnected(ctx, t.id)));
    }
    return { txn: { compare, success }, result: undefined };
  }, { onCommitted: observe(ctx) });
}

/**
 * Custom attributes on container instances (targetType container-instance), usable in constraints and
 * filters at once: a launch that read the instance before this write fails its compare and places
 * again. At most 10 custom attributes per instance (AttributeLimitExceededException); they survive the
 * agent's re-registrations.
 */
export async function putAttributes(ctx: ServerContext, req: PutAttributesRequest): Promise<PutAttributesResponse> {
  const cluster = clusterName(req.cluster);
  const targets = attributeTargets(cluster, req.attributes, true);
  await changeCustomAttributes(ctx, cluster, req, targets, (rec, items) =>
    putCustomAttributes(rec.customAttributes ?? [], items, `container instance ${rec.id}`));
  ctx.log.info('attributes put', { cluster, instances: targets.size, attributes: req.attributes.length });
  return { attributes: echo(req.attributes) };
}

/**
 * Removes custom attributes (values are not compared). An attribute the agent registers cannot be
 * deleted (it would come back at the next registration): InvalidParameterException. One the instance does
 * not have is no error.
 */
export async function deleteAttributes(ctx: ServerContext, req: DeleteAttributesRequest): Promise<DeleteAttributesResponse> {
  const cluster = clusterName(req.cluster);
  const targets = attributeTargets(cluster, req.attributes, false);
  await changeCustomAttributes(ctx, cluster, req, targets, (rec, items, field) => {
    const custom = rec.customAttributes ?? [];
    const agent = agentAttributesOf(rec);
    items.forEach((a, k) => {
      if (!custom.some((c) => c.name === a.name) && agent.some((c) => c.name === a.name)) {
        throw invalid(`${field(k)}.name`, `${field(k)}.name: '${a.name}' is registered by the container instance's agent; only attributes added with PutAttributes can be deleted.`);
      }
    });
    const gone = new Set(items.map((a) => a.name));
    return custom.filter((c) => !gone.has(c.name));
  });
  ctx.log.info('attributes deleted', { cluster, instances: targets.size, attributes: req.attributes.length });
  return { attributes: echo(req.attributes) };
}

/**
 * Every attribute of every container instance of the cluster (not INACTIVE ones), built-in and custom,
 * optionally only those of one name (and value). Ordered by instance, then name; the token is the last
 * instance key and attribute name returned.
 */
export async function listAttributes(ctx: ServerContext, req: ListAttributesRequest): Promise<ListAttributesResponse> {
  const cluster = clusterName(req.cluster);
  if (req.targetType !== 'container-instance') throw invalid('targetType', 'targetType: must be container-instance.');
  if (req.attributeValue !== undefined && req.attributeName === undefined) {
    throw invalid('attributeValue', 'attributeValue: only valid together with attributeName.');
  }
  const limit = pageSize(req.maxResults);
  const prefix = instancesPrefix(cluster);
  const token = decodeToken(req.nextToken, prefix);
  const [tokenKey, afterName] = token !== undefined ? splitToken(token) : [undefined, undefined];
  let afterKey = tokenKey;
  await clusterExists(ctx, cluster);
  const attributes: Attribute[] = [];
  const wanted = (a: Attribute) => (req.attributeName === undefined || a.name === req.attributeName)
    && (req.attributeValue === undefined || a.value === req.attributeValue);
  /** Adds the instance's attributes after `from`; when the page is full, the token of where it stopped. */
  const take = (key: string, rec: InstanceRecord, from?: string): string | undefined => {
    if (rec.instance.status === 'INACTIVE') return undefined;
    const sorted = [...(rec.instance.attributes ?? [])].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const a of sorted) {
      if (from !== undefined && a.name <= from) continue;
      if (!wanted(a)) continue;
      attributes.push({ name: a.name, ...(a.value !== undefined ? { value: a.value } : {}), targetType: 'container-instance', targetId: rec.instance.containerInstanceArn! });
      if (attributes.length >= limit) return `${key}#${a.name}`;
    }
    return undefined;
  };
  if (afterKey !== undefined) {
    const kv = await ctx.store.get(afterKey);
    if (kv) {
      const stop = take(afterKey, decode<InstanceRecord>(kv), afterName);
      if (stop) return { attributes, nextToken: encodeToken(stop) };
    }
  }
  for (;;) {
    const page = await ctx.store.range(prefix, { limit: 500, ...(afterKey ? { after: afterKey } : {}) });
    for (const kv of page.kvs) {
      afterKey = kv.key;
      const stop = take(kv.key, decode<InstanceRecord>(kv));
      if (stop) return { attributes, nextToken: encodeToken(stop) };
    }
    if (!page.more || page.kvs.length === 0) return { attributes };
  }
}

function splitToken(token: string): [string, string | undefined] {
  const i = token.indexOf('#');
  return i < 0 ? [token, undefined] : [token.slice(0, i), token.slice(i + 1)];
}
