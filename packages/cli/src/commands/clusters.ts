// berth create|get|describe|delete cluster(s)
import { BerthError, type Cluster } from '@berth/core';
import type { CommandContext } from '../context.js';
import { clusterFromArn } from '../context.js';
import { render, table, describeFormat } from '../output.js';

const COLUMNS = [
  { header: 'NAME', get: (c: Cluster) => c.clusterName },
  { header: 'STATUS', get: (c: Cluster) => c.status },
  { header: 'INSTANCES', get: (c: Cluster) => c.registeredContainerInstancesCount },
  { header: 'SERVICES', get: (c: Cluster) => c.activeServicesCount },
  { header: 'RUNNING', get: (c: Cluster) => c.runningTasksCount },
  { header: 'PENDING', get: (c: Cluster) => c.pendingTasksCount },
  { header: 'ARN', get: (c: Cluster) => c.clusterArn, wide: true },
];

const nameOf = (ref: string) => clusterFromArn(ref) ?? ref;

export async function createCluster(ctx: CommandContext, name: string): Promise<void> {
  const res = await ctx.client.call('CreateCluster', { clusterName: nameOf(name) });
  ctx.out(render(ctx.output, res, () => `cluster/${res.cluster?.clusterName} created\n`));
}

export async function deleteCluster(ctx: CommandContext, name: string): Promise<void> {
  const res = await ctx.client.call('DeleteCluster', { cluster: name });
  ctx.out(render(ctx.output, res, () => `cluster/${res.cluster?.clusterName} deleted\n`));
}

export async function getClusters(ctx: CommandContext): Promise<void> {
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ctx.client.call('ListClusters', nextToken ? { nextToken } : {});
    arns.push(...(page.clusterArns ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  const clusters: Cluster[] = [];
  for (let i = 0; i < arns.length; i += 100) {
    const res = await ctx.client.call('DescribeClusters', { clusters: arns.slice(i, i + 100) });
    clusters.push(...(res.clusters ?? []));
  }
  ctx.out(render(ctx.output, clusters, (wide) => (clusters.length ? table(clusters, COLUMNS, wide) : 'No clusters.\n')));
}

export async function describeCluster(ctx: CommandContext, name: string): Promise<void> {
  const res = await ctx.client.call('DescribeClusters', {
    clusters: [name],
    include: ['ATTACHMENTS', 'CONFIGURATIONS', 'SETTINGS', 'STATISTICS', 'TAGS'],
  });
  const cluster = res.clusters?.[0];
  if (!cluster) throw new BerthError('ClusterNotFoundException', 'Cluster not found.', 'cluster');
  // describe's human form is YAML: every field, readable.
  ctx.out(render(describeFormat(ctx.output), cluster, () => ''));
}
