// berth rollout history|undo service: a service's deployments as ECS's deployments API keeps them
// (ListServiceDeployments, DescribeServiceDeployments, DescribeServiceRevisions: the last 10), and going back
// to one of their service revisions with UpdateService, as kubectl's rollout undo [--to-revision] does.
import {
  resourceId, serviceRevisionArn, type Service, type ServiceDeployment, type ServiceRevision, type UpdateServiceRequest,
} from '@berth/core';
import type { CommandContext } from '../context.js';
import { UsageError } from '../context.js';
import { render, table, time } from '../output.js';
import { clusterFor, describeOne, primaryOf, tdName } from './services.js';

/** The ARNs a Describe of the deployments API takes at once. */
const DESCRIBE_AT_ONCE = 20;

/** Calls `describe` on `arns` in groups the API takes, in order. */
async function inGroups<T>(arns: readonly string[], describe: (group: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < arns.length; i += DESCRIBE_AT_ONCE) out.push(...await describe(arns.slice(i, i + DESCRIBE_AT_ONCE)));
  return out;
}

/** The service revision a deployment brought the service to: a rolled back one, the revision it went back to. */
const landedOn = (d: ServiceDeployment) => (d.status?.startsWith('ROLLBACK_') ? d.rollback?.serviceRevisionArn : d.targetServiceRevision?.arn);
const SETTLED = new Set(['SUCCESSFUL', 'ROLLBACK_SUCCESSFUL']);

/**
 * The revision `rollout undo` goes back to without --to-revision (`deployments` newest first): the one the
 * newest earlier deployment that settled brought the service to, when it is not the one the current
 * deployment brings; else the newest other one any earlier deployment named.
 */
export function previousRevision(deployments: readonly ServiceDeployment[]): string | undefined {
  const [current, ...earlier] = deployments;
  if (!current) return undefined;
  const now = landedOn(current);
  const other = (arn: string | undefined) => arn !== undefined && arn !== now;
  return earlier.filter((d) => SETTLED.has(d.status ?? '')).map(landedOn).find(other)
    ?? earlier.flatMap((d) => [landedOn(d), d.targetServiceRevision?.arn]).find(other);
}

/** Members a service revision records that UpdateService takes: on the service, or on its deployments. */
const REVISION_MEMBERS = [
  'loadBalancers', 'serviceRegistries', 'capacityProviderStrategy', 'networkConfiguration', 'platformVersion',
  'serviceConnectConfiguration', 'volumeConfigurations', 'vpcLatticeConfigurations',
] as const;

/**
 * The UpdateService that brings `service` back to `revision`: its task definition, and each other member the
 * revision records that differs from what the service runs now (the control plane refuses, naming the
 * member, what it cannot change, rather than the undo dropping it).
 */
export function undoUpdate(cluster: string, service: Service, revision: ServiceRevision): UpdateServiceRequest {
  const now: Record<string, unknown> = { ...service, ...primaryOf(service) };
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
  const req: UpdateServiceRequest = { cluster, service: service.serviceName!, taskDefinition: revision.taskDefinition! };
  for (const m of REVISION_MEMBERS) {
    if (revision[m] !== undefined && !same(revision[m], now[m])) Object.assign(req, { [m]: revision[m] });
  }
  return req;
}

/** A service's deployments, newest first, and the revisions they target or rolled back to. */
async function serviceHistory(ctx: CommandContext, cluster: string, name: string): Promise<{ deployments: ServiceDeployment[]; revisions: Map<string, ServiceRevision> }> {
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ctx.client.call('ListServiceDeployments', { cluster, service: name, maxResults: 100, ...(nextToken ? { nextToken } : {}) });
    arns.push(...(page.serviceDeployments ?? []).map((d) => d.serviceDeploymentArn!));
    nextToken = page.nextToken;
  } while (nextToken);
  const deployments = await inGroups(arns, async (g) => (await ctx.client.call('DescribeServiceDeployments', { serviceDeploymentArns: g })).serviceDeployments ?? []);
  const named = [...new Set(deployments.flatMap((d) => [d.targetServiceRevision?.arn, d.rollback?.serviceRevisionArn]).filter((a): a is string => a !== undefined))];
  const revisions = await inGroups(named, async (g) => (await ctx.client.call('DescribeServiceRevisions', { serviceRevisionArns: g })).serviceRevisions ?? []);
  return { deployments, revisions: new Map(revisions.map((r) => [r.serviceRevisionArn!, r])) };
}

/** What --to-revision takes and history's REVISION shows: the digits ending a service revision's ARN. */
const revisionNumber = (arn: string | undefined) => (arn === undefined ? undefined : resourceId(arn));

/** The service's deployment history, newest first. -o json prints the ServiceDeployment shapes. */
export async function rolloutHistory(ctx: CommandContext, name: string): Promise<void> {
  const { deployments, revisions } = await serviceHistory(ctx, clusterFor(ctx, name), name);
  const td = (arn: string | undefined) => tdName(arn === undefined ? undefined : revisions.get(arn)?.taskDefinition);
  const columns = [
    { header: 'REVISION', get: (d: ServiceDeployment) => revisionNumber(d.targetServiceRevision?.arn) },
    { header: 'STATUS', get: (d: ServiceDeployment) => d.status },
    { header: 'STAGE', get: (d: ServiceDeployment) => d.lifecycleStage },
    { header: 'TASKDEF', get: (d: ServiceDeployment) => td(d.targetServiceRevision?.arn) },
    { header: 'ROLLED BACK TO', get: (d: ServiceDeployment) => (d.rollback ? td(d.rollback.serviceRevisionArn) ?? revisionNumber(d.rollback.serviceRevisionArn) : undefined) },
    { header: 'CREATED', get: (d: ServiceDeployment) => time(d.createdAt) },
    { header: 'FINISHED', get: (d: ServiceDeployment) => time(d.finishedAt ?? d.stoppedAt) },
    { header: 'DEPLOYMENT', get: (d: ServiceDeployment) => revisionNumber(d.serviceDeploymentArn), wide: true },
    { header: 'REASON', get: (d: ServiceDeployment) => d.statusReason, wide: true },
  ];
  ctx.out(render(ctx.output, deployments, (wide) => (deployments.length ? table(deployments, columns, wide) : 'No service deployments.\n')));
}

/**
 * Goes back to a service revision (UpdateService): `toRevision` (its number or ARN), else the previous one.
 * A revision older than the service's last 10 deployments is gone.
 */
export async function rolloutUndo(ctx: CommandContext, name: string, toRevision?: string): Promise<void> {
  const cluster = clusterFor(ctx, name);
  const s = await describeOne(ctx, cluster, name);
  if (!s) throw new UsageError(`service ${name} not found in cluster ${cluster}`);
  let arn: string | undefined;
  if (toRevision !== undefined) {
    if (!/^\d+$/.test(toRevision) && !toRevision.includes(':service-revision/')) throw new UsageError(`--to-revision ${toRevision}: expected a revision number from berth rollout history service ${name}, or a service revision ARN`);
    arn = toRevision.includes(':') ? toRevision : serviceRevisionArn(s.serviceArn!, toRevision);
  } else {
    arn = previousRevision((await serviceHistory(ctx, cluster, name)).deployments);
    if (!arn) throw new UsageError(`service ${name} has no earlier revision to go back to (berth rollout history service ${name})`);
  }
  const described = await ctx.client.call('DescribeServiceRevisions', { serviceRevisionArns: [arn] });
  const revision = described.serviceRevisions?.[0];
  if (!revision) throw new Error(`service revision ${revisionNumber(arn)} of service ${name} is not kept: a service keeps the revisions of its last 10 deployments (berth rollout history service ${name})`);
  if (revision.serviceArn !== s.serviceArn) throw new UsageError(`service revision ${arn} belongs to another service`);
  const n = revisionNumber(arn);
  const req = undoUpdate(cluster, s, revision);
  if (req.taskDefinition === primaryOf(s)?.taskDefinition && REVISION_MEMBERS.every((m) => req[m] === undefined)) {
    ctx.out(render(ctx.output, { service: s }, () => `service/${name} skipped rollback (it already runs revision ${n}, ${tdName(revision.taskDefinition)})\n`));
    return;
  }
  const res = await ctx.client.call('UpdateService', req);
  ctx.out(render(ctx.output, res, () => `service/${name} rolling back to revision ${n} (${tdName(revision.taskDefinition)}, deployment ${primaryOf(res.service ?? {})?.id})\n`));
}
