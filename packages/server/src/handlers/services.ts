// Services: CreateService, UpdateService, DeleteService, DescribeServices, ListServices. These only write the
// desired state (the service record with its deployments); the services controller
// (controllers/leader/services.ts) runs the replica scheduler over it and starts and stops the tasks.
//
// UpdateService reads an absent placementStrategy / placementConstraints as "unchanged" and an empty one as
// "remove them", as ECS does, on every transport (gRPC carries which lists were present: api's wire.ts).
import { randomInt, randomUUID } from 'node:crypto';
import {
  BerthError, DEFAULT_SERVICE_PLACEMENT, checkName, describeValue, unsupportedFeature, checkPlacementConstraints, checkRunnable, checkPlacementStrategies, checkTags,
  clusterArn, clusterName, deploymentId, describedConfiguration, initialSchedulerState, invalid, newDeployment, parseArn,
  passedRoles, serviceArn, launchStrategy, type CapacityProviderStrategyItem, type Cluster, type Deployment, startDeployment, checkShiftingConfiguration, isShiftingStrategy, type LoadBalancer,
  type CreateServiceRequest, type CreateServiceResponse, type DeleteServiceRequest, type DeleteServiceResponse,
  type DeploymentConfiguration, type DescribeServicesRequest, type DescribeServicesResponse, type Failure,
  type ListServicesRequest, type ListServicesResponse, type Service, type UpdateServiceRequest, type UpdateServiceResponse,
} from '@berth/core';
import type { CallContext } from '@berth/api';
import type { ServerContext } from '../context.js';
import { requirePassRole } from '../auth/pass-role.js';
import { commitWithRetry, noWrite } from '../state/kit.js';
import {
  getService, getServiceWithoutEvents, parseServiceIndexKey, serviceKey, serviceOps, servicesByStatusPrefix, type ServiceRecord,
} from '../state/services.js';
import { pageBuckets } from '../state/paging.js';
import { serviceTaskSets } from '../state/task-sets.js';
import { canonicalHash } from '../request-hash.js';
import { decodeToken, encodeToken, pageSize } from '../pagination.js';
import { checkLifecycleHookTargets } from './deployment-hooks.js';
import { activeCluster } from './clusters.js';
import { activeTaskDefinition } from './tasks/references.js';
import { checkLoadBalancers } from './service-load-balancers.js';
import { serviceEventOps } from '../events/publish.js';
import { withDeploymentHistory } from './service-deployments.js';
import {
  AWSVPC, EBS_VOLUMES, FARGATE_ONLY, LOAD_BALANCERS, OWN_INSTANCES_ONLY, ROLLING_ONLY, TRAFFIC_SHIFTING,
  SERVICE_CONNECT, SERVICE_DISCOVERY, VPC_LATTICE,
} from './unbuilt.js';

const DESCRIBE_MAX = 10;
const DESIRED_MAX = 5000;
const CLIENT_TOKEN = /^[\x21-\x7e]{1,36}$/;

export const serviceNotFound = () => new BerthError('ServiceNotFoundException', 'Service not found.', 'service');
const serviceNotActive = () => new BerthError('ServiceNotActiveException', 'Service was not ACTIVE.', 'service');

/** A new deployment id (ECS: `ecs-svc/` and 19 digits). */
export const newDeploymentId = () => deploymentId(Date.now(), randomInt(1000));

/**
 * The service name a reference names in `cluster`: a name, or an ARN `...:service/<cluster>/<name>` (or the
 * old short form `service/<name>`). null when the ARN names another cluster.
 */
export function serviceRefName(ref: string, cluster: string, field = 'service'): string | null {
  const bad = () => invalid(field, `Invalid service identifier ${describeValue(ref)}: expected a service name or arn:aws:ecs:<region>:<account>:service/<cluster>/<name>.`);
  if (typeof ref !== 'string' || ref === '') throw bad();
  if (!ref.startsWith('arn:')) {
    checkName(field, ref);
    return ref;
  }
  const a = parseArn(ref);
  if (a === null || a.service !== 'ecs' || a.resourceType !== 'service') throw bad();
  const parts = a.resource.split('/');
  if (parts.length === 2) return parts[0] === cluster ? parts[1]! : null;
  if (parts.length === 1) return parts[0]!;
  throw bad();
}

/** The service as Describe shows it: tags only when asked for. */
function present(s: Service, withTags: boolean): Service {
  if (withTags) return { ...s, tags: s.tags ?? [] };
  const { tags: _t, ...rest } = s;
  return rest;
}

/** A service of the EXTERNAL deployment controller shows its task sets (their tags with DescribeTaskSets). */
async function withTaskSets(ctx: ServerContext, cluster: string, s: Service): Promise<Service> {
  if (s.deploymentController?.type !== 'EXTERNAL') return s;
  const taskSets = (await serviceTaskSets(ctx.store, cluster, s.serviceName!)).map(({ taskSet: { tags: _t, ...ts } }) => ts);
  return { ...s, taskSets };
}

// --- validation (before any read, so bad input writes nothing) ------------------------------------------

type ServiceConfig = Partial<CreateServiceRequest & UpdateServiceRequest>;

/** What Berth would have to act on and cannot (yet): refused naming the member; the rest is kept. */
function checkUnsupported(req: ServiceConfig): void {
  const nonEmpty = (v: unknown[] | undefined) => v !== undefined && v.length > 0;
  if (req.launchType !== undefined && req.launchType !== 'EC2' && req.launchType !== 'EXTERNAL') {
    throw unsupportedFeature('launchType', OWN_INSTANCES_ONLY, `launchType ${req.launchType}`);
  }
  if (req.platformVersion !== undefined) throw unsupportedFeature('platformVersion', FARGATE_ONLY);
  if (req.networkConfiguration !== undefined) throw unsupportedFeature('networkConfiguration', AWSVPC);
  if (nonEmpty(req.serviceRegistries)) throw unsupportedFeature('serviceRegistries', SERVICE_DISCOVERY);
  if (req.serviceConnectConfiguration?.enabled) throw unsupportedFeature('serviceConnectConfiguration', SERVICE_CONNECT, 'serviceConnectConfiguration (Service Connect)');
  if (nonEmpty(req.volumeConfigurations)) throw unsupportedFeature('volumeConfigurations', EBS_VOLUMES);
  if (nonEmpty(req.vpcLatticeConfigurations)) throw unsupportedFeature('vpcLatticeConfigurations', VPC_LATTICE);
  if (req.schedulingStrategy !== undefined && req.schedulingStrategy !== 'REPLICA' && req.schedulingStrategy !== 'DAEMON') {
    throw invalid('schedulingStrategy', `'schedulingStrategy' must be REPLICA or DAEMON (${describeValue(req.schedulingStrategy)} given).`);
  }
  if (req.deploymentController !== undefined && req.deploymentController.type !== 'ECS' && req.deploymentController.type !== 'EXTERNAL') {
    throw unsupportedFeature('deploymentController.type', ROLLING_ONLY, `deploymentController ${req.deploymentController.type}`);
  }
}

function checkDeploymentConfiguration(c: DeploymentConfiguration | undefined, daemon = false): void {
  if (c === undefined) return;
  const f = 'deploymentConfiguration';
  if (daemon && c.maximumPercent !== undefined && c.maximumPercent !== 100) {
    throw invalid(`${f}.maximumPercent`, `The maximumPercent of a DAEMON service must be 100 (${c.maximumPercent} given).`);
  }
  if (c.minimumHealthyPercent !== undefined && (c.minimumHealthyPercent < 0 || c.minimumHealthyPercent > 100)) {
    throw invalid(`${f}.minimumHealthyPercent`, `'minimumHealthyPercent' must be between 0 and 100 (${c.minimumHealthyPercent} given).`);
  }
  if (c.maximumPercent !== undefined && c.maximumPercent < 100) {
    throw invalid(`${f}.maximumPercent`, `The maximumPercent of a REPLICA service must be at least 100 (${c.maximumPercent} given).`);
  }
  if (c.strategy !== undefined && c.strategy !== 'ROLLING' && (daemon || !isShiftingStrategy(c.strategy))) {
    throw unsupportedFeature(`${f}.strategy`, TRAFFIC_SHIFTING, `the deployment strategy ${c.strategy}${daemon ? ' for a DAEMON service' : ''}`);
  }
  if (c.alarms?.enable && (c.alarms.alarmNames ?? []).length === 0) throw invalid(`${f}.alarms.alarmNames`, 'Deployment alarms need at least one alarm name.');
  const t = c.deploymentCircuitBreaker?.thresholdConfiguration;
  if (t?.value !== undefined && t.value < 1) throw invalid(`${f}.deploymentCircuitBreaker.thresholdConfiguration.value`, `The circuit breaker's threshold value must be at least 1 (${t.value} given).`);
}

/**
 * Checked on the configuration a write leaves, with the service's load balancers: a ROLLING deployment
 * bakes only while its alarms are watched; a traffic-shifting one needs its members and a load balancer
 * with an advancedConfiguration.
 */
function checkStrategy(c: DeploymentConfiguration | undefined, lbs: readonly LoadBalancer[]): void {
  if (c === undefined) return;
  checkShiftingConfiguration(c, lbs);
  if (!isShiftingStrategy(c.strategy) && c.bakeTimeInMinutes !== undefined && !c.alarms?.enable) {
    throw unsupportedFeature('deploymentConfiguration.bakeTimeInMinutes', ROLLING_ONLY, 'a bake time without deployment alarms (a ROLLING deployment bakes only while its alarms are watched)');
  }
}

/** ECS's rules for the EXTERNAL deployment controller: the task sets carry the task definition; REPLICA only. */
function checkExternal(req: ServiceConfig): void {
  if (req.taskDefinition !== undefined) throw invalid('taskDefinition', 'A service with the EXTERNAL deployment controller runs the task definitions of its task sets; create one with CreateTaskSet.');
  if (req.schedulingStrategy === 'DAEMON') throw invalid('schedulingStrategy', 'The DAEMON scheduling strategy does not support the EXTERNAL deployment controller.');
}

/** ECS's rules for DAEMON services: no desiredCount (it is computed) and no placement strategy. */
function checkDaemon(req: ServiceConfig): void {
  if (req.desiredCount !== undefined) throw invalid('desiredCount', 'The daemon scheduling strategy does not support a desired count for services.');
  if (req.placementStrategy !== undefined && req.placementStrategy.length > 0) throw invalid('placementStrategy', 'The daemon scheduling strategy does not support placement strategies.');
}

function checkConfig(req: ServiceConfig, daemon = false): void {
  checkUnsupported(req);
  if (daemon) checkDaemon(req);
  if (req.desiredCount !== undefined && (!Number.isInteger(req.desiredCount) || req.desiredCount < 0 || req.desiredCount > DESIRED_MAX)) {
    throw invalid('desiredCount', `'desiredCount' must be between 0 and ${DESIRED_MAX} (${req.desiredCount} given).`);
  }
  checkDeploymentConfiguration(req.deploymentConfiguration, daemon);
  if (req.placementStrategy !== undefined) checkPlacementStrategies('placementStrategy', req.placementStrategy);
  if (req.placementConstraints !== undefined) checkPlacementConstraints('placementConstraints', req.placementConstraints);
  if (req.healthCheckGracePeriodSeconds !== undefined && (req.healthCheckGracePeriodSeconds < 0 || req.healthCheckGracePeriodSeconds > 2147483647)) {
    throw invalid('healthCheckGracePeriodSeconds', `'healthCheckGracePeriodSeconds' must be between 0 and 2147483647 (${req.healthCheckGracePeriodSeconds} given).`);
  }
  if (req.tags !== undefined) checkTags('tags', req.tags);
}

export async function serviceTaskDefinition(ctx: ServerContext, ref: string, call: CallContext): Promise<string> {
  const rec = await activeTaskDefinition(ctx, ref);
  // Its tasks will pass the roles; and what RunTask refuses, a service is refused up front, with the same reason.
  await requirePassRole(ctx, call, passedRoles(rec.taskDefinition));
  checkRunnable(rec.taskDefinition);
  return rec.taskDefinition.taskDefinitionArn!;
}

function requestHash(req: CreateServiceRequest, cluster: string): string {
  const { clientToken: _t, ...rest } = req;
  return canonicalHash({ ...rest, cluster });
}

/**
 * The capacity provider strategy a service's tasks launch with: the request's, else the cluster's default
 * when no launchType is given (core's launchStrategy, ECS's checks). A DAEMON service (one task on every
 * machine) and an EXTERNAL one (its task sets launch) take none: a strategy given is refused naming it.
 */
function serviceStrategy(req: { capacityProviderStrategy?: CapacityProviderStrategyItem[]; launchType?: string }, cluster: Cluster, none: boolean): CapacityProviderStrategyItem[] | undefined {
  if (none) {
    if (req.capacityProviderStrategy?.length) throw unsupportedFeature('capacityProviderStrategy', 'a DAEMON service places one task on every machine, and an EXTERNAL one launches through its task sets; Berth applies capacity provider strategies to REPLICA services of the ECS deployment controller and to RunTask');
    return undefined;
  }
  return launchStrategy('capacityProviderStrategy', req.capacityProviderStrategy, req.launchType, cluster)?.strategy.map((x) => ({ ...x, base: x.base ?? 0, weight: x.weight ?? 0 }));
}

/** A deployment of a strategy shows it, as ECS's do, instead of a launch type. */
function withStrategy(d: Deployment, strategy: CapacityProviderStrategyItem[] | undefined): Deployment {
  if (!strategy) return d;
  const { launchType: _l, ...rest } = d;
  return { ...rest, capacityProviderStrategy: strategy };
}

// --- actions --------------------------------------------------------------------------------------------

export async function createService(ctx: ServerContext, req: CreateServiceRequest, call: CallContext): Promise<CreateServiceResponse> {
  const cluster = clusterName(req.cluster);
  checkName('serviceName', req.serviceName);
  const daemon = req.schedulingStrategy === 'DAEMON';
  checkConfig(req, daemon);
  checkStrategy(req.deploymentConfiguration, req.loadBalancers ?? []);
  await checkLifecycleHookTargets(ctx, req.deploymentConfiguration);
  if (req.clientToken !== undefined && !CLIENT_TOKEN.test(req.clientToken)) {
    throw invalid('clientToken', "'clientToken' must be 1 to 36 printable ASCII characters without spaces.");
  }
  // EXTERNAL: the task sets say what runs (CreateTaskSet); the service only holds the desired count.
  const external = req.deploymentController?.type === 'EXTERNAL';
  if (external) {
    checkExternal(req);
    // Task sets would register with their own load balancers (CreateTaskSet), which Berth does not build yet.
    if (req.loadBalancers !== undefined && req.loadBalancers.length > 0) throw unsupportedFeature('loadBalancers', LOAD_BALANCERS, 'loadBalancers with the EXTERNAL deployment controller');
  } else if (req.taskDefinition === undefined) throw invalid('taskDefinition', 'A service with the ECS deployment controller needs a taskDefinition.');
  if (req.desiredCount === undefined && !daemon) throw invalid('desiredCount', 'A service with the REPLICA scheduling strategy needs a desiredCount.');
  const { cluster: c } = await activeCluster(ctx, cluster);
  const strategy = serviceStrategy(req, c, daemon || external);
  const tdArn = req.taskDefinition !== undefined ? await serviceTaskDefinition(ctx, req.taskDefinition, call) : undefined;
  if (tdArn !== undefined && req.loadBalancers !== undefined && req.loadBalancers.length > 0) await checkLoadBalancers(ctx, req.loadBalancers, tdArn);
  const hash = requestHash(req, cluster);
  const key = serviceKey(cluster, req.serviceName);
  const out = await commitWithRetry<{ service: Service; created: boolean }>(ctx.store, async () => {
    const cur = await getService(ctx.store, cluster, req.serviceName);
    if (cur) {
      const existing = cur.value;
      if (existing.service.status !== 'INACTIVE') {
        // A retry of the same request (same clientToken or not) gets the service; anything else is refused.
        if (existing.requestHash === hash) return { txn: noWrite, result: { service: existing.service, created: false } };
        throw invalid('serviceName', 'Creation of service was not idempotent.');
      }
    }
    const now = ctx.now();
    const launchType = req.launchType ?? 'EC2';
    // A daemon's desiredCount is computed by the services controller (one per eligible instance).
    const desiredCount = daemon ? 0 : req.desiredCount!;
    const first = tdArn !== undefined ? withStrategy(newDeployment({ id: newDeploymentId(), taskDefinition: tdArn, desiredCount, now, launchType }), strategy) : undefined;
    const service: Service = {
      serviceArn: serviceArn(ctx.identity, cluster, req.serviceName),
      serviceName: req.serviceName,
      clusterArn: c.clusterArn ?? clusterArn(ctx.identity, cluster),
      loadBalancers: req.loadBalancers ?? [],
      serviceRegistries: req.serviceRegistries ?? [],
      status: 'ACTIVE',
      desiredCount,
      runningCount: 0,
      pendingCount: 0,
      // As ECS shows it: a service of a capacity provider strategy (its own or the cluster's default) has no launchType.
      ...(strategy ? { capacityProviderStrategy: strategy } : { launchType }),
      ...(tdArn !== undefined ? { taskDefinition: tdArn } : {}),
      deploymentConfiguration: describedConfiguration(req.deploymentConfiguration, daemon),
      deployments: first ? [first] : [],
      ...(req.role !== undefined ? { roleArn: req.role } : {}),
      events: [],
      createdAt: now,
      placementConstraints: req.placementConstraints ?? [],
      placementStrategy: req.placementStrategy ?? [],
      healthCheckGracePeriodSeconds: req.healthCheckGracePeriodSeconds ?? 0,
      schedulingStrategy: daemon ? 'DAEMON' : 'REPLICA',
      deploymentController: req.deploymentController ?? { type: 'ECS' },
      tags: req.tags ?? [],
      enableECSManagedTags: req.enableECSManagedTags ?? false,
      propagateTags: req.propagateTags ?? 'NONE',
      enableExecuteCommand: req.enableExecuteCommand ?? false,
      ...(req.availabilityZoneRebalancing !== undefined ? { availabilityZoneRebalancing: req.availabilityZoneRebalancing } : {}),
    };
    const { rec, ops } = withDeploymentHistory({ cluster, name: req.serviceName, service, requestHash: hash, scheduler: initialSchedulerState() }, now);
    return {
      // A re-created name replaces the INACTIVE record (and its events) whole.
      txn: { compare: [{ key, modRevision: cur?.modRevision ?? 0 }], success: [...serviceOps(rec, cur?.value), ...ops, ...serviceEventOps(ctx, cluster, undefined, service)] },
      result: { service, created: true },
    };
  });
  if (out.created) ctx.log.info('service created', { cluster, service: req.serviceName, taskDefinition: tdArn, ...(daemon ? { schedulingStrategy: 'DAEMON' } : { desiredCount: req.desiredCount }) });
  return { service: out.service };
}

export async function updateService(ctx: ServerContext, req: UpdateServiceRequest, call: CallContext): Promise<UpdateServiceResponse> {
  const cluster = clusterName(req.cluster);
  const name = serviceRefName(req.service, cluster);
  checkConfig(req);
  await checkLifecycleHookTargets(ctx, req.deploymentConfiguration);
  const { cluster: c } = await activeCluster(ctx, cluster);
  if (name === null) throw serviceNotFound();
  const tdArn = req.taskDefinition !== undefined ? await serviceTaskDefinition(ctx, req.taskDefinition, call) : undefined;
  const key = serviceKey(cluster, name);
  const out = await commitWithRetry<{ service: Service; deployment?: string }>(ctx.store, async () => {
    const cur = await getService(ctx.store, cluster, name);
    if (!cur) throw serviceNotFound();
    const rec = cur.value;
    if (rec.service.status !== 'ACTIVE') throw serviceNotActive();
    const lbs = rec.service.loadBalancers ?? [];
    if (req.loadBalancers !== undefined && JSON.stringify(req.loadBalancers) !== JSON.stringify(lbs)) throw unsupportedFeature('loadBalancers', LOAD_BALANCERS, "a change of a service's loadBalancers");
    // A new revision must still have the containers and ports the service's load balancers name.
    if (tdArn !== undefined && lbs.length > 0) await checkLoadBalancers(ctx, lbs, tdArn);
    const daemon = rec.service.schedulingStrategy === 'DAEMON';
    if (daemon) checkConfig(req, true);
    const external = rec.service.deploymentController?.type === 'EXTERNAL';
    if (external && (req.taskDefinition !== undefined || req.forceNewDeployment === true)) {
      throw invalid(req.taskDefinition !== undefined ? 'taskDefinition' : 'forceNewDeployment', 'A service with the EXTERNAL deployment controller is deployed through its task sets (CreateTaskSet, UpdateServicePrimaryTaskSet).');
    }
    const now = ctx.now();
    const s: Service = { ...rec.service };
    let scheduler = rec.scheduler;
    if (req.desiredCount !== undefined) s.desiredCount = req.desiredCount;
    // Members given replace those kept (a given deploymentCircuitBreaker replaces the old one whole).
    if (req.deploymentConfiguration !== undefined) {
      s.deploymentConfiguration = describedConfiguration({ ...s.deploymentConfiguration, ...req.deploymentConfiguration }, daemon);
      checkStrategy(s.deploymentConfiguration, lbs);
    }
    const same = (a: unknown, b: unknown) => JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
    let placementChanged = false;
    // A new strategy (checked against the cluster as at CreateService) replaces the launch type or the old
    // strategy; like a placement change, the tasks are replaced by a new deployment.
    if (req.capacityProviderStrategy !== undefined && req.capacityProviderStrategy.length > 0) {
      const strategy = serviceStrategy({ capacityProviderStrategy: req.capacityProviderStrategy }, c, daemon || external)!;
      if (!same(strategy, s.capacityProviderStrategy)) {
        s.capacityProviderStrategy = strategy;
        delete s.launchType;
        placementChanged = true;
      }
    }
    if (req.placementStrategy !== undefined && !same(req.placementStrategy, s.placementStrategy)) {
      s.placementStrategy = req.placementStrategy;
      placementChanged = true;
    }
    if (req.placementConstraints !== undefined && !same(req.placementConstraints, s.placementConstraints)) {
      s.placementConstraints = req.placementConstraints;
      placementChanged = true;
    }
    if (req.healthCheckGracePeriodSeconds !== undefined) s.healthCheckGracePeriodSeconds = req.healthCheckGracePeriodSeconds;
    if (req.propagateTags !== undefined) s.propagateTags = req.propagateTags;
    if (req.enableECSManagedTags !== undefined) s.enableECSManagedTags = req.enableECSManagedTags;
    // As in ECS: tasks started from now on (a new deployment, or forceNewDeployment, replaces the others).
    if (req.enableExecuteCommand !== undefined) s.enableExecuteCommand = req.enableExecuteCommand;
    if (req.availabilityZoneRebalancing !== undefined) s.availabilityZoneRebalancing = req.availabilityZoneRebalancing;
    const primary = s.deployments?.find((d) => d.status === 'PRIMARY');
    const tdChanged = tdArn !== undefined && tdArn !== primary?.taskDefinition;
    let deployment: string | undefined;
    // EXTERNAL: no deployments; its task sets follow the new desiredCount (the services controller recomputes them).
    if (!external && (tdChanged || req.forceNewDeployment === true || placementChanged || primary === undefined)) {
      deployment = newDeploymentId();
      const next = withStrategy(newDeployment({ id: deployment, taskDefinition: tdArn ?? primary?.taskDefinition ?? s.taskDefinition!, desiredCount: s.desiredCount ?? 0, now, launchType: s.launchType ?? 'EC2' }), s.capacityProviderStrategy);
      s.deployments = startDeployment(s.deployments ?? [], next, now);
      s.taskDefinition = next.taskDefinition!;
      // A new deployment starts with a clean slate: no throttling, not steady.
      scheduler = { ...scheduler, startFailures: 0, steady: false };
      delete scheduler.nextLaunchAt;
    } else if (primary && primary.desiredCount !== s.desiredCount) {
      s.deployments = s.deployments!.map((d) => (d === primary ? { ...d, desiredCount: s.desiredCount!, updatedAt: now } : d));
    }
    if (s.desiredCount !== rec.service.desiredCount) scheduler = { ...scheduler, steady: false };
    const { rec: next, ops } = withDeploymentHistory({ ...rec, service: s, scheduler }, now);
    return {
      txn: { compare: [{ key, modRevision: cur.modRevision }], success: [...serviceOps(next, rec), ...ops, ...serviceEventOps(ctx, cluster, rec.service, s)] },
      result: { service: s, ...(deployment ? { deployment } : {}) },
    };
  });
  ctx.log.info('service updated', { cluster, service: name, desiredCount: out.service.desiredCount, ...(out.deployment ? { deployment: out.deployment } : {}) });
  return { service: out.service };
}

export async function deleteService(ctx: ServerContext, req: DeleteServiceRequest): Promise<DeleteServiceResponse> {
  const cluster = clusterName(req.cluster);
  const name = serviceRefName(req.service, cluster);
  await activeCluster(ctx, cluster);
  if (name === null) throw serviceNotFound();
  const key = serviceKey(cluster, name);
  const service = await commitWithRetry<Service>(ctx.store, async () => {
    const cur = await getService(ctx.store, cluster, name);
    if (!cur) throw serviceNotFound();
    const rec = cur.value;
    if (rec.service.status === 'INACTIVE') throw serviceNotFound();
    if (rec.service.status === 'DRAINING') return { txn: noWrite, result: rec.service };
    // A daemon's count is computed: it is deleted without scaling it down first.
    if ((rec.service.desiredCount ?? 0) > 0 && req.force !== true && rec.service.schedulingStrategy !== 'DAEMON') {
      throw invalid('force', 'The service cannot be stopped while it is scaled above 0.');
    }
    // DRAINING until the controller has stopped every task; then INACTIVE (still describable).
    const s: Service = { ...rec.service, status: 'DRAINING', desiredCount: 0 };
    return { txn: { compare: [{ key, modRevision: cur.modRevision }], success: [...serviceOps({ ...rec, service: s }, rec), ...serviceEventOps(ctx, cluster, rec.service, s)] }, result: s };
  });
  ctx.log.info('service deleted', { cluster, service: name });
  return { service };
}

export async function describeServices(ctx: ServerContext, req: DescribeServicesRequest): Promise<DescribeServicesResponse> {
  const cluster = clusterName(req.cluster);
  const refs = req.services ?? [];
  if (refs.length === 0) throw invalid('services', 'Services cannot be empty.');
  if (refs.length > DESCRIBE_MAX) throw invalid('services', `At most ${DESCRIBE_MAX} services can be described at once (${refs.length} given).`);
  const names = refs.map((r, i) => serviceRefName(r, cluster, `services[${i}]`));
  await activeCluster(ctx, cluster);
  const withTags = req.include?.includes('TAGS') ?? false;
  const services: Service[] = [];
  const failures: Failure[] = [];
  for (const [i, n] of names.entries()) {
    const rec = n === null ? null : await getService(ctx.store, cluster, n);
    if (rec) services.push(await withTaskSets(ctx, cluster, present(rec.value.service, withTags)));
    else failures.push({ arn: refs[i]!.startsWith('arn:') ? refs[i]! : serviceArn(ctx.identity, cluster, refs[i]!), reason: 'MISSING' });
  }
  return { services, failures };
}

/** A page of the cluster's ACTIVE services from the status index; the filters read each record examined. */
export async function listServices(ctx: ServerContext, req: ListServicesRequest): Promise<ListServicesResponse> {
  const cluster = clusterName(req.cluster);
  const limit = pageSize(req.maxResults, 10);
  const bucket = servicesByStatusPrefix(cluster, 'ACTIVE');
  const after = decodeToken(req.nextToken, bucket);
  await activeCluster(ctx, cluster);
  const filtered = req.launchType !== undefined || req.schedulingStrategy !== undefined;
  const keep = async (kv: { key: string }) => {
    if (!filtered) return true;
    const s = (await getServiceWithoutEvents(ctx.store, cluster, parseServiceIndexKey(kv.key).name))?.service;
    return s !== undefined && (req.launchType === undefined || s.launchType === req.launchType) &&
      (req.schedulingStrategy === undefined || s.schedulingStrategy === req.schedulingStrategy);
  };
  const page = await pageBuckets(ctx.store, [bucket], after, { limit, keep });
  const serviceArns = page.kept.map((kv) => serviceArn(ctx.identity, cluster, parseServiceIndexKey(kv.key).name));
  return { serviceArns, ...(page.next !== undefined ? { nextToken: encodeToken(page.next) } : {}) };
}

/** The placement a service's tasks get: its strategies, or spread over zones then instances. */
export function servicePlacement(s: Service) {
  return {
    placementStrategy: s.placementStrategy !== undefined && s.placementStrategy.length > 0 ? s.placementStrategy : DEFAULT_SERVICE_PLACEMENT,
    placementConstraints: s.placementConstraints ?? [],
  };
}

export const newEventId = () => randomUUID();
