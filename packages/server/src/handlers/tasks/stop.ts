// StopTask, and its write for callers inside the control plane (the service scheduler).
import {
  clusterName, invalid, stopTask as stopTaskCore,
  type StopTaskRequest, type StopTaskResponse, type Task, type TaskStopCode,
} from '@berth/core';
import type { ServerContext } from '../../context.js';
import { commitWithRetry, noWrite } from '../../state/kit.js';
import { getTask, taskKey, taskOps } from '../../state/tasks.js';
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
  const task = await requestTaskStop(ctx, cluster, id, req.reason);
  if (!task) throw notFound();
  return { task };
}

/**
 * StopTask's write, for callers inside the control plane too (the service scheduler, with its stopCode;
 * a leader's fence comes through its store): the task's desiredStatus STOPPED and its assignment
 * rewritten, in one transaction. null when the task does not exist.
 */
export async function requestTaskStop(ctx: ServerContext, cluster: string, id: string, reason: string | undefined,
  opts: { stopCode?: TaskStopCode } = {}): Promise<Task | null> {
  const task = await commitWithRetry<{ task: Task | null; changed: boolean }>(ctx.store, async () => {
    const cur = await getTask(ctx.store, cluster, id);
    if (!cur) return { txn: noWrite, result: { task: null, changed: false } };
    const rec = cur.value;
    const next = stopTaskCore(rec.task, reason, ctx.now(), opts.stopCode);
    if (next === rec.task) return { txn: noWrite, result: { task: rec.task, changed: false } };
    return {
      txn: {
        compare: [{ key: taskKey(cluster, id), modRevision: cur.modRevision }],
        success: [
          ...taskOps({ ...rec, task: next }, rec),
          // The agent's session watches the assignment: rewriting it delivers the stop.
          assignmentOp({ ...rec, task: next }),
          ...taskEventOps(ctx, cluster, next, rec.task),
        ],
      },
      result: { task: next, changed: true },
    };
  });
  if (task.changed) ctx.log.info('task stop requested', { cluster, task: id, ...(opts.stopCode ? { stopCode: opts.stopCode } : {}) });
  return task.task;
}
