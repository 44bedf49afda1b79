// berth get instances, berth describe instance
import { BerthError, resourceId, type ContainerInstance, type Resource } from '@berth/core';
import type { CommandContext } from '../context.js';
import { clusterFromArn } from '../context.js';
import { render, table } from '../output.js';

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
];

export async function getInstances(ctx: CommandContext): Promise<void> {
  const cluster = ctx.cluster();
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ctx.client.call('ListContainerInstances', { cluster, ...(nextToken ? { nextToken } : {}) });
    arns.push(...(page.containerInstanceArns ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  const instances: ContainerInstance[] = [];
  for (let i = 0; i < arns.length; i += 100) {
    instances.push(...((await ctx.client.call('DescribeContainerInstances', { cluster, containerInstances: arns.slice(i, i + 100) })).containerInstances ?? []));
  }
  ctx.out(render(ctx.output, instances, () => (instances.length ? table(instances, COLUMNS) : 'No container instances.\n')));
}

export async function describeInstance(ctx: CommandContext, id: string): Promise<void> {
  const res = await ctx.client.call('DescribeContainerInstances', { cluster: ctx.cluster(clusterFromArn(id)), containerInstances: [id], include: ['TAGS'] });
  const ci = res.containerInstances?.[0];
  if (!ci) throw new BerthError('InvalidParameterException', `Container instance not found: ${id}.`, 'containerInstance');
  ctx.out(render(ctx.output === 'table' ? 'yaml' : ctx.output, ci, () => ''));
}
