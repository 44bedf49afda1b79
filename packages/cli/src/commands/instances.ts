// berth get instances [--filter EXPR] [--status S], describe instance, drain / activate instance,
// deregister instance [--force], label instance KEY=VALUE... KEY-
import { BerthError, resourceId, type Attribute, type ContainerInstance, type Failure, type Resource } from '@berth/core';
import type { CommandContext } from '../context.js';
import { clusterFromArn, UsageError } from '../context.js';
import { render, table, describeFormat } from '../output.js';
import { follow } from './watch.js';

const int = (rs: Resource[] | undefined, name: string) => rs?.find((r) => r.name === name)?.integerValue;
const attr = (ci: ContainerInstance, name: string) => ci.attributes?.find((a) => a.name === name)?.value;

const COLUMNS = [
  { header: 'INSTANCE', get: (c: ContainerInstance) => resourceId(c.containerInstanceArn ?? '') },
  { header: 'STATUS', get: (c: ContainerInstance) => c.status },
  { header: 'AGENT', get: (c: ContainerInstance) => (c.agentConnected ? 'connected' : 'disconnected') },
  { header: 'RUNNING', get: (c: ContainerInstance) => c.runningTasksCount },
  { header: 'PENDING', get: (c: ContainerInstance) => c.pendingTasksCount },
  { header: 'CPU', get: (c: ContainerInstance) => `${int(c.remainingResources, 'CPU')}/${int(c.registeredResources, 'CPU')}` },
  { header: 'MEMORY', get: (c: ContainerInstance) => `${int(c.remainingResources, 'MEMORY')}/${int(c.registeredResources, 'MEMORY')}` },
  { header: 'ZONE', get: (c: ContainerInstance) => attr(c, 'ecs.availability-zone') },
  { header: 'ARCH', get: (c: ContainerInstance) => attr(c, 'ecs.cpu-architecture'), wide: true },
  { header: 'AGENT-VERSION', get: (c: ContainerInstance) => c.versionInfo?.agentVersion, wide: true },
];

export async function getInstances(ctx: CommandContext, opts: { filter?: string; status?: string; watch?: boolean } = {}): Promise<void> {
  const listedAt = Date.now();
  const cluster = ctx.cluster();
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ctx.client.call('ListContainerInstances', {
      cluster,
      ...(opts.filter !== undefined ? { filter: opts.filter } : {}),
      ...(opts.status !== undefined ? { status: opts.status as 'ACTIVE' } : {}),
      ...(nextToken ? { nextToken } : {}),
    });
    arns.push(...(page.containerInstanceArns ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  const instances: ContainerInstance[] = [];
  for (let i = 0; i < arns.length; i += 100) {
    instances.push(...((await ctx.client.call('DescribeContainerInstances', { cluster, containerInstances: arns.slice(i, i + 100) })).containerInstances ?? []));
  }
  ctx.out(render(ctx.output, instances, (wide) => (instances.length ? table(instances, COLUMNS, wide) : 'No container instances.\n')));
  if (opts.watch) await follow(ctx, 'instance', listedAt, COLUMNS, async (_e, ci: ContainerInstance) => [ci]);
}

export async function describeInstance(ctx: CommandContext, id: string): Promise<void> {
  const res = await ctx.client.call('DescribeContainerInstances', { cluster: ctx.cluster(clusterFromArn(id)), containerInstances: [id], include: ['TAGS'] });
  const ci = res.containerInstances?.[0];
  if (!ci) throw new BerthError('InvalidParameterException', 'The referenced container instance was not found.', 'containerInstance');
  ctx.out(render(describeFormat(ctx.output), ci, () => ''));
}

const failureLine = (f: Failure) => `${f.reason}${f.arn ? ` (${f.arn})` : ''}${f.detail ? `: ${f.detail}` : ''}`;

/** The cluster the ids name (full ARNs carry theirs; they must agree with each other and --cluster). */
function clusterOf(ctx: CommandContext, ids: string[]): string {
  const implied = [...new Set(ids.map(clusterFromArn).filter((c): c is string => c !== undefined))];
  if (implied.length > 1) throw new UsageError(`the container instance ARNs name different clusters (${implied.join(', ')})`);
  return ctx.cluster(implied[0]);
}

/**
 * UpdateContainerInstancesState: drain (DRAINING) or activate (ACTIVE). Exit 1 when one failed. With
 * `waitSeconds`, a drain then waits until no task runs on the instances (progress on stderr).
 */
export async function setState(ctx: CommandContext, ids: string[], status: 'ACTIVE' | 'DRAINING', waitSeconds?: number): Promise<number> {
  const cluster = clusterOf(ctx, ids);
  const res = await ctx.client.call('UpdateContainerInstancesState', { cluster, containerInstances: ids, status });
  const word = status === 'DRAINING' ? 'draining' : 'active';
  ctx.out(render(ctx.output, res, () => (res.containerInstances ?? []).map((c) => `instance/${resourceId(c.containerInstanceArn ?? '')} ${word}\n`).join('')));
  for (const f of res.failures ?? []) process.stderr.write(`failure: ${failureLine(f)}\n`);
  if ((res.failures ?? []).length > 0) return 1;
  return waitSeconds === undefined ? 0 : waitDrained(ctx, cluster, ids, waitSeconds);
}

/** Polls the instances until none runs a task; exit 1 at the deadline, naming what still runs. */
async function waitDrained(ctx: CommandContext, cluster: string, ids: string[], waitSeconds: number): Promise<number> {
  const deadline = Date.now() + waitSeconds * 1000;
  const bar = ctx.progress('stderr');
  let total: number | undefined;
  for (;;) {
    const cis = (await ctx.client.call('DescribeContainerInstances', { cluster, containerInstances: ids })).containerInstances ?? [];
    const left = cis.reduce((n, c) => n + (c.runningTasksCount ?? 0) + (c.pendingTasksCount ?? 0), 0);
    total ??= left;
    if (left === 0) {
      bar.end(`drained: no task runs on ${ids.length === 1 ? 'the instance' : `the ${ids.length} instances`}`);
      return 0;
    }
    if (Date.now() > deadline) {
      bar.end(`timed out: ${left} task(s) still on the instances\n  see which: berth get tasks -o wide\n  a service's tasks move when it can place them elsewhere; stop a standalone task yourself: berth stop task ID`);
      return 1;
    }
    bar.update(total - left, total, `draining: ${left} of ${total} task(s) still running`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export async function deregisterInstance(ctx: CommandContext, id: string, force: boolean): Promise<void> {
  const res = await ctx.client.call('DeregisterContainerInstance', { cluster: clusterOf(ctx, [id]), containerInstance: id, ...(force ? { force: true } : {}) });
  ctx.out(render(ctx.output, res, () => `instance/${resourceId(res.containerInstance?.containerInstanceArn ?? id)} deregistered\n`));
}

/**
 * Custom attributes, kubectl label's way: KEY=VALUE sets (PutAttributes), KEY alone sets an attribute
 * without a value, KEY- removes (DeleteAttributes).
 */
export async function label(ctx: CommandContext, id: string, specs: string[]): Promise<void> {
  if (specs.length === 0) throw new UsageError('give at least one KEY=VALUE (or KEY to set one without a value, KEY- to remove one)');
  const cluster = clusterOf(ctx, [id]);
  const target = { targetType: 'container-instance' as const, targetId: id };
  const put: Attribute[] = [];
  const del: Attribute[] = [];
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    if (eq === 0 || spec === '-') throw new UsageError(`"${spec}" is not KEY=VALUE, KEY or KEY-`);
    if (eq > 0) put.push({ name: spec.slice(0, eq), value: spec.slice(eq + 1), ...target });
    else if (spec.endsWith('-')) del.push({ name: spec.slice(0, -1), ...target });
    else put.push({ name: spec, ...target });
  }
  const putRes = put.length ? await ctx.client.call('PutAttributes', { cluster, attributes: put }) : undefined;
  const delRes = del.length ? await ctx.client.call('DeleteAttributes', { cluster, attributes: del }) : undefined;
  const value = putRes && delRes ? { putAttributes: putRes, deleteAttributes: delRes } : (putRes ?? delRes);
  ctx.out(render(ctx.output, value, () => `instance/${resourceId(id)} labeled\n`));
}
