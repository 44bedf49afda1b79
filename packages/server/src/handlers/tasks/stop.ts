// StopTask, and its write for callers inside the control plane (the service scheduler).
import {
  clusterName, invalid, stopTask as stopTaskCore,
  type StopTaskRequest, type StopTaskResponse, type Task, type TaskStopCode,
} from '@berth/core';
import type { ServerContext } from '../../context.js';
import type { AssignmentRecord, TaskRecord } from '../../records.js';
import { assignmentKey, taskKey } from '../../keys.js';
import { commitWithRetry, decode, json } from '../../json-store.js';
import { taskEventOps } from '../../events/publish.js';
import { clusterExists, taskRefId } from './references.js';

const STOP_REASON_MAX = 255;
const noWrite = { compare: [], success: [] };

export async function stopTask(ctx: ServerContext, req: StopTaskRequest): Promise<StopTaskResponse> {
  const cluster = clusterName(req.cluster);
  if (req.reason !== undefined && req.reason.length > STOP_REASON_MAX) {
    throw invalid('reason', `reason: at most ${STOP_REASON_MAX} characters (${req.reason.length} given).`);
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
  const key = taskKey(cluster, id);
  const task = await commitWithRetry<{ task: Task | null; changed: boolean }>(ctx.store, async () => {
    const kv = await ctx.store.get(key);
    if (!kv) return { txn: noWrite, result: { task: null, changed: false } };
    const rec = decode<TaskRecord>(kv);
    const next = stopTaskCore(rec.task, reason, ctx.now(), opts.stopCode);
    if (next === rec.task) return { txn: noWrite, result: { task: rec.task, changed: false } };
    const assignment: AssignmentRecord = { cluster, taskId: id, desiredStatus: 'STOPPED' };
    return {
      txn: {
        compare: [{ key, modRevision: kv.modRevision }],
        success: [
          { put: key, value: json({ ...rec, task: next }) },
          // The agent's session watches the assignment: rewriting it delivers the stop.
          { put: assignmentKey(rec.containerInstanceId, id), value: json(assignment) },
          ...taskEventOps(ctx, cluster, next, rec.task),
        ],
      },
      result: { task: next, changed: true },
    };
  });
  if (task.changed) ctx.log.info('task stop requested', { cluster, task: id, ...(opts.stopCode ? { stopCode: opts.stopCode } : {}) });
  return task.task;
}

