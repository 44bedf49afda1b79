// berth run, berth stop task, berth get tasks, berth describe task
import { BerthError, resourceId, type Failure, type PlacementConstraint, type PlacementStrategy, type Task } from '@berth/core';
import type { CommandContext } from '../context.js';
import { clusterFromArn, UsageError } from '../context.js';
import { render, table, time, describeFormat } from '../output.js';
import { follow } from './watch.js';

const COLUMNS = [
  { header: 'TASK', get: (t: Task) => resourceId(t.taskArn ?? '') },
  { header: 'TASKDEF', get: (t: Task) => t.taskDefinitionArn?.split('/').pop() },
  { header: 'LAST', get: (t: Task) => t.lastStatus },
  { header: 'DESIRED', get: (t: Task) => t.desiredStatus },
  { header: 'INSTANCE', get: (t: Task) => (t.containerInstanceArn ? resourceId(t.containerInstanceArn) : undefined) },
  { header: 'STARTED', get: (t: Task) => time(t.startedAt) },
  { header: 'GROUP', get: (t: Task) => t.group, wide: true },
  { header: 'STARTED-BY', get: (t: Task) => t.startedBy, wide: true },
  { header: 'HEALTH', get: (t: Task) => t.healthStatus, wide: true },
  { header: 'EXEC', get: (t: Task) => String(t.enableExecuteCommand ?? false), wide: true },
  { header: 'STOPPED', get: (t: Task) => (t.stoppedReason ? `${time(t.stoppedAt) ?? ''} ${t.stoppedReason}`.trim() : undefined) },
];

const failureLine = (f: Failure) => `${f.reason}${f.arn ? ` (${f.arn})` : ''}${f.detail ? `: ${f.detail}` : ''}`;

export interface RunOptions {
  count?: string; wait?: boolean; startedBy?: string; group?: string; clientToken?: string; timeout?: string;
  strategy?: string[]; constraint?: string[]; enableExecuteCommand?: boolean;
}

/** `binpack:memory`, `spread:attribute:ecs.availability-zone`, `random`: TYPE[:FIELD]. */
export function parseStrategy(s: string): PlacementStrategy {
  const i = s.indexOf(':');
  const type = (i < 0 ? s : s.slice(0, i)) as PlacementStrategy['type'];
  if (!type) throw new UsageError(`--strategy "${s}": expected TYPE[:FIELD], e.g. spread:attribute:ecs.availability-zone or binpack:memory`);
  return i < 0 ? { type } : { type, field: s.slice(i + 1) };
}

/** `distinctInstance`, `memberOf:EXPRESSION` (everything after the first colon is the expression). */
export function parseConstraint(s: string): PlacementConstraint {
  const i = s.indexOf(':');
  const type = (i < 0 ? s : s.slice(0, i)) as PlacementConstraint['type'];
  if (!type) throw new UsageError(`--constraint "${s}": expected distinctInstance or memberOf:EXPRESSION`);
  return i < 0 ? { type } : { type, expression: s.slice(i + 1) };
}

export async function run(ctx: CommandContext, taskDefinition: string, o: RunOptions): Promise<number> {
  const count = o.count === undefined ? 1 : Number(o.count);
  if (!Number.isInteger(count)) throw new UsageError('--count must be a whole number');
  const cluster = ctx.cluster();
  const res = await ctx.client.call('RunTask', {
    cluster, taskDefinition, count,
    ...(o.startedBy ? { startedBy: o.startedBy } : {}),
    ...(o.group ? { group: o.group } : {}),
    ...(o.clientToken ? { clientToken: o.clientToken } : {}),
    ...(o.enableExecuteCommand ? { enableExecuteCommand: true } : {}),
    ...(o.strategy?.length ? { placementStrategy: o.strategy.map(parseStrategy) } : {}),
    ...(o.constraint?.length ? { placementConstraints: o.constraint.map(parseConstraint) } : {}),
  });
  let tasks = res.tasks ?? [];
  const failures = res.failures ?? [];
  if (o.wait && tasks.length > 0) tasks = await waitForTasks(ctx, cluster, tasks, Number(o.timeout ?? 300) * 1000);
  ctx.out(render(ctx.output, { tasks, failures }, (wide) => (tasks.length ? table(tasks, COLUMNS, wide) : '')));
  if (ctx.output === 'table' || ctx.output === 'wide') for (const f of failures) process.stderr.write(`failure: ${failureLine(f)}\n`);
  const failed = tasks.length < count || (o.wait === true && tasks.some((t) => t.lastStatus !== 'RUNNING'));
  return failed ? 1 : 0;
}

/**
 * Polls DescribeTasks until every task is RUNNING or one has STOPPED (as `aws ecs wait tasks-running`),
 * showing progress on stderr (stdout is the tasks' table or JSON); a task that stopped is said, with what to
 * look at next.
 */
async function waitForTasks(ctx: CommandContext, cluster: string, tasks: Task[], timeoutMs: number): Promise<Task[]> {
  const deadline = Date.now() + timeoutMs;
  const bar = ctx.progress('stderr');
  for (;;) {
    const d = await ctx.client.call('DescribeTasks', { cluster, tasks: tasks.map((t) => t.taskArn!) });
    const now = d.tasks ?? [];
    const running = now.filter((t) => t.lastStatus === 'RUNNING').length;
    const stopped = now.find((t) => t.lastStatus === 'STOPPED');
    if (stopped) {
      const id = resourceId(stopped.taskArn ?? '');
      const why = stopped.stoppedReason ?? stopped.containers?.find((c) => c.reason)?.reason ?? 'no reason given';
      bar.end(`task/${id} stopped: ${why}\n  its log: berth logs ${id}\n  its containers' exit codes and reasons: berth describe task ${id}`);
      return now;
    }
    if (running === now.length) {
      bar.end(`${running} of ${now.length} tasks RUNNING`);
      return now;
    }
    const statuses = [...new Set(now.map((t) => t.lastStatus))].join(', ');
    bar.update(running, now.length, `${running} of ${now.length} tasks RUNNING (${statuses})`);
    if (Date.now() > deadline) throw new BerthError('ClientException', `The tasks were not RUNNING after ${timeoutMs / 1000} s.`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export async function stopTask(ctx: CommandContext, id: string, reason: string | undefined): Promise<void> {
  const res = await ctx.client.call('StopTask', { cluster: ctx.cluster(clusterFromArn(id)), task: id, ...(reason ? { reason } : {}) });
  ctx.out(render(ctx.output, res, () => `task/${resourceId(res.task?.taskArn ?? id)} stopping\n`));
}

export async function getTasks(ctx: CommandContext, desiredStatus: string | undefined, watch = false): Promise<void> {
  const listedAt = Date.now();
  const cluster = ctx.cluster();
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ctx.client.call('ListTasks', {
      cluster, ...(desiredStatus ? { desiredStatus: desiredStatus as 'RUNNING' } : {}), ...(nextToken ? { nextToken } : {}),
    });
    arns.push(...(page.taskArns ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  const tasks: Task[] = [];
  for (let i = 0; i < arns.length; i += 100) {
    tasks.push(...((await ctx.client.call('DescribeTasks', { cluster, tasks: arns.slice(i, i + 100) })).tasks ?? []));
  }
  ctx.out(render(ctx.output, tasks, (wide) => (tasks.length ? table(tasks, COLUMNS, wide) : 'No tasks.\n')));
  if (watch) await follow(ctx, 'task', listedAt, COLUMNS, async (_e, task: Task) => [task]);
}

export async function describeTask(ctx: CommandContext, id: string): Promise<void> {
  const res = await ctx.client.call('DescribeTasks', { cluster: ctx.cluster(clusterFromArn(id)), tasks: [id], include: ['TAGS'] });
  const task = res.tasks?.[0];
  if (!task) throw new BerthError('InvalidParameterException', 'The referenced task was not found.', 'task');
  ctx.out(render(describeFormat(ctx.output), task, () => ''));
}
