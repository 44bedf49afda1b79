// StopTask, and its write for callers inside the control plane (the service scheduler).
import {
  clusterName, deactivateTask, invalid, releaseTask, stopTask as stopTaskCore,
  type StopTaskRequest, type StopTaskResponse, type Task, type TaskStopCode,
} from '@berth/core';
import type { ServerContext } from '../../context.js';
import { commitWithRetry, noWrite } from '../../state/kit.js';
import { getTask, serviceOf, taskKey, taskOps } from '../../state/tasks.js';
import { getServiceWithoutEvents } from '../../state/services.js';
import { assignmentOp } from '../../state/assignments.js';
import { taskEventOps } from '../../events/publish.js';
import { clusterExists } from '../clusters.js';
import { taskRefId } from './references.js';

const STOP_REASON_MAX = 255;

export async function stopTask(ctx: ServerContext, req: StopTaskRequest): Promise<StopTaskResponse> {
  const cluster = clusterName(req.cluster);
  if (req.reason !== undefined && req.reason.length > STOP_REASON_MAX) {
    throw invalid('reason', `The stop reason can have at most ${STOP_REASON_MAX} characters (${req.reason.length} given).`);
  }
  const id = taskRefId(req.task, cluster);
  await clusterExists(ctx, cluster);
  const notFound = () => invalid('task', 'The referenced task was not found.');
  if (id === null) throw notFound();
  // A task of a service behind load balancers leaves them first: DEACTIVATING while its targets drain.
  const cur = await getTask(ctx.store, cluster, id);
  const service = cur ? serviceOf(cur.value.task) : undefined;
  const balanced = service !== undefined && ((await getServiceWithoutEvents(ctx.store, cluster, service))?.service.loadBalancers?.length ?? 0) > 0;
  const task = await requestTaskStop(ctx, cluster, id, req.reason, balanced ? { deactivate: true } : {});
  if (!task) throw notFound();
  return { task };
}

/**
 * StopTask's write, for callers inside the control plane too (the service scheduler, with its stopCode;
 * a leader's fence comes through its store): the task's desiredStatus STOPPED and its assignment
 * rewritten, in one transaction. With `deactivate` (a RUNNING task behind a load balancer) the task is
 * DEACTIVATING and its assignment is left as it is: its containers serve on while its targets drain,
 * until releaseTaskStop. null when the task does not exist.
 */
export async function requestTaskStop(ctx: ServerContext, cluster: string, id: string, reason: string | undefined,
  opts: { stopCode?: TaskStopCode; deactivate?: boolean; onlyIf?: (t: Task) => boolean } = {}): Promise<Task | null> {
  const now = ctx.now();
  const task = await writeTask(ctx, cluster, id, (t) => (opts.onlyIf && !opts.onlyIf(t) ? t
    : opts.deactivate ? deactivateTask(t, reason, now, opts.stopCode ?? 'UserInitiated') : stopTaskCore(t, reason, now, opts.stopCode)));
  if (task.changed) ctx.log.info(task.task?.lastStatus === 'DEACTIVATING' ? 'task deactivating' : 'task stop requested', { cluster, task: id, ...(opts.stopCode ? { stopCode: opts.stopCode } : {}) });
  return task.task;
}

/** A DEACTIVATING task whose targets have drained: STOPPING, and its assignment now tells the agent to stop it. */
export async function releaseTaskStop(ctx: ServerContext, cluster: string, id: string): Promise<void> {
  const task = await writeTask(ctx, cluster, id, releaseTask);
  if (task.changed) ctx.log.info('task stop requested', { cluster, task: id, after: 'deregistration delay' });
}

/** One task's change, with its assignment rewritten unless the task is DEACTIVATING (the agent keeps it running). */
function writeTask(ctx: ServerContext, cluster: string, id: string, change: (t: Task) => Task): Promise<{ task: Task | null; changed: boolean }> {
  return commitWithRetry<{ task: Task | null; changed: boolean }>(ctx.store, async () => {
    const cur = await getTask(ctx.store, cluster, id);
    if (!cur) return { txn: noWrite, result: { task: null, changed: false } };
    const rec = cur.value;
    const next = change(rec.task);
    if (next === rec.task) return { txn: noWrite, result: { task: rec.task, changed: false } };
    return {
      txn: {
        compare: [{ key: taskKey(cluster, id), modRevision: cur.modRevision }],
        success: [
          ...taskOps({ ...rec, task: next }, rec),
          // The agent's session watches the assignment: rewriting it delivers the stop.
          // A task that waited PROVISIONING has no instance, so no assignment.
          ...(next.lastStatus === 'DEACTIVATING' || rec.containerInstanceId === '' ? [] : [assignmentOp({ ...rec, task: next })]),
          ...taskEventOps(ctx, cluster, next, rec.task),
        ],
      },
      result: { task: next, changed: true },
    };
  });
}
