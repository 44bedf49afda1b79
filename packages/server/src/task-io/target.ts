// Which container a `berth logs TASK` or `berth exec` call means, and whether it may: the task by id or ARN
// in its cluster, its container (named, or its only one), and for exec ECS Exec's rules (the task started
// with enableExecuteCommand, RUNNING, the container RUNNING). Errors in ECS's words and names.
import { BerthError, clusterName, invalid, type Task } from '@berth/core';
import type { ServerContext } from '../context.js';
import { getTask } from '../state/tasks.js';
import { taskRefId } from '../handlers/tasks/references.js';

export interface TaskTarget {
  task: Task;
  instanceId: string;
  containerName: string;
}

/** ECS's own text when a task was not run with ECS Exec enabled. */
export const EXEC_NOT_ENABLED = 'The execute command failed because execute command was not enabled when the task was run or the execute command agent isn\'t running. Wait and try again or run a new task with execute command enabled and try again.';

export async function resolveTarget(ctx: ServerContext, req: { cluster?: string; task?: string; container?: string }, forExec: boolean): Promise<TaskTarget> {
  const cluster = clusterName(req.cluster);
  const id = taskRefId(req.task ?? '', cluster);
  const rec = id === null ? null : await getTask(ctx.store, cluster, id);
  if (!rec) throw invalid('task', 'The referenced task was not found.');
  const task = rec.value.task;
  const names = (task.containers ?? []).map((c) => c.name!);
  let containerName = req.container;
  if (containerName === undefined || containerName === '') {
    if (names.length !== 1) throw invalid('container', `The task has ${names.length} containers (${names.join(', ')}): name one with --container.`);
    containerName = names[0]!;
  } else if (!names.includes(containerName)) {
    throw invalid('container', `The task has no container named '${containerName}' (it has ${names.join(', ')}).`);
  }
  if (forExec) {
    if (task.enableExecuteCommand !== true) throw new BerthError('InvalidParameterException', EXEC_NOT_ENABLED, 'enableExecuteCommand');
    if (task.lastStatus !== 'RUNNING') throw new BerthError('InvalidParameterException', `The execute command failed because the task is ${task.lastStatus}, not RUNNING.`, 'task');
    const c = task.containers!.find((x) => x.name === containerName)!;
    if (c.lastStatus !== 'RUNNING') throw new BerthError('InvalidParameterException', `The execute command failed because the container '${containerName}' is ${c.lastStatus}, not RUNNING.`, 'container');
  }
  return { task, instanceId: rec.value.containerInstanceId, containerName };
}
