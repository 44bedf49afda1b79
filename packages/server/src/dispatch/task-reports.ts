// Agent reports: how the agent stream moves a task forward (applyTaskReport), persisted before the
// dispatcher acknowledges them.
import { applyReport, type Task, type TaskDefinition, type TaskStateReport } from '@berth/core';
import type { Compare, Op } from '@berth/store';
import type { ServerContext } from '../context.js';
import { commitWithRetry, noWrite } from '../state/kit.js';
import { getTask, taskKey, taskOps } from '../state/tasks.js';
import { getInstance, instanceKey, instanceOps, withTaskReleased } from '../state/instances.js';
import { assignmentDeleteOp, assignmentOp } from '../state/assignments.js';
import { instanceEventOps, taskEventOps } from '../events/publish.js';
import { parseTaskArn, taskDefinitionOf } from '../handlers/tasks/references.js';

/** A stand-in when a task's definition is gone: every container essential (ECS's default). */
function fallbackDefinition(task: Task): TaskDefinition {
  return { containerDefinitions: (task.containers ?? []).map((c) => ({ name: c.name!, image: c.image!, essential: true })) };
}

/**
 * Applies an agent's report to its task, once committed: the task must be on `instanceId` and the
 * report newer than the last applied (counter), else it is ignored (applied: false). A task reaching
 * STOPPED gives its reservation back to the instance and loses its assignment in the same transaction;
 * a task whose desiredStatus changed (an essential container exited) gets its assignment rewritten. The
 * task's indexes move with it (state/tasks.ts).
 */
export async function applyTaskReport(ctx: ServerContext, instanceId: string, report: TaskStateReport): Promise<{ applied: boolean }> {
  const ref = parseTaskArn(report.taskArn);
  if (!ref) {
    ctx.log.warn('report for an unparsable task ARN ignored', { instance: instanceId, task: report.taskArn });
    return { applied: false };
  }
  type Outcome = { applied: boolean; from?: string; to?: string };
  const ignored = { txn: noWrite, result: { applied: false } };
  const res = await commitWithRetry<Outcome>(ctx.store, async () => {
    const cur = await getTask(ctx.store, ref.cluster, ref.id);
    if (!cur) return ignored;
    const rec = cur.value;
    if (rec.containerInstanceId !== instanceId) {
      ctx.log.warn('report from an instance the task is not on ignored', { instance: instanceId, task: report.taskArn, taskInstance: rec.containerInstanceId });
      return ignored;
    }
    if (report.counter <= rec.reportCounter) return ignored;
    const td = (await taskDefinitionOf(ctx, rec.task.taskDefinitionArn!)) ?? fallbackDefinition(rec.task);
    const task = applyReport(rec.task, report, ctx.now(), td);
    const compare: Compare[] = [{ key: taskKey(ref.cluster, ref.id), modRevision: cur.modRevision }];
    const next = { ...rec, task, reportCounter: report.counter };
    const success: Op[] = [...taskOps(next, rec), ...taskEventOps(ctx, ref.cluster, task, rec.task)];
    if (rec.task.lastStatus !== 'STOPPED' && task.lastStatus === 'STOPPED') {
      const inst = await getInstance(ctx.store, ref.cluster, instanceId);
      if (inst) {
        const released = withTaskReleased(inst.value, rec.reservation, rec.task.group);
        const after = { ...released, instance: { ...released.instance, version: (inst.value.instance.version ?? 0) + 1 } };
        compare.push({ key: instanceKey(ref.cluster, instanceId), modRevision: inst.modRevision });
        // The report came over the instance's session: its agent is connected.
        success.push(...instanceOps(after, inst.value), ...instanceEventOps(ctx, ref.cluster, after.instance, true));
      }
      success.push(assignmentDeleteOp(instanceId, ref.id));
    } else if (task.desiredStatus !== rec.task.desiredStatus) {
      success.push(assignmentOp(next));
    }
    return { txn: { compare, success }, result: { applied: true, from: rec.task.lastStatus, to: task.lastStatus } };
  }, { onCommitted: (revision, txn) => ctx.instances?.observe(revision, txn.success) });
  if (res.applied && res.from !== res.to) ctx.log.info('task state changed', { cluster: ref.cluster, task: ref.id, lastStatus: res.to });
  return { applied: res.applied };
}
