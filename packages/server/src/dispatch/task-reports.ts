// Agent reports: how the agent stream moves a task forward (applyTaskReport), persisted before the
// dispatcher acknowledges them.
import { applyReport, giveBack, type Task, type TaskDefinition, type TaskStateReport } from '@berth/core';
import type { Compare, Op } from '@berth/store';
import type { ServerContext } from '../context.js';
import type { AssignmentRecord, TaskRecord } from '../records.js';
import { assignmentKey, instanceKey, taskKey } from '../keys.js';
import { commitWithRetry, decode, json } from '../json-store.js';
import type { StoredInstance } from '../handlers/container-instances.js';
import { instanceEventOps, taskEventOps } from '../events/publish.js';
import { parseTaskArn, taskDefinitionOf } from '../handlers/tasks/references.js';

const noWrite = { compare: [], success: [] };

/** A stand-in when a task's definition is gone: every container essential (ECS's default). */
function fallbackDefinition(task: Task): TaskDefinition {
  return { containerDefinitions: (task.containers ?? []).map((c) => ({ name: c.name!, image: c.image!, essential: true })) };
}

/**
 * Applies an agent's report to its task, once committed: the task must be on `instanceId` and the
 * report newer than the last applied (counter), else it is ignored (applied: false). A task reaching
 * STOPPED gives its reservation back to the instance and loses its assignment in the same transaction;
 * a task whose desiredStatus changed (an essential container exited) gets its assignment rewritten.
 */
export async function applyTaskReport(ctx: ServerContext, instanceId: string, report: TaskStateReport): Promise<{ applied: boolean }> {
  const ref = parseTaskArn(report.taskArn);
  if (!ref) {
    ctx.log.warn('report for an unparsable task ARN ignored', { instance: instanceId, task: report.taskArn });
    return { applied: false };
  }
  const key = taskKey(ref.cluster, ref.id);
  type Outcome = { applied: boolean; from?: string; to?: string };
  const ignored = { txn: noWrite, result: { applied: false } };
  const res = await commitWithRetry<Outcome>(ctx.store, async () => {
    const kv = await ctx.store.get(key);
    if (!kv) return ignored;
    const rec = decode<TaskRecord>(kv);
    if (rec.containerInstanceId !== instanceId) {
      ctx.log.warn('report from an instance the task is not on ignored', { instance: instanceId, task: report.taskArn, taskInstance: rec.containerInstanceId });
      return ignored;
    }
    if (report.counter <= rec.reportCounter) return ignored;
    const td = (await taskDefinitionOf(ctx, rec.task.taskDefinitionArn!)) ?? fallbackDefinition(rec.task);
    const task = applyReport(rec.task, report, ctx.now(), td);
    const compare: Compare[] = [{ key, modRevision: kv.modRevision }];
    const success: Op[] = [{ put: key, value: json({ ...rec, task, reportCounter: report.counter } satisfies TaskRecord) }, ...taskEventOps(ctx, ref.cluster, task, rec.task)];
    const akey = assignmentKey(instanceId, ref.id);
    if (rec.task.lastStatus !== 'STOPPED' && task.lastStatus === 'STOPPED') {
      const ikey = instanceKey(ref.cluster, instanceId);
      const ikv = await ctx.store.get(ikey);
      if (ikv) {
        const inst = decode<StoredInstance>(ikv);
        const remainingResources = giveBack(inst.instance.remainingResources ?? [], rec.reservation, inst.instance.registeredResources);
        let taskGroups = inst.taskGroups;
        if (taskGroups !== undefined) {
          const g = rec.task.group ?? '';
          taskGroups = { ...taskGroups };
          if ((taskGroups[g] ?? 0) > 1) taskGroups[g]!--;
          else delete taskGroups[g];
        }
        const instance = { ...inst.instance, remainingResources, version: (inst.instance.version ?? 0) + 1 };
        compare.push({ key: ikey, modRevision: ikv.modRevision });
        // The report came over the instance's session: its agent is connected.
        success.push({ put: ikey, value: json({ ...inst, ...(taskGroups ? { taskGroups } : {}), instance }) }, ...instanceEventOps(ctx, ref.cluster, instance, true));
      }
      success.push({ delete: akey });
    } else if (task.desiredStatus !== rec.task.desiredStatus) {
      const assignment: AssignmentRecord = { cluster: ref.cluster, taskId: ref.id, desiredStatus: task.desiredStatus! };
      success.push({ put: akey, value: json(assignment) });
    }
    return { txn: { compare, success }, result: { applied: true, from: rec.task.lastStatus, to: task.lastStatus } };
  }, { onCommitted: (revision, txn) => ctx.instances?.observe(revision, txn.success) });
  if (res.applied && res.from !== res.to) ctx.log.info('task state changed', { cluster: ref.cluster, task: ref.id, lastStatus: res.to });
  return { applied: res.applied };
}

