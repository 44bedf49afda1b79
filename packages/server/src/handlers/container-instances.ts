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
  CAPACITY_PROVIDER_ATTRIBUTE,
  BerthError, NO_RESOURCES_ATTRIBUTE, attributeMap, clip, describeValue, checkAttribute, checkAttributes, checkTags, checkTotalResources, clientError, clusterName,
  compileQuery, containerInstanceArn, invalid, mergeAttributes, noResources, orphanTask, parseArn, parseQuery, putCustomAttributes,
  querySubjects, remainingAfter, resourceId,
  type Attribute, type ContainerInstance, type ContainerInstanceField, type DeleteAttributesRequest,
  type DeleteAttributesResponse, type DeregisterContainerInstanceRequest, type DeregisterContainerInstanceResponse,
  type DescribeContainerInstancesRequest, type DescribeContainerInstancesResponse, type Failure,
  type ListAttributesRequest, type ListAttributesResponse, type ListContainerInstancesRequest,
  type ListContainerInstancesResponse, type PutAttributesRequest, type PutAttributesResponse,
  type QueryInstance, type RegisterContainerInstanceRequest, type RegisterContainerInstanceResponse,
  type UpdateContainerInstancesStateRequest, type UpdateContainerInstancesStateResponse,
} from '@berth/core';
import type { TxnRequest } from '@berth/store';
import type { ServerContext } from '../context.js';
import type { CallContext } from '@berth/api';
import { commitWithRetry, lastSegment, noWrite } from '../state/kit.js';
import {
  INSTANCE_STATUSES, getInstance, instanceKey, instanceOps, instancesByStatusPrefix, instancesPage, instancesPrefix,
  parseInstanceIndexKey, withTaskReleased, type InstanceRecord,
} from '../state/instances.js';
import { getTask, instanceTaskCounts, liveTasksOnInstance, taskKey, taskOps, type TaskRecord } from '../state/tasks.js';
import { isConnected } from '../state/sessions.js';
import { EXAMINE_MAX, pageBuckets } from '../state/paging.js';
import { decodeToken, encodeToken, pageSize } from '../pagination.js';
import { activeCluster, clusterExists } from './clusters.js';
import { clusterKey } from '../state/clusters.js';
import { instanceChangeOps, taskEventOps } from '../events/publish.js';

const DESCRIBE_MAX = 100;

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
    throw invalid('instanceIdentityDocument', 'The instance identity document must be a JSON object, as EC2 gives it.');
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

export async function registerContainerInstance(ctx: ServerContext, req: RegisterContainerInstanceRequest, call?: Pick<CallContext, 'caller'>): Promise<RegisterContainerInstanceResponse> {
  // An agent's certificate names its instance: it re-registers that one, never a new or another one.
  if (call?.caller.kind === 'container-instance' && req.containerInstanceArn !== call.caller.containerInstanceArn) {
    throw new BerthError('AccessDeniedException', `${call.caller.containerInstanceArn} may re-register itself only, not ${req.containerInstanceArn ?? 'a new container instance'}.`);
  }
  const cluster = clusterName(req.cluster);
  // Without totalResources (a registration by API, not an agent's) the instance has none, and says so.
  const withoutResources = req.totalResources === undefined;
  const registeredResources = withoutResources ? noResources() : checkTotalResources('totalResources', req.totalResources);
  checkAttributes('attributes', req.attributes);
  if (req.tags) checkTags('tags', req.tags);
  const iid = identityDocument(req.instanceIdentityDocument);
  // The agent's attributes win over what the identity document says. Custom attributes added with
  // PutAttributes are kept across re-registrations (and win over the agent's of the same name).
  const given = (req.attributes ?? []).map((a) => (a.value !== undefined ? { name: a.name, value: a.value } : { name: a.name }));
  const derived = [...iid.attributes, ...(withoutResources ? [{ ...NO_RESOURCES_ATTRIBUTE }] : [])];
  const agentAttributes = [...given, ...derived.filter((a) => !given.some((g) => g.name === a.name))];
  let wantedId: string | undefined;
  if (req.containerInstanceArn !== undefined && req.containerInstanceArn !== '') {
    const a = parseArn(req.containerInstanceArn);
    if (a === null || a.service !== 'ecs' || a.resourceType !== 'container-instance') {
      throw invalid('containerInstanceArn', `Invalid container instance ARN ${describeValue(req.containerInstanceArn)}.`);
    }
    // An ARN of another cluster (or of an instance this store never saw) registers a new instance.
    wantedId = instanceRefId(req.containerInstanceArn, cluster) ?? undefined;
  }

  const { rec: registered, reregistered } = await commitWithRetry(ctx.store, async () => {
    const c = await activeCluster(ctx, cluster);
    const existing = wantedId !== undefined ? await getInstance(ctx.store, cluster, wantedId) : null;
    const now = ctx.now();
    if (existing && existing.value.instance.status === 'INACTIVE') {
      throw clientError('The container instance is INACTIVE (deregistered); register without its ARN to join as a new instance.', 'containerInstanceArn');
    }
    let rec: InstanceRecord;
    let reregistered = false;
    if (existing) {
      // Re-registration: same id and registeredAt; resources recomputed from the instance's live tasks
      // (its own index range). The instance record was read first: a task placed or stopped after that
      // changes it, and this commit retries.
      const live = (await liveTasksOnInstance(ctx.store, cluster, wantedId!)).map((t) => t.value);
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
    return {
      txn: {
        // The cluster compare keeps a registration from landing in a cluster being deleted meanwhile.
        compare: [{ key: instanceKey(cluster, rec.id), modRevision: existing?.modRevision ?? 0 }, { key: clusterKey(cluster), modRevision: c.modRevision }],
        success: instanceChangeOps(ctx, rec, existing?.value, await isConnected(ctx.store, rec.id)),
      },
      result: { rec, reregistered },
    };
  }, { onCommitted: observe(ctx) });
  ctx.log.info(reregistered ? 'container instance re-registered' : 'container instance registered', { cluster, instance: registered.id });
  return { containerInstance: await present(ctx, registered, new Set(['TAGS'])) };
}

/** Every write here is shown to this server's instance cache at once (placement reads it). */
const observe = (ctx: ServerContext) => (revision: number, txn: TxnRequest) => ctx.instances?.observe(revision, txn.success);

/** Live tasks (not STOPPED) by group: the instance record's taskGroups. */
function groupCounts(tasks: readonly TaskRecord[]): Record<string, number> {
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

/** ECS's words for an attribute target that is not an ACTIVE container instance of the cluster. */
const targetNotFound = (field: string, target: string) => new BerthError('TargetNotFoundException', `Could not find ${clip(target)}`, field);

const notFound = (field: string) => invalid(field, 'The referenced container instance was not found.');

// --- Describe / List ----------------------------------------------------------------------------------

/**
 * The instance as Describe shows it: its counts from its own range of the task status index (ECS's
 * runningTasksCount and pendingTasksCount: lastStatus RUNNING, resp. PENDING), agentConnected from its
 * session, its capacity provider from its berth.capacity-provider attribute, tags and health only when asked.
 */
async function present(ctx: ServerContext, rec: InstanceRecord, include: Set<ContainerInstanceField>): Promise<ContainerInstance> {
  const [connected, counts] = await Promise.all([isConnected(ctx.store, rec.id), instanceTaskCounts(ctx.store, rec.cluster, rec.id)]);
  const provider = rec.instance.attributes?.find((a) => a.name === CAPACITY_PROVIDER_ATTRIBUTE)?.value;
  const out: ContainerInstance = {
    ...rec.instance,
    ...(provider !== undefined ? { capacityProviderName: provider } : {}),
    agentConnected: connected,
    runningTasksCount: counts.running,
    pendingTasksCount: counts.pending,
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

const arnOf = (ctx: ServerContext, cluster: string, ref: string) => (ref.startsWith('arn:') ? ref : containerInstanceArn(ctx.identity, cluster, ref));

export async function describeContainerInstances(ctx: ServerContext, req: DescribeContainerInstancesRequest): Promise<DescribeContainerInstancesResponse> {
  const cluster = clusterName(req.cluster);
  const refs = req.containerInstances ?? [];
  if (refs.length === 0) throw clientError('Container Instances cannot be empty.', 'containerInstances');
  if (refs.length > DESCRIBE_MAX) throw invalid('containerInstances', `At most ${DESCRIBE_MAX} container instances can be described at once (${refs.length} given).`);
  await clusterExists(ctx, cluster);
  const include = new Set(req.include ?? []);
  const found = await Promise.all(refs.map(async (ref) => {
    const id = instanceRefId(ref, cluster);
    const cur = id ? await getInstance(ctx.store, cluster, id) : null;
    return { ref, described: cur ? await present(ctx, cur.value, include) : null };
  }));
  const containerInstances: ContainerInstance[] = [];
  const failures: Failure[] = [];
  for (const { ref, described } of found) {
    if (described) containerInstances.push(described);
    else failures.push({ arn: arnOf(ctx, cluster, ref), reason: 'MISSING' });
  }
  return { containerInstances, failures };
}

/** The query language's view of an instance: its record, and what the expression reads beyond it. */
async function queryView(ctx: ServerContext, rec: InstanceRecord, subjects: ReadonlySet<string>): Promise<QueryInstance> {
  const ci = rec.instance;
  return {
    attributes: attributeMap(ci.attributes),
    agentConnected: subjects.has('agentConnected') ? await isConnected(ctx.store, rec.id) : false,
    ...(ci.versionInfo?.agentVersion !== undefined ? { agentVersion: ci.versionInfo.agentVersion } : {}),
    ...(ci.ec2InstanceId !== undefined ? { ec2InstanceId: ci.ec2InstanceId } : {}),
    ...(ci.registeredAt !== undefined ? { registeredAt: ci.registeredAt } : {}),
    runningTasksCount: subjects.has('runningTasksCount') ? (await instanceTaskCounts(ctx.store, rec.cluster, rec.id)).running : 0,
    taskGroups: new Set(Object.keys(rec.taskGroups).filter((g) => rec.taskGroups[g]! > 0)),
  };
}

/**
 * A page of the cluster's instances from the status index (every status but INACTIVE unless one is
 * asked for). With a filter, each instance examined is read and tested; a page examines a bounded number
 * of instances and may hold fewer than maxResults.
 */
export async function listContainerInstances(ctx: ServerContext, req: ListContainerInstancesRequest): Promise<ListContainerInstancesResponse> {
  const cluster = clusterName(req.cluster);
  const limit = pageSize(req.maxResults);
  if (req.filter !== undefined && req.filter.length > 2000) throw invalid('filter', `The filter can have at most 2000 characters (${req.filter.length} given).`);
  const expr = req.filter !== undefined && req.filter !== '' ? parseQuery(req.filter, 'filter') : undefined;
  const status = req.status as string | undefined;
  if (status !== undefined && !(INSTANCE_STATUSES as readonly string[]).includes(status)) {
    throw invalid('status', `'status' must be one of ${INSTANCE_STATUSES.join(' | ')} (${describeValue(status)} given).`);
  }
  const root = instancesByStatusPrefix(cluster);
  const after = decodeToken(req.nextToken, root);
  await clusterExists(ctx, cluster);
  const buckets = (status !== undefined ? [status] : INSTANCE_STATUSES.filter((s) => s !== 'INACTIVE')).map((s) => instancesByStatusPrefix(cluster, s));
  let keep: ((kv: { key: string }) => Promise<boolean>) | undefined;
  if (expr) {
    const subjects = querySubjects(expr);
    const test = compileQuery(expr);
    keep = async (kv) => {
      const cur = await getInstance(ctx.store, cluster, parseInstanceIndexKey(kv.key).id);
      return cur !== null && test(await queryView(ctx, cur.value, subjects));
    };
  }
  const page = await pageBuckets(ctx.store, buckets, after, { limit, ...(keep ? { keep } : {}) });
  const containerInstanceArns = page.kept.map((kv) => containerInstanceArn(ctx.identity, cluster, parseInstanceIndexKey(kv.key).id));
  return { containerInstanceArns, ...(page.next !== undefined ? { nextToken: encodeToken(page.next) } : {}) };
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
  if (refs.length === 0) throw clientError('Container Instances cannot be empty.', 'containerInstances');
  if (refs.length > STATE_MAX) {
    throw invalid('containerInstances', `At most ${STATE_MAX} container instances can change state at once (${refs.length} given).`);
  }
  const status = req.status as string;
  // ECS's words.
  if (status !== 'ACTIVE' && status !== 'DRAINING') throw invalid('status', 'Container instance status should be one of [ACTIVE, DRAINING]');
  await clusterExists(ctx, cluster);
  const res = await commitWithRetry(ctx.store, async () => {
    const compare: TxnRequest['compare'] = [];
    const success: TxnRequest['success'] = [];
    const failures: Failure[] = [];
    const recs: InstanceRecord[] = [];
    const seen = new Set<string>();
    for (const ref of refs) {
      const id = instanceRefId(ref, cluster);
      const cur = id !== null ? await getInstance(ctx.store, cluster, id) : null;
      if (!cur) {
        failures.push({ arn: arnOf(ctx, cluster, ref), reason: 'MISSING' });
        continue;
      }
      if (seen.has(cur.value.id)) continue;
      seen.add(cur.value.id);
      const from = cur.value.instance.status ?? 'ACTIVE';
      if (from !== 'ACTIVE' && from !== 'DRAINING') {
        failures.push({ arn: cur.value.instance.containerInstanceArn!, reason: from, detail: `The container instance is ${from}; only ACTIVE and DRAINING instances change state.` });
        continue;
      }
      if (from === status) {
        recs.push(cur.value);
        continue;
      }
      const next: InstanceRecord = { ...cur.value, instance: { ...cur.value.instance, status, version: (cur.value.instance.version ?? 0) + 1 } };
      compare.push({ key: instanceKey(cluster, next.id), modRevision: cur.modRevision });
      success.push(...instanceChangeOps(ctx, next, cur.value, await isConnected(ctx.store, next.id)));
      recs.push(next);
    }
    return { txn: { compare, success }, result: { recs, failures, changed: success.length } };
  }, { onCommitted: observe(ctx) });
  if (res.changed > 0) ctx.log.info('container instances state changed', { cluster, status, count: res.changed });
  const containerInstances = await Promise.all(res.recs.map((r) => present(ctx, r, new Set())));
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
  if (typeof ref !== 'string' || ref === '') throw invalid('containerInstance', "Missing required member 'containerInstance' in DeregisterContainerInstanceRequest.");
  const id = instanceRefId(ref, cluster);
  await clusterExists(ctx, cluster);
  if (id === null) throw notFound('containerInstance');
  const res = await commitWithRetry(ctx.store, async () => {
    const cur = await getInstance(ctx.store, cluster, id);
    if (!cur) throw notFound('containerInstance');
    // Tasks read after the instance (its own index range): a task placed since then changed the instance
    // record, and the compare below fails.
    const live = await liveTasksOnInstance(ctx.store, cluster, id);
    if (cur.value.instance.status === 'INACTIVE') return { txn: noWrite, result: { rec: cur.value, live, changed: false } };
    if (live.length > 0 && req.force !== true) {
      // ECS's words (stop the tasks first, or deregister with force: they keep running, untracked).
      throw invalid('force', 'Found running tasks on the instance.');
    }
    const next: InstanceRecord = {
      ...cur.value, inactiveAt: ctx.now(),
      instance: { ...cur.value.instance, status: 'INACTIVE', agentConnected: false, version: (cur.value.instance.version ?? 0) + 1 },
    };
    return {
      txn: { compare: [{ key: instanceKey(cluster, id), modRevision: cur.modRevision }], success: instanceChangeOps(ctx, next, cur.value, false) },
      result: { rec: next, live, changed: true },
    };
  }, { onCommitted: observe(ctx) });
  // No task can land on an INACTIVE instance: orphan the ones that were there, each with its own compare.
  for (const t of res.live) await orphan(ctx, cluster, id, t.value.id);
  if (res.changed) ctx.log.info('container instance deregistered', { cluster, instance: id, orphanedTasks: res.live.length });
  const after = await getInstance(ctx.store, cluster, id);
  return { containerInstance: await present(ctx, after?.value ?? res.rec, new Set(['TAGS'])) };
}

/**
 * Orphans a task of a deregistered instance (core orphanTask): STOPPED for the control plane, its hold on
 * the instance's groups and resources released in the same transaction. The assignment stays: the
 * instance's session is closed and refused, so its agent never hears of it again, and its containers keep
 * running (ECS: orphaned, not stopped); retention removes it with the task.
 */
async function orphan(ctx: ServerContext, cluster: string, instanceId: string, taskId: string): Promise<void> {
  await commitWithRetry(ctx.store, async () => {
    const [cur, inst] = await Promise.all([getTask(ctx.store, cluster, taskId), getInstance(ctx.store, cluster, instanceId)]);
    if (!cur) return { txn: noWrite, result: undefined };
    const rec = cur.value;
    const task = orphanTask(rec.task, ctx.now());
    if (task === rec.task) return { txn: noWrite, result: undefined };
    const compare: TxnRequest['compare'] = [{ key: taskKey(cluster, taskId), modRevision: cur.modRevision }];
    const success = [...taskOps({ ...rec, task }, rec), ...taskEventOps(ctx, cluster, task, rec.task)];
    if (inst) {
      compare.push({ key: instanceKey(cluster, instanceId), modRevision: inst.modRevision });
      success.push(...instanceOps(withTaskReleased(inst.value, rec.reservation, rec.task.group), inst.value));
    }
    return { txn: { compare, success }, result: undefined };
  }, { onCommitted: observe(ctx) });
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
  if (attrs === undefined || attrs.length === 0) throw invalid('attributes', 'attributes can not be empty');
  const targets = new Map<string, AttributeTarget>();
  const names = new Map<string, number>();
  attrs.forEach((a, i) => {
    const f = `attributes[${i}]`;
    checkAttribute(f, checkValues ? a : { ...a, value: undefined } as Attribute);
    if (a.targetId === undefined || a.targetId === '') throw invalid(`${f}.targetId`, `The attribute '${a.name}' needs a targetId: the container instance's id or ARN.`);
    if (!a.targetId.startsWith('arn:') && a.targetType === undefined) {
      throw invalid(`${f}.targetType`, `The attribute '${a.name}' needs a targetType (container-instance) when its targetId is a short id.`);
    }
    const id = instanceRefId(a.targetId, cluster);
    if (id === null) throw targetNotFound(`${f}.targetId`, a.targetId);
    const seenAt = names.get(`${id}/${a.name}`);
    if (seenAt !== undefined) throw invalid(`${f}.name`, `The attribute '${a.name}' is given more than once for the same container instance.`);
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
  change: (rec: InstanceRecord, items: Attribute[], field: (i: number) => string) => Attribute[]): Promise<void> {
  await clusterExists(ctx, cluster);
  await commitWithRetry(ctx.store, async () => {
    const compare: TxnRequest['compare'] = [];
    const success: TxnRequest['success'] = [];
    for (const t of targets.values()) {
      const cur = await getInstance(ctx.store, cluster, t.id);
      const f = `attributes[${t.items[0]}].targetId`;
      if (!cur || cur.value.instance.status === 'INACTIVE') {
        throw targetNotFound(f, t.id);
      }
      const rec = cur.value;
      const customAttributes = change(rec, t.items.map((i) => req.attributes[i]!), (k) => `attributes[${t.items[k]}]`);
      const next = withAttributes(rec, agentAttributesOf(rec), customAttributes);
      next.instance = { ...next.instance, version: (rec.instance.version ?? 0) + 1 };
      compare.push({ key: instanceKey(cluster, t.id), modRevision: cur.modRevision });
      success.push(...instanceChangeOps(ctx, next, rec, await isConnected(ctx.store, t.id)));
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
    putCustomAttributes(rec.customAttributes ?? [], items, `The container instance ${rec.id}`));
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
        throw invalid(`${field(k)}.name`, `The attribute '${a.name}' is registered by the container instance's agent; only attributes added with PutAttributes can be deleted.`);
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
  if (req.targetType !== 'container-instance') throw invalid('targetType', 'targetType must be container-instance');
  if (req.attributeValue !== undefined && req.attributeName === undefined) {
    throw invalid('attributeValue', "'attributeValue' can only be given together with 'attributeName'.");
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
  // A token inside an instance (KEY#NAME) resumes after that attribute; one without a name, after the instance.
  if (afterKey !== undefined && afterName !== undefined) {
    const cur = await getInstance(ctx.store, cluster, lastSegment(afterKey));
    if (cur) {
      const stop = take(afterKey, cur.value, afterName);
      if (stop) return { attributes, nextToken: encodeToken(stop) };
    }
  }
  // A page examines a bounded number of instances, and may hold fewer than maxResults.
  let examined = 0;
  for (;;) {
    const page = await instancesPage(ctx.store, cluster, afterKey, 100);
    for (const { key, rec } of page.recs) {
      afterKey = key;
      const stop = take(key, rec);
      if (stop) return { attributes, nextToken: encodeToken(stop) };
      if (++examined >= EXAMINE_MAX) return { attributes, nextToken: encodeToken(key) };
    }
    if (!page.more || page.recs.length === 0) return { attributes };
  }
}

function splitToken(token: string): [string, string | undefined] {
  const i = token.indexOf('#');
  return i < 0 ? [token, undefined] : [token.slice(0, i), token.slice(i + 1)];
}
