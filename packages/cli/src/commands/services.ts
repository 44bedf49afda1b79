// berth create service -f, get services, describe service, scale service, rollout status service, delete
// service (rollout history and undo: rollout-history.ts).
import {
  CIRCUIT_BREAKER_FAILED_REASON, type CreateServiceRequest, type Deployment, type Service,
  type UpdateServiceRequest,
} from '@berth/core';
import type { CommandContext } from '../context.js';
import { clusterFromArn, UsageError } from '../context.js';
import { readInput } from '../input.js';
import { render, table, time } from '../output.js';
import { eventService, follow } from './watch.js';

export const tdName = (arn: string | undefined) => arn?.split('/').pop();
export const primaryOf = (s: Service) => s.deployments?.find((d) => d.status === 'PRIMARY');

const COLUMNS = [
  { header: 'NAME', get: (s: Service) => s.serviceName },
  { header: 'STATUS', get: (s: Service) => s.status },
  { header: 'DESIRED', get: (s: Service) => s.desiredCount },
  { header: 'RUNNING', get: (s: Service) => s.runningCount },
  { header: 'PENDING', get: (s: Service) => s.pendingCount },
  { header: 'TASKDEF', get: (s: Service) => tdName(s.taskDefinition) },
  { header: 'DEPLOYMENTS', get: (s: Service) => s.deployments?.length },
  { header: 'ROLLOUT', get: (s: Service) => primaryOf(s)?.rolloutState },
  { header: 'SCHEDULING', get: (s: Service) => s.schedulingStrategy, wide: true },
  { header: 'LAUNCH', get: (s: Service) => s.launchType, wide: true },
  { header: 'EXEC', get: (s: Service) => String(s.enableExecuteCommand ?? false), wide: true },
];

const DEPLOYMENT_COLUMNS = [
  { header: 'ID', get: (d: Deployment) => d.id },
  { header: 'STATUS', get: (d: Deployment) => d.status },
  { header: 'TASKDEF', get: (d: Deployment) => tdName(d.taskDefinition) },
  { header: 'DESIRED', get: (d: Deployment) => d.desiredCount },
  { header: 'RUNNING', get: (d: Deployment) => d.runningCount },
  { header: 'PENDING', get: (d: Deployment) => d.pendingCount },
  { header: 'FAILED', get: (d: Deployment) => d.failedTasks },
  { header: 'ROLLOUT', get: (d: Deployment) => d.rolloutState },
  { header: 'UPDATED', get: (d: Deployment) => time(d.updatedAt) },
];

/** The cluster for a service named by `name` (an ARN carries its cluster) or a -f file. */
export const clusterFor = (ctx: CommandContext, name: string | undefined, fileCluster?: string) =>
  ctx.cluster((name ? clusterFromArn(name) : undefined) ?? (fileCluster ? clusterFromArn(fileCluster) ?? fileCluster : undefined));

export async function describeOne(ctx: CommandContext, cluster: string, name: string): Promise<Service | undefined> {
  const res = await ctx.client.call('DescribeServices', { cluster, services: [name], include: ['TAGS'] });
  return res.services?.[0];
}

function readService(ctx: CommandContext, file: string): { req: CreateServiceRequest; cluster: string } {
  const req = readInput<CreateServiceRequest>(file, 'CreateServiceRequest');
  const cluster = clusterFor(ctx, undefined, req.cluster);
  return { req: { ...req, cluster }, cluster };
}

/** A DAEMON service's desired count is computed: one task per eligible container instance. */
export const desiredText = (s: Service | undefined) => (s?.schedulingStrategy === 'DAEMON' ? 'DAEMON: one task per instance' : `desired ${s?.desiredCount}`);

export async function createService(ctx: CommandContext, file: string): Promise<void> {
  const { req } = readService(ctx, file);
  const res = await ctx.client.call('CreateService', req);
  ctx.out(render(ctx.output, res, () => `service/${res.service?.serviceName} created (${tdName(res.service?.taskDefinition)}, ${desiredText(res.service)})\n`));
}

/**
 * The UpdateService that brings a service to what a CreateService file says: desired count, task definition
 * (a bare family means its latest ACTIVE revision, and a new deployment starts only when that changed),
 * deployment configuration, placement, grace period, tag propagation, ECS Exec (berth apply, apply.ts).
 */
export function serviceUpdate(req: CreateServiceRequest & { cluster: string }): UpdateServiceRequest {
  return {
    cluster: req.cluster, service: req.serviceName,
    ...(req.desiredCount !== undefined ? { desiredCount: req.desiredCount } : {}),
    ...(req.taskDefinition !== undefined ? { taskDefinition: req.taskDefinition } : {}),
    ...(req.deploymentConfiguration !== undefined ? { deploymentConfiguration: req.deploymentConfiguration } : {}),
    ...(req.placementStrategy !== undefined ? { placementStrategy: req.placementStrategy } : {}),
    ...(req.placementConstraints !== undefined ? { placementConstraints: req.placementConstraints } : {}),
    ...(req.healthCheckGracePeriodSeconds !== undefined ? { healthCheckGracePeriodSeconds: req.healthCheckGracePeriodSeconds } : {}),
    ...(req.propagateTags !== undefined ? { propagateTags: req.propagateTags } : {}),
    ...(req.enableECSManagedTags !== undefined ? { enableECSManagedTags: req.enableECSManagedTags } : {}),
    ...(req.enableExecuteCommand !== undefined ? { enableExecuteCommand: req.enableExecuteCommand } : {}),
  };
}

/** Every service of the cluster, described. */
async function listServices(ctx: CommandContext): Promise<Service[]> {
  const cluster = ctx.cluster();
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ctx.client.call('ListServices', { cluster, maxResults: 100, ...(nextToken ? { nextToken } : {}) });
    arns.push(...(page.serviceArns ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  const services: Service[] = [];
  for (let i = 0; i < arns.length; i += 10) {
    services.push(...((await ctx.client.call('DescribeServices', { cluster, services: arns.slice(i, i + 10) })).services ?? []));
  }
  return services;
}

/** The service an event names, described now (none when it is gone). */
async function changedService(ctx: CommandContext, e: Parameters<typeof eventService>[0]): Promise<Service[]> {
  const name = eventService(e);
  if (name === undefined) return [];
  return (await ctx.client.call('DescribeServices', { cluster: ctx.cluster(), services: [name] })).services ?? [];
}

export async function getServices(ctx: CommandContext, watch = false): Promise<void> {
  const listedAt = Date.now();
  const services = await listServices(ctx);
  ctx.out(render(ctx.output, services, (wide) => (services.length ? table(services, COLUMNS, wide) : 'No services.\n')));
  if (watch) await follow(ctx, 'service', listedAt, COLUMNS, (e) => changedService(ctx, e));
}

/** A deployment with its service's name (berth get deployments). */
type ServiceDeployment = Deployment & { serviceName?: string };
const SERVICE_DEPLOYMENT_COLUMNS = [{ header: 'SERVICE', get: (d: ServiceDeployment) => d.serviceName }, ...DEPLOYMENT_COLUMNS];
const deploymentsOf = (s: Service): ServiceDeployment[] => (s.deployments ?? []).map((d) => ({ serviceName: s.serviceName, ...d }));

/** Every service's deployments; with -w, each deployment as its state changes. */
export async function getDeployments(ctx: CommandContext, watch = false): Promise<void> {
  const listedAt = Date.now();
  const deployments = (await listServices(ctx)).flatMap(deploymentsOf);
  ctx.out(render(ctx.output, deployments, (wide) => (deployments.length ? table(deployments, SERVICE_DEPLOYMENT_COLUMNS, wide) : 'No deployments.\n')));
  if (watch) {
    await follow(ctx, 'deployment', listedAt, SERVICE_DEPLOYMENT_COLUMNS, async (e) => {
      const id = (e.detail as { deploymentId?: string }).deploymentId;
      return (await changedService(ctx, e)).flatMap(deploymentsOf).filter((d) => d.id === id);
    });
  }
}

export async function describeService(ctx: CommandContext, name: string): Promise<void> {
  const cluster = clusterFor(ctx, name);
  const s = await describeOne(ctx, cluster, name);
  if (!s) throw new UsageError(`service ${name} not found in cluster ${cluster}`);
  ctx.out(render(ctx.output, s, () => {
    const c = s.deploymentConfiguration;
    const lines = [
      `Name:         ${s.serviceName}`,
      `ARN:          ${s.serviceArn}`,
      `Status:       ${s.status}`,
      `Task def:     ${tdName(s.taskDefinition)}`,
      `Tasks:        ${s.desiredCount} desired${s.schedulingStrategy === 'DAEMON' ? ' (DAEMON: one per instance)' : ''}, ${s.runningCount} running, ${s.pendingCount} pending`,
      `Deployment:   min ${c?.minimumHealthyPercent}% healthy, max ${c?.maximumPercent}%, circuit breaker ${c?.deploymentCircuitBreaker?.enable ? `on${c.deploymentCircuitBreaker.rollback ? ' (rollback)' : ''}` : 'off'}`,
      ...(s.placementStrategy?.length ? [`Placement:    ${s.placementStrategy.map((p) => `${p.type}${p.field ? `:${p.field}` : ''}`).join(', ')}`] : []),
      ...(s.tags?.length ? [`Tags:         ${s.tags.map((t) => `${t.key}=${t.value}`).join(', ')}`] : []),
      '',
      'Deployments:',
      table(s.deployments ?? [], DEPLOYMENT_COLUMNS).trimEnd(),
      '',
      'Events:',
      ...(s.events ?? []).slice(0, 10).map((e) => `  ${time(e.createdAt)}  ${e.message}`),
    ];
    return lines.join('\n') + '\n';
  }));
}

export async function scale(ctx: CommandContext, name: string, desired: string | undefined): Promise<void> {
  const n = Number(desired);
  if (desired === undefined || !Number.isInteger(n) || n < 0) throw new UsageError('--desired must be a whole number, 0 or more');
  const res = await ctx.client.call('UpdateService', { cluster: clusterFor(ctx, name), service: name, desiredCount: n });
  ctx.out(render(ctx.output, res, () => `service/${res.service?.serviceName} scaled to ${n}\n`));
}

export async function deleteService(ctx: CommandContext, name: string, force: boolean): Promise<void> {
  const res = await ctx.client.call('DeleteService', { cluster: clusterFor(ctx, name), service: name, force });
  ctx.out(render(ctx.output, res, () => `service/${res.service?.serviceName} deleted (${res.service?.status})\n`));
}

/**
 * Follows the service's newest deployment until the service is stable (exit 0) or that deployment
 * failed or was rolled back (exit 1, saying what to do next). Its progress: a bar of the new deployment's
 * running tasks on a terminal, else a line whenever the picture changes.
 */
export async function rolloutStatus(ctx: CommandContext, name: string, opts: { timeout?: string; interval?: number; cluster?: string } = {}): Promise<number> {
  const cluster = opts.cluster ?? clusterFor(ctx, name);
  const deadline = Date.now() + Number(opts.timeout ?? '600') * 1000;
  const bar = ctx.progress('stdout');
  const hint = `  see its events: berth describe service ${name}\n  go back: berth rollout undo service ${name}`;
  let watched: string | undefined;
  for (;;) {
    const s = await describeOne(ctx, cluster, name);
    if (!s) throw new UsageError(`service ${name} not found in cluster ${cluster}`);
    if (s.status !== 'ACTIVE') {
      bar.end(`service/${name} is ${s.status}`);
      return 1;
    }
    const p = primaryOf(s);
    // A circuit breaker rollback starts its deployment in the same step that records the failure event:
    // a primary that is such a rollback means the rollout being followed failed.
    const failed = p ? rolledBackFrom(s, p) : undefined;
    if (failed) {
      bar.end(`deployment ${failed} failed: ${CIRCUIT_BREAKER_FAILED_REASON} Rolled back to ${tdName(p!.taskDefinition)} (deployment ${p!.id}).\n  see why its tasks stopped: berth get tasks --desired-status STOPPED`);
      return 1;
    }
    watched ??= p?.id;
    const mine = s.deployments?.find((d) => d.id === watched);
    if (!mine || mine.rolloutState === 'FAILED' || p?.id !== watched) {
      bar.end(`deployment ${watched} failed: ${mine?.rolloutStateReason ?? p?.rolloutStateReason ?? 'replaced by another deployment'}\n${hint}`);
      return 1;
    }
    const old = (s.deployments ?? []).filter((d) => d.id !== watched).reduce((n, d) => n + (d.runningCount ?? 0), 0);
    if ((s.deployments?.length ?? 0) === 1 && mine.rolloutState === 'COMPLETED' && s.runningCount === s.desiredCount) {
      bar.end(`service/${name} successfully rolled out (${tdName(mine.taskDefinition)}, ${s.runningCount} running)`);
      return 0;
    }
    bar.update(mine.runningCount ?? 0, mine.desiredCount ?? 0, `Waiting for deployment ${watched} (${tdName(mine.taskDefinition)}): ${mine.runningCount ?? 0} of ${mine.desiredCount ?? 0} new tasks running, ${old} old tasks running`);
    if (Date.now() > deadline) {
      bar.end(`timed out waiting for service/${name} to roll out\n${hint}`);
      return 1;
    }
    await new Promise((r) => setTimeout(r, opts.interval ?? 1000));
  }
}

/** The deployment a circuit breaker rollback replaced, when `p` is such a rollback. */
function rolledBackFrom(s: Service, p: Deployment): string | undefined {
  for (const e of s.events ?? []) {
    const m = /^\(service [^)]+\) \(deployment (ecs-svc\/\d+)\) deployment failed: tasks failed to start\.$/.exec(e.message ?? '');
    if (m && e.createdAt !== undefined && p.createdAt !== undefined && e.createdAt >= p.createdAt) return m[1];
  }
  return undefined;
}
