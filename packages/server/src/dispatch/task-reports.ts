// Agent reports: how the agent stream moves a task forward (applyTaskReport), persisted before the
// dispatcher acknowledges them.
import { applyReport, type Task, type TaskDefinition, type TaskStateReport } from '@berth/core';
import { TXN_MAX_BYTES, TXN_MAX_OPS, type Compare, type Op, type TxnRequest } from '@berth/store';
import type { ServerContext } from '../context.js';
import { commitWithRetry, decode, noWrite, withRepeatedPutsOnce, type Versioned } from '../state/kit.js';
import { getTask, taskKey, taskOps, type TaskRecord } from '../state/tasks.js';
import { getInstance, instanceKey, withTaskReleased, type InstanceRecord } from '../state/instances.js';
import { assignmentDeleteOp, assignmentOp } from '../state/assignments.js';
import { instanceChangeOps, taskEventOps } from '../events/publish.js';
import { withEventBatches } from '../state/events.js';
import { parseTaskArn, taskDefinitionOf } from '../handlers/tasks/references.js';

type TaskRef = { cluster: string; id: string };

/** A stand-in when a task's definition is gone: every container essential (ECS's default). */
function fallbackDefinition(task: Task): TaskDefinition {
  return { containerDefinitions: (task.containers ?? []).map((c) => ({ name: c.name!, image: c.image!, essential: true })) };
}

/** What a report does to its task as read: nothing, a write, or (when it needs the instance too) ask for it. */
type Outcome = { applied: boolean; from?: string; to?: string };
type Decision = { txn: TxnRequest; result: Outcome } | 'needs-instance';
const ignored = { txn: noWrite, result: { applied: false } };

/**
 * The transaction a report makes of its task record `cur` (read at its modRevision): the task must be on
 * `instanceId` and the report newer than the last applied (counter), else it is ignored (applied: false).
 * A task reaching STOPPED gives its reservation back to the instance and loses its assignment in the same
 * transaction, which needs the instance record: without `readInstance` the answer is 'needs-instance'. A
 * task whose desiredStatus changed (an essential container exited) gets its assignment rewritten. The
 * task's indexes move with it (state/tasks.ts).
 */
async function decide(ctx: ServerContext, instanceId: string, ref: TaskRef, cur: Versioned<TaskRecord> | null, report: TaskStateReport,
  readInstance?: () => Promise<Versioned<InstanceRecord> | null>): Promise<Decision> {
  if (!cur) return ignored;
  const rec = cur.value;
  if (rec.containerInstanceId !== instanceId) {
    ctx.log.warn('report from an instance the task is not on ignored', { instance: instanceId, task: report.taskArn, taskInstance: rec.containerInstanceId });
    return ignored;
  }
  if (report.counter <= rec.reportCounter) return ignored;
  const td = (await taskDefinitionOf(ctx, rec.task.taskDefinitionArn!)) ?? fallbackDefinition(rec.task);
  const task = applyReport(rec.task, report, ctx.now(), td);
  const stops = rec.task.lastStatus !== 'STOPPED' && task.lastStatus === 'STOPPED';
  if (stops && !readInstance) return 'needs-instance';
  const compare: Compare[] = [{ key: taskKey(ref.cluster, ref.id), modRevision: cur.modRevision }];
  const next = { ...rec, task, reportCounter: report.counter };
  // The task's JSON once, for its record and (when its desired status changed) its assignment.
  const taskJson = JSON.stringify(task);
  const success: Op[] = [...taskOps(next, rec, taskJson), ...taskEventOps(ctx, ref.cluster, task, rec.task)];
  if (stops) {
    const inst = await readInstance!();
    if (inst) {
      const released = withTaskReleased(inst.value, rec.reservation, rec.task.group);
      const after = { ...released, instance: { ...released.instance, version: (inst.value.instance.version ?? 0) + 1 } };
      compare.push({ key: instanceKey(ref.cluster, instanceId), modRevision: inst.modRevision });
      // The report came over the instance's session: its agent is connected.
      success.push(...instanceChangeOps(ctx, after, inst.value, true));
    }
    success.push(assignmentDeleteOp(instanceId, ref.id));
  } else if (task.desiredStatus !== rec.task.desiredStatus) {
    success.push(assignmentOp(next, taskJson));
  }
  return { txn: { compare, success }, result: { applied: true, from: rec.task.lastStatus, to: task.lastStatus } };
}

function logChange(ctx: ServerContext, ref: TaskRef, res: Outcome): void {
  if (res.applied && res.from !== res.to) ctx.log.info('task state changed', { cluster: ref.cluster, task: ref.id, lastStatus: res.to });
}

function parseRef(ctx: ServerContext, instanceId: string, report: TaskStateReport): TaskRef | null {
  const ref = parseTaskArn(report.taskArn);
  if (!ref) ctx.log.warn('report for an unparsable task ARN ignored', { instance: instanceId, task: report.taskArn });
  return ref;
}

/** Applies an agent's report to its task, once committed (see decide). */
export async function applyTaskReport(ctx: ServerContext, instanceId: string, report: TaskStateReport): Promise<{ applied: boolean }> {
  const ref = parseRef(ctx, instanceId, report);
  if (!ref) return { applied: false };
  const res = await commitWithRetry<Outcome>(ctx.store, async () => {
    const cur = await getTask(ctx.store, ref.cluster, ref.id);
    const d = await decide(ctx, instanceId, ref, cur, report, () => getInstance(ctx.store, ref.cluster, instanceId));
    // A stop's task and instance events: one key.
    return d === 'needs-instance' ? ignored : { ...d, txn: { ...d.txn, success: withEventBatches(d.txn.success) } };
  }, { onCommitted: (revision, txn) => ctx.instances?.observe(revision, txn.success) });
  logChange(ctx, ref, res);
  return { applied: res.applied };
}

export interface QueuedReport {
  instanceId: string;
  report: TaskStateReport;
}

/**
 * Applies reports of different tasks (from any sessions) with one read of their records (getMany) and one
 * transaction, instead of a read and a transaction each: on etcd, two round trips for the lot. A report
 * that stops its task (it needs its instance's record, which several such reports would contend for), a
 * second report of one task, and every report of a batch whose transaction lost a compare go through
 * applyTaskReport alone, which reads again and retries: the outcome is each report's as if applied alone.
 */
export async function applyTaskReports(ctx: ServerContext, batch: readonly QueuedReport[]): Promise<{ applied: boolean }[]> {
  const out: ({ applied: boolean } | undefined)[] = new Array(batch.length);
  const refs = batch.map((q) => parseRef(ctx, q.instanceId, q.report));
  const keys = new Map<string, number>();
  refs.forEach((ref, i) => {
    if (!ref) out[i] = { applied: false };
    else if (!keys.has(taskKey(ref.cluster, ref.id))) keys.set(taskKey(ref.cluster, ref.id), i);
  });
  const read = await ctx.store.getMany([...keys.keys()]);
  const recs = new Map([...keys.values()].map((i, j) => [i, read[j] ? { value: decode<TaskRecord>(read[j]!), modRevision: read[j]!.modRevision } : null]));
  const together: { i: number; d: { txn: TxnRequest; result: Outcome } }[] = [];
  for (const [i, cur] of recs) {
    const d = await decide(ctx, batch[i]!.instanceId, refs[i]!, cur, batch[i]!.report);
    if (d === 'needs-instance') continue;
    if (d.txn.success.length === 0) out[i] = { applied: d.result.applied };
    else together.push({ i, d });
  }
  for (const chunk of withinTxnLimits(together)) {
    // The batch's events, one key per cluster (state/events.ts).
    const txn: TxnRequest = { compare: chunk.flatMap((x) => x.d.txn.compare), success: withEventBatches(withRepeatedPutsOnce(chunk.flatMap((x) => x.d.txn.success))) };
    const res = await ctx.store.txn(txn);
    if (!res.succeeded) continue;
    ctx.instances?.observe(res.revision, txn.success);
    for (const { i, d } of chunk) {
      out[i] = { applied: d.result.applied };
      logChange(ctx, refs[i]!, d.result);
    }
  }
  // The rest, one at a time (in parallel: they are different tasks, or wait for the same task's first).
  return Promise.all(batch.map((q, i) => out[i] ?? applyTaskReport(ctx, q.instanceId, q.report)));
}

/** Splits writes into runs that each fit one transaction (operations, and bytes with a wide margin). */
function withinTxnLimits<T extends { d: { txn: TxnRequest } }>(writes: readonly T[]): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  let ops = 0;
  let chars = 0;
  for (const w of writes) {
    const n = Math.max(w.d.txn.compare.length, w.d.txn.success.length);
    // JSON is mostly ASCII; a quarter of the byte limit in characters leaves room for the rest.
    const c = w.d.txn.success.reduce((sum, op) => sum + ('put' in op ? op.put.length + op.value.length : 100), 0);
    if (cur.length > 0 && (ops + n > TXN_MAX_OPS || chars + c > TXN_MAX_BYTES / 4)) {
      out.push(cur);
      cur = [];
      ops = 0;
      chars = 0;
    }
    cur.push(w);
    ops += n;
    chars += c;
  }
  if (cur.length > 0) out.push(cur);
  return out;
}
