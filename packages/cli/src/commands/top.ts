// berth top tasks|instances|services [-w]: CPU and memory from CloudWatch's figures (GetMetricData, the
// figures the control plane derives from the agents' statistics), busiest first, as kubectl top shows them.
// Services read AWS/ECS (CPUUtilization and MemoryUtilization per service, always published); tasks read
// ECS/ContainerInsights' per-task series (CpuUtilized, CpuReserved, MemoryUtilized, MemoryReserved), which a
// cluster publishes only with Container Insights on; an instance's figures are its tasks' summed, over what
// it registers. Each figure is the newest one-minute average of the last few minutes; a task or service
// with none yet (it just started, or its agent has not reported) shows <none>, never a zero.
import { CLOUDWATCH_API, resourceId, type Cloudwatch, type ContainerInstance, type Task } from '@berth/core';
import type { CommandContext } from '../context.js';
import { UsageError } from '../context.js';
import { render, table, type Column } from '../output.js';

export interface TopOptions { watch?: boolean; sortBy?: string; interval?: string }

/** One metric to read: the newest value of `metric` in `namespace` with these dimensions. */
interface Query { namespace: string; metric: string; dimensions: [string, string][] }

/** How far back a figure may be, and its period (CloudWatch's standard resolution). */
const WINDOW_SECONDS = 300;
const PERIOD_SECONDS = 60;
/** GetMetricData takes up to 500 queries a call. */
const QUERIES_PER_CALL = 500;

/** The newest value of each query (undefined: no figure in the window). */
async function newest(ctx: CommandContext, queries: Query[]): Promise<(number | undefined)[]> {
  const end = Math.ceil(Date.now() / 1000);
  const out: (number | undefined)[] = [];
  for (let i = 0; i < queries.length; i += QUERIES_PER_CALL) {
    const batch = queries.slice(i, i + QUERIES_PER_CALL);
    const res = (await ctx.client.callApi(CLOUDWATCH_API, 'GetMetricData', {
      StartTime: end - WINDOW_SECONDS, EndTime: end, ScanBy: 'TimestampDescending',
      MetricDataQueries: batch.map((q, j) => ({
        Id: `q${j}`,
        MetricStat: { Metric: { Namespace: q.namespace, MetricName: q.metric, Dimensions: q.dimensions.map(([Name, Value]) => ({ Name, Value })) }, Period: PERIOD_SECONDS, Stat: 'Average' },
      })),
    })) as Cloudwatch.GetMetricDataOutput;
    const byId = new Map((res.MetricDataResults ?? []).map((r) => [r.Id, r.Values?.[0]]));
    out.push(...batch.map((_, j) => byId.get(`q${j}`)));
  }
  return out;
}

/** One line of `berth top`: what it is, CPU units and MiB used, and each as a percent of what it has. */
export interface TopRow {
  name: string;
  detail?: string | number;
  cpu?: number;
  cpuPercent?: number;
  memory?: number;
  memoryPercent?: number;
}

const round = (v: number | undefined) => (v === undefined ? undefined : Math.round(v));
const pct = (v: number | undefined) => (v === undefined ? undefined : `${Math.round(v)}%`);
const percentOf = (used: number | undefined, whole: number | undefined) => (used === undefined || !whole ? undefined : (used / whole) * 100);

function columns(name: string, detail: string): Column<TopRow>[] {
  return [
    { header: name, get: (r) => r.name },
    { header: detail, get: (r) => r.detail },
    { header: 'CPU(units)', get: (r) => round(r.cpu) },
    { header: 'CPU%', get: (r) => pct(r.cpuPercent) },
    { header: 'MEMORY(MiB)', get: (r) => round(r.memory) },
    { header: 'MEMORY%', get: (r) => pct(r.memoryPercent) },
  ];
}

async function clusterTasks(ctx: CommandContext, cluster: string): Promise<Task[]> {
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ctx.client.call('ListTasks', { cluster, desiredStatus: 'RUNNING', ...(nextToken ? { nextToken } : {}) });
    arns.push(...(page.taskArns ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  const tasks: Task[] = [];
  for (let i = 0; i < arns.length; i += 100) tasks.push(...((await ctx.client.call('DescribeTasks', { cluster, tasks: arns.slice(i, i + 100) })).tasks ?? []));
  return tasks.filter((t) => t.lastStatus === 'RUNNING');
}

/** Per-task figures need Container Insights: say how to turn it on rather than show nothing. */
async function requireContainerInsights(ctx: CommandContext, cluster: string, kind: string): Promise<void> {
  const c = (await ctx.client.call('DescribeClusters', { clusters: [cluster], include: ['SETTINGS'] })).clusters?.[0];
  const on = c?.settings?.some((s) => s.name === 'containerInsights' && (s.value === 'enabled' || s.value === 'enhanced'));
  if (!on) {
    throw new Error(`berth top ${kind} reads Container Insights' per-task figures, which cluster ${cluster} does not publish; turn it on: ` +
      `aws ecs update-cluster-settings --cluster ${cluster} --settings name=containerInsights,value=enabled`);
  }
}

interface TaskFigures { task: Task; cpu?: number; cpuReserved?: number; memory?: number; memoryReserved?: number }

async function taskFigures(ctx: CommandContext, cluster: string, tasks: Task[]): Promise<TaskFigures[]> {
  const metrics = ['CpuUtilized', 'CpuReserved', 'MemoryUtilized', 'MemoryReserved'];
  const queries = tasks.flatMap((t) => {
    const family = t.taskDefinitionArn?.split('/').pop()?.split(':')[0] ?? '';
    const dimensions: [string, string][] = [['ClusterName', cluster], ['TaskDefinitionFamily', family], ['TaskId', resourceId(t.taskArn ?? '')]];
    return metrics.map((metric) => ({ namespace: 'ECS/ContainerInsights', metric, dimensions }));
  });
  const values = await newest(ctx, queries);
  return tasks.map((task, i) => {
    const [cpu, cpuReserved, memory, memoryReserved] = values.slice(i * 4, i * 4 + 4);
    return { task, ...(cpu !== undefined ? { cpu } : {}), ...(cpuReserved !== undefined ? { cpuReserved } : {}), ...(memory !== undefined ? { memory } : {}), ...(memoryReserved !== undefined ? { memoryReserved } : {}) };
  });
}

async function taskRows(ctx: CommandContext, cluster: string): Promise<TopRow[]> {
  await requireContainerInsights(ctx, cluster, 'tasks');
  return (await taskFigures(ctx, cluster, await clusterTasks(ctx, cluster))).map((f) => ({
    name: resourceId(f.task.taskArn ?? ''), detail: f.task.taskDefinitionArn?.split('/').pop(),
    ...defined({ cpu: f.cpu, cpuPercent: percentOf(f.cpu, f.cpuReserved), memory: f.memory, memoryPercent: percentOf(f.memory, f.memoryReserved) }),
  }));
}

async function instanceRows(ctx: CommandContext, cluster: string): Promise<TopRow[]> {
  await requireContainerInsights(ctx, cluster, 'instances');
  const arns = (await ctx.client.call('ListContainerInstances', { cluster })).containerInstanceArns ?? [];
  const instances: ContainerInstance[] = arns.length ? (await ctx.client.call('DescribeContainerInstances', { cluster, containerInstances: arns })).containerInstances ?? [] : [];
  const figures = await taskFigures(ctx, cluster, await clusterTasks(ctx, cluster));
  const registered = (ci: ContainerInstance, name: string) => ci.registeredResources?.find((r) => r.name === name)?.integerValue;
  return instances.map((ci) => {
    const mine = figures.filter((f) => f.task.containerInstanceArn === ci.containerInstanceArn);
    // A sum is known only when every task's part is.
    const sum = (get: (f: TaskFigures) => number | undefined) => (mine.every((f) => get(f) !== undefined) ? mine.reduce((a, f) => a + get(f)!, 0) : undefined);
    const cpu = sum((f) => f.cpu);
    const memory = sum((f) => f.memory);
    return {
      name: resourceId(ci.containerInstanceArn ?? ''), detail: mine.length,
      ...defined({ cpu, cpuPercent: percentOf(cpu, registered(ci, 'CPU')), memory, memoryPercent: percentOf(memory, registered(ci, 'MEMORY')) }),
    };
  });
}

async function serviceRows(ctx: CommandContext, cluster: string): Promise<TopRow[]> {
  const arns = (await ctx.client.call('ListServices', { cluster, maxResults: 100 })).serviceArns ?? [];
  const services = [];
  for (let i = 0; i < arns.length; i += 10) services.push(...((await ctx.client.call('DescribeServices', { cluster, services: arns.slice(i, i + 10) })).services ?? []));
  const queries = services.flatMap((s) => {
    const dimensions: [string, string][] = [['ClusterName', cluster], ['ServiceName', s.serviceName ?? '']];
    return [
      { namespace: 'AWS/ECS', metric: 'CPUUtilization', dimensions }, { namespace: 'AWS/ECS', metric: 'MemoryUtilization', dimensions },
      { namespace: 'ECS/ContainerInsights', metric: 'CpuUtilized', dimensions }, { namespace: 'ECS/ContainerInsights', metric: 'MemoryUtilized', dimensions },
    ];
  });
  const values = await newest(ctx, queries);
  return services.map((s, i) => {
    const [cpuPercent, memoryPercent, cpu, memory] = values.slice(i * 4, i * 4 + 4);
    return { name: s.serviceName ?? '', detail: s.runningCount ?? 0, ...defined({ cpu, cpuPercent, memory, memoryPercent }) };
  });
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const KINDS = {
  task: { rows: taskRows, columns: columns('TASK', 'TASKDEF') },
  instance: { rows: instanceRows, columns: columns('INSTANCE', 'TASKS') },
  service: { rows: serviceRows, columns: columns('SERVICE', 'RUNNING') },
};

/** Busiest first; rows without the figure last, by name. */
export function sortRows(rows: TopRow[], by: 'cpu' | 'memory'): TopRow[] {
  const key = (r: TopRow) => (by === 'cpu' ? r.cpuPercent ?? r.cpu : r.memoryPercent ?? r.memory) ?? -1;
  return [...rows].sort((a, b) => key(b) - key(a) || a.name.localeCompare(b.name));
}

export async function top(ctx: CommandContext, kind: 'task' | 'instance' | 'service', opts: TopOptions): Promise<void> {
  const by = opts.sortBy ?? 'cpu';
  if (by !== 'cpu' && by !== 'memory') throw new UsageError(`--sort-by takes cpu or memory (not ${by})`);
  const interval = Number(opts.interval ?? '5');
  if (!(interval > 0)) throw new UsageError('--interval must be a number of seconds above 0');
  const cluster = ctx.cluster();
  const { rows, columns } = KINDS[kind];
  for (;;) {
    const shown = sortRows(await rows(ctx, cluster), by);
    ctx.out(render(ctx.output, shown, (wide) => (shown.length ? table(shown, columns, wide) : `No ${kind}s.\n`)));
    if (!opts.watch) return;
    await new Promise((r) => setTimeout(r, interval * 1000));
    if (ctx.output === 'table' || ctx.output === 'wide') ctx.out('\n');
  }
}
