// Task scale-in protection: UpdateTaskProtection and GetTaskProtection (and the agent's task-protection
// endpoint, through setTaskProtection). The protection is kept on the task record (`protection.expiresAt`),
// so the services controller, which reads the service's task records for every decision, sees it with no
// extra read, and the write itself kicks the service. `expiresInMinutes` counts in AWS minutes
// (--aws-minute). Only a service's tasks can be protected, as in ECS (TASK_NOT_VALID otherwise).
import {
  clusterName, invalid, taskArn,
  type Failure, type TaskProtectionAnswer, type TaskProtectionRequest, type GetTaskProtectionRequest, type GetTaskProtectionResponse, type ProtectedTask,
  type UpdateTaskProtectionRequest, type UpdateTaskProtectionResponse,
} from '@berth/core';
import type { ServerContext } from '../../context.js';
import { commitWithRetry, noWrite } from '../../state/kit.js';
import { getTask, getTasks, serviceOf, taskKey, taskOps, type TaskRecord } from '../../state/tasks.js';
import { activeCluster } from '../clusters.js';
import { parseTaskArn, taskRefId } from './references.js';

/** ECS: protection lasts 2 hours unless expiresInMinutes says otherwise (1 minute to 48 hours). */
export const DEFAULT_PROTECTION_MINUTES = 120;
const MAX_PROTECTION_MINUTES = 2880;
const TASKS_MAX = 10;

/** What ECS answers for a task: protected while the expiry is ahead. */
function protectedTask(r: TaskRecord, now: number): ProtectedTask {
  const until = r.protection?.expiresAt;
  return until !== undefined && until > now
    ? { taskArn: r.task.taskArn!, protectionEnabled: true, expirationDate: until }
    : { taskArn: r.task.taskArn!, protectionEnabled: false };
}

/** A task that cannot be protected (ECS's TASK_NOT_VALID): none of a service's, or stopping. */
const notValid = (r: TaskRecord) => serviceOf(r.task) === undefined || r.task.lastStatus === 'STOPPED' || r.task.desiredStatus === 'STOPPED';

/**
 * Sets or clears one task's protection (UpdateTaskProtection, the agent's endpoint): the task as it now
 * stands, or the failure reason (MISSING, TASK_NOT_VALID). `onInstance`: only a task of that instance (an
 * agent's request) exists.
 */
export async function setTaskProtection(ctx: ServerContext, cluster: string, id: string, enabled: boolean, minutes = DEFAULT_PROTECTION_MINUTES,
  onInstance?: string): Promise<ProtectedTask | { reason: string }> {
  return commitWithRetry<ProtectedTask | { reason: string }>(ctx.store, async () => {
    const cur = await getTask(ctx.store, cluster, id);
    if (!cur || (onInstance !== undefined && cur.value.containerInstanceId !== onInstance)) return { txn: noWrite, result: { reason: 'MISSING' } };
    const rec = cur.value;
    if (notValid(rec)) return { txn: noWrite, result: { reason: 'TASK_NOT_VALID' } };
    const next: TaskRecord = { ...rec };
    if (enabled) next.protection = { expiresAt: Math.round(ctx.now() + minutes * (ctx.awsMinuteSeconds ?? 60)) };
    else delete next.protection;
    return {
      txn: { compare: [{ key: taskKey(cluster, id), modRevision: cur.modRevision }], success: taskOps(next, rec) },
      result: protectedTask(next, ctx.now()),
    };
  });
}

function checkTasks(refs: readonly string[] | undefined, cluster: string): { refs: readonly string[]; ids: (string | null)[] } {
  if (refs === undefined || refs.length === 0) throw invalid('tasks', 'Tasks cannot be empty.');
  if (refs.length > TASKS_MAX) throw invalid('tasks', `At most ${TASKS_MAX} tasks can be named at once (${refs.length} given).`);
  return { refs, ids: refs.map((r, i) => taskRefId(r, cluster, `tasks[${i}]`)) };
}

const validMinutes = (m: number) => Number.isInteger(m) && m >= 1 && m <= MAX_PROTECTION_MINUTES;

/**
 * The agent's task-protection endpoint, through its session: a task of that agent's instance reads or sets
 * its own protection (the endpoint answers only the task whose container asks).
 */
export async function agentTaskProtection(ctx: ServerContext, instanceId: string, req: TaskProtectionRequest): Promise<TaskProtectionAnswer> {
  const base = { requestId: req.requestId, taskArn: req.taskArn };
  const ref = parseTaskArn(req.taskArn);
  if (!ref) return { ...base, failure: 'MISSING' };
  if (req.update && req.expiresInMinutes !== undefined && !validMinutes(req.expiresInMinutes)) {
    return { ...base, failure: `expiresInMinutes must be between 1 and ${MAX_PROTECTION_MINUTES} (${req.expiresInMinutes} given)` };
  }
  let r: ProtectedTask | { reason: string };
  if (req.update) r = await setTaskProtection(ctx, ref.cluster, ref.id, req.protectionEnabled === true, req.expiresInMinutes, instanceId);
  else {
    const cur = await getTask(ctx.store, ref.cluster, ref.id);
    r = !cur || cur.value.containerInstanceId !== instanceId ? { reason: 'MISSING' } : notValid(cur.value) ? { reason: 'TASK_NOT_VALID' } : protectedTask(cur.value, ctx.now());
  }
  if ('reason' in r) return { ...base, failure: r.reason };
  return { ...base, protectionEnabled: r.protectionEnabled ?? false, ...(r.expirationDate !== undefined ? { expirationDate: r.expirationDate } : {}) };
}

const failureArn = (ctx: ServerContext, cluster: string, ref: string) => (ref.startsWith('arn:') ? ref : taskArn(ctx.identity, cluster, ref));

export async function updateTaskProtection(ctx: ServerContext, req: UpdateTaskProtectionRequest): Promise<UpdateTaskProtectionResponse> {
  const cluster = clusterName(req.cluster);
  const { refs, ids } = checkTasks(req.tasks, cluster);
  const minutes = req.expiresInMinutes;
  if (minutes !== undefined) {
    if (!req.protectionEnabled) throw invalid('expiresInMinutes', 'expiresInMinutes applies only when protectionEnabled is true.');
    if (!validMinutes(minutes)) {
      throw invalid('expiresInMinutes', `'expiresInMinutes' must be between 1 and ${MAX_PROTECTION_MINUTES} (${minutes} given).`);
    }
  }
  await activeCluster(ctx, cluster);
  const protectedTasks: ProtectedTask[] = [];
  const failures: Failure[] = [];
  for (const [i, id] of ids.entries()) {
    const r = id === null ? { reason: 'MISSING' } : await setTaskProtection(ctx, cluster, id, req.protectionEnabled, minutes);
    if ('reason' in r) failures.push({ arn: failureArn(ctx, cluster, refs[i]!), reason: r.reason });
    else protectedTasks.push(r);
  }
  return { protectedTasks, failures };
}

export async function getTaskProtection(ctx: ServerContext, req: GetTaskProtectionRequest): Promise<GetTaskProtectionResponse> {
  const cluster = clusterName(req.cluster);
  const { refs, ids } = checkTasks(req.tasks, cluster);
  await activeCluster(ctx, cluster);
  const found = await getTasks(ctx.store, cluster, ids.filter((id): id is string => id !== null));
  const byId = new Map(found.flatMap((r) => (r ? [[r.value.id, r.value] as const] : [])));
  const now = ctx.now();
  const protectedTasks: ProtectedTask[] = [];
  const failures: Failure[] = [];
  ids.forEach((id, i) => {
    const r = id !== null ? byId.get(id) : undefined;
    if (!r) failures.push({ arn: failureArn(ctx, cluster, refs[i]!), reason: 'MISSING' });
    else if (serviceOf(r.task) === undefined) failures.push({ arn: r.task.taskArn!, reason: 'TASK_NOT_VALID' });
    else protectedTasks.push(protectedTask(r, now));
  });
  return { protectedTasks, failures };
}
