// Task sets of a service with the EXTERNAL deployment controller: CreateTaskSet (ACTIVE, scaled as a
// percentage of the service's desiredCount; a repeated clientToken returns the same task set),
// DescribeTaskSets, UpdateTaskSet (its scale), DeleteTaskSet (DRAINING; one still scaled above zero only
// with force), UpdateServicePrimaryTaskSet (PRIMARY; the one before becomes ACTIVE, and the service takes
// its task definition). These write the desired state only; the services controller keeps each task set at
// its computedDesiredCount (core's decideTaskSets) and writes its counts and stabilityStatus.
import {
  BerthError, DEFAULT_TASK_SET_SCALE, checkTags, clusterName, computedDesiredCount, describeValue, invalid, unsupportedFeature,
  type CreateTaskSetRequest, type CreateTaskSetResponse, type DeleteTaskSetRequest, type DeleteTaskSetResponse,
  type DescribeTaskSetsRequest, type DescribeTaskSetsResponse, type Failure, type Scale, type TaskSet,
  type UpdateServicePrimaryTaskSetRequest, type UpdateServicePrimaryTaskSetResponse, type UpdateTaskSetRequest, type UpdateTaskSetResponse,
} from '@berth/core';
import type { CallContext } from '@berth/api';
import type { ServerContext } from '../context.js';
import { commitWithRetry, noWrite } from '../state/kit.js';
import { getService, serviceKey, serviceOps, type ServiceRecord } from '../state/services.js';
import { putTaskSetOp, serviceTaskSets, type TaskSetRecord } from '../state/task-sets.js';
import { activeCluster } from './clusters.js';
import { newDeploymentId, serviceNotFound, serviceRefName, serviceTaskDefinition } from './services.js';
import { AWSVPC, CAPACITY_PROVIDERS, FARGATE_ONLY, LOAD_BALANCERS, OWN_INSTANCES_ONLY, SERVICE_DISCOVERY } from './unbuilt.js';

const taskSetNotFound = (field: string) => new BerthError('TaskSetNotFoundException', 'The specified task set was not found.', field);
const serviceNotActive = () => new BerthError('ServiceNotActiveException', 'Service was not ACTIVE.', 'service');

/** `task-set/CLUSTER/SERVICE/ecs-svc/DIGITS`, beside the service's ARN. */
const taskSetArn = (serviceArn: string, id: string) => `${serviceArn.replace(':service/', ':task-set/')}/${id}`;

/** The id a task set reference names (an id, or its ARN); null for the ARN of another service's task set. */
function taskSetRefId(ref: string, serviceArn: string): string | null {
  if (!ref.startsWith('arn:')) return ref;
  const prefix = taskSetArn(serviceArn, '');
  return ref.startsWith(prefix) ? ref.slice(prefix.length) : null;
}

function checkScale(scale: Scale | undefined, field = 'scale'): Scale {
  if (scale === undefined) return { ...DEFAULT_TASK_SET_SCALE };
  const value = scale.value ?? 0;
  if (!Number.isFinite(value) || value < 0 || value > 100) throw invalid(`${field}.value`, `The scale of a task set is a percentage between 0 and 100 (${describeValue(scale.value)} given).`);
  return { value, unit: 'PERCENT' };
}

/** What CreateTaskSet names that Berth would have to act on and cannot (yet): refused naming the member. */
function checkUnsupported(req: CreateTaskSetRequest): void {
  const nonEmpty = (v: unknown[] | undefined) => v !== undefined && v.length > 0;
  if (req.networkConfiguration !== undefined) throw unsupportedFeature('networkConfiguration', AWSVPC);
  if (nonEmpty(req.loadBalancers)) throw unsupportedFeature('loadBalancers', LOAD_BALANCERS);
  if (nonEmpty(req.serviceRegistries)) throw unsupportedFeature('serviceRegistries', SERVICE_DISCOVERY);
  if (nonEmpty(req.capacityProviderStrategy)) throw unsupportedFeature('capacityProviderStrategy', CAPACITY_PROVIDERS);
  if (req.platformVersion !== undefined) throw unsupportedFeature('platformVersion', FARGATE_ONLY);
  if (req.launchType !== undefined && req.launchType !== 'EC2' && req.launchType !== 'EXTERNAL') {
    throw unsupportedFeature('launchType', OWN_INSTANCES_ONLY, `launchType ${req.launchType}`);
  }
}

interface Loaded {
  cluster: string;
  name: string;
  rec: ServiceRecord;
  modRevision: number;
  sets: TaskSetRecord[];
}

/** The service a task-set request names, which must use the EXTERNAL deployment controller, and its task sets. */
async function loadService(ctx: ServerContext, clusterRef: string, serviceRef: string, opts: { active: boolean }): Promise<Loaded> {
  const cluster = clusterName(clusterRef);
  const name = serviceRefName(serviceRef, cluster);
  await activeCluster(ctx, cluster);
  if (name === null) throw serviceNotFound();
  const cur = await getService(ctx.store, cluster, name);
  if (!cur || cur.value.service.status === 'INACTIVE') throw serviceNotFound();
  if (opts.active && cur.value.service.status !== 'ACTIVE') throw serviceNotActive();
  if (cur.value.service.deploymentController?.type !== 'EXTERNAL') {
    throw invalid('service', `The service ${name} uses the ${cur.value.service.deploymentController?.type ?? 'ECS'} deployment controller; task sets need the EXTERNAL deployment controller.`);
  }
  return { cluster, name, rec: cur.value, modRevision: cur.modRevision, sets: await serviceTaskSets(ctx.store, cluster, name) };
}

function findSet(l: Loaded, ref: string, field: string): TaskSetRecord {
  const id = taskSetRefId(ref, l.rec.service.serviceArn!);
  const found = id === null ? undefined : l.sets.find((s) => s.taskSet.id === id);
  if (!found) throw taskSetNotFound(field);
  return found;
}

/**
 * Writes task sets with the service record (`service` changes it, or it is written unchanged so its
 * revision moves), comparing the revision read: the controller's next decision sees the change, and a
 * decision made without it fails its compare.
 */
function writeSets(l: Loaded, sets: TaskSetRecord[], service = l.rec.service) {
  const next: ServiceRecord = { ...l.rec, service };
  return {
    compare: [{ key: serviceKey(l.cluster, l.name), modRevision: l.modRevision }],
    success: [...serviceOps(next, l.rec), ...sets.map((s) => putTaskSetOp(l.cluster, l.name, s))],
  };
}

/** A task set as the actions answer it: tags only when asked for (DescribeTaskSets' include TAGS). */
function present(ts: TaskSet, withTags = true): TaskSet {
  if (withTags) return { ...ts, tags: ts.tags ?? [] };
  const { tags: _t, ...rest } = ts;
  return rest;
}

export async function createTaskSet(ctx: ServerContext, req: CreateTaskSetRequest, call: CallContext): Promise<CreateTaskSetResponse> {
  checkUnsupported(req);
  const scale = checkScale(req.scale);
  if (req.tags !== undefined) checkTags('tags', req.tags);
  const tdArn = await serviceTaskDefinition(ctx, req.taskDefinition, call);
  const taskSet = await commitWithRetry<TaskSet>(ctx.store, async () => {
    const l = await loadService(ctx, req.cluster, req.service, { active: true });
    const again = req.clientToken !== undefined ? l.sets.find((s) => s.clientToken === req.clientToken) : undefined;
    if (again) return { txn: noWrite, result: again.taskSet };
    const now = ctx.now();
    const id = newDeploymentId();
    const s = l.rec.service;
    const ts: TaskSet = {
      id, taskSetArn: taskSetArn(s.serviceArn!, id), serviceArn: s.serviceArn!, clusterArn: s.clusterArn!,
      ...(req.externalId !== undefined ? { externalId: req.externalId } : {}),
      status: 'ACTIVE', taskDefinition: tdArn,
      computedDesiredCount: computedDesiredCount(s.desiredCount ?? 0, scale, 'ACTIVE'), pendingCount: 0, runningCount: 0,
      createdAt: now, updatedAt: now, launchType: req.launchType ?? s.launchType ?? 'EC2',
      capacityProviderStrategy: [], loadBalancers: [], serviceRegistries: [], scale,
      stabilityStatus: 'STABILIZING', stabilityStatusAt: now, tags: req.tags ?? [],
    };
    const rec: TaskSetRecord = { taskSet: ts, ...(req.clientToken !== undefined ? { clientToken: req.clientToken } : {}) };
    return { txn: writeSets(l, [rec]), result: ts };
  });
  ctx.log.info('task set created', { taskSet: taskSet.taskSetArn, taskDefinition: tdArn });
  return { taskSet: present(taskSet) };
}

export async function describeTaskSets(ctx: ServerContext, req: DescribeTaskSetsRequest): Promise<DescribeTaskSetsResponse> {
  const l = await loadService(ctx, req.cluster, req.service, { active: false });
  const withTags = req.include?.includes('TAGS') ?? false;
  if (req.taskSets === undefined || req.taskSets.length === 0) return { taskSets: l.sets.map((s) => present(s.taskSet, withTags)), failures: [] };
  const taskSets: TaskSet[] = [];
  const failures: Failure[] = [];
  for (const ref of req.taskSets) {
    const id = taskSetRefId(ref, l.rec.service.serviceArn!);
    const found = id === null ? undefined : l.sets.find((s) => s.taskSet.id === id);
    if (found) taskSets.push(present(found.taskSet, withTags));
    else failures.push({ arn: ref.startsWith('arn:') ? ref : taskSetArn(l.rec.service.serviceArn!, ref), reason: 'MISSING' });
  }
  return { taskSets, failures };
}

/** Changes one task set (and maybe the service) in one compared write; answers the task set. */
async function changeTaskSet(ctx: ServerContext, req: { cluster: string; service: string }, ref: string, field: string,
  change: (l: Loaded, found: TaskSetRecord, now: number) => { sets: TaskSetRecord[]; service?: ServiceRecord['service'] }): Promise<TaskSet> {
  const out = await commitWithRetry<TaskSet>(ctx.store, async () => {
    const l = await loadService(ctx, req.cluster, req.service, { active: true });
    const found = findSet(l, ref, field);
    const { sets, service } = change(l, found, ctx.now());
    return { txn: writeSets(l, sets, service), result: sets.find((s) => s.taskSet.id === found.taskSet.id)!.taskSet };
  });
  return present(out);
}

export async function updateTaskSet(ctx: ServerContext, req: UpdateTaskSetRequest): Promise<UpdateTaskSetResponse> {
  const scale = checkScale(req.scale);
  const taskSet = await changeTaskSet(ctx, req, req.taskSet, 'taskSet', (l, found, now) => {
    if (found.taskSet.status === 'DRAINING') throw invalid('taskSet', 'The task set is DRAINING (deleted); it cannot be scaled.');
    const computed = computedDesiredCount(l.rec.service.desiredCount ?? 0, scale, found.taskSet.status);
    return { sets: [{ ...found, taskSet: { ...found.taskSet, scale, computedDesiredCount: computed, updatedAt: now } }] };
  });
  ctx.log.info('task set updated', { taskSet: taskSet.taskSetArn, scale: taskSet.scale?.value });
  return { taskSet };
}

export async function deleteTaskSet(ctx: ServerContext, req: DeleteTaskSetRequest): Promise<DeleteTaskSetResponse> {
  const taskSet = await changeTaskSet(ctx, req, req.taskSet, 'taskSet', (_l, found, now) => {
    const ts = found.taskSet;
    if ((ts.computedDesiredCount ?? 0) > 0 && req.force !== true) {
      throw invalid('force', 'The task set cannot be deleted while it is scaled above 0; scale it to 0 first, or delete it with force.');
    }
    // Already DRAINING: deleting again changes nothing.
    const next = ts.status === 'DRAINING' ? ts : { ...ts, status: 'DRAINING', computedDesiredCount: 0, updatedAt: now };
    return { sets: [{ ...found, taskSet: next }] };
  });
  ctx.log.info('task set deleted', { taskSet: taskSet.taskSetArn });
  return { taskSet };
}

export async function updateServicePrimaryTaskSet(ctx: ServerContext, req: UpdateServicePrimaryTaskSetRequest): Promise<UpdateServicePrimaryTaskSetResponse> {
  const taskSet = await changeTaskSet(ctx, req, req.primaryTaskSet, 'primaryTaskSet', (l, found, now) => {
    if (found.taskSet.status === 'DRAINING') throw invalid('primaryTaskSet', 'The task set is DRAINING (deleted); it cannot become the primary task set.');
    const sets = l.sets.flatMap((s): TaskSetRecord[] => {
      if (s.taskSet.id === found.taskSet.id) return [{ ...s, taskSet: { ...s.taskSet, status: 'PRIMARY', updatedAt: now } }];
      if (s.taskSet.status === 'PRIMARY') return [{ ...s, taskSet: { ...s.taskSet, status: 'ACTIVE', updatedAt: now } }];
      return [];
    });
    // What the primary task set runs is the service's (ECS: its parameters transition to the service).
    return { sets, service: { ...l.rec.service, taskDefinition: found.taskSet.taskDefinition! } };
  });
  ctx.log.info('primary task set updated', { taskSet: taskSet.taskSetArn });
  return { taskSet };
}
