// Assignments: one record per task placed on an instance (`assignments/INSTANCE/TASK`), carrying the task as
// its last desired-state change left it (placement, a stop). The dispatcher watches every instance's
// assignments: a put (a new task, or a desiredStatus change) or a delete (the task reached STOPPED) is
// what the agent hears, and the task travels in the put itself, so a session never reads it back. They
// go with their task: a task reaching STOPPED loses its assignment, and retention removes what is left
// with the task or its instance.
import type { Task } from '@berth/core';
import type { KeyValue, Op, Store } from '@berth/store';
import { ROOT, compactText, expandedText, json } from './kit.js';
import type { TaskRecord } from './tasks.js';

export const ASSIGNMENTS_ROOT = ROOT + 'assignments/';
export const assignmentsPrefix = (instanceId: string) => `${ASSIGNMENTS_ROOT}${instanceId}/`;
export const assignmentKey = (instanceId: string, taskId: string) => `${assignmentsPrefix(instanceId)}${taskId}`;

export interface AssignmentRecord {
  cluster: string;
  /** The task as of the assignment's write: its desiredStatus is the one the agent must pursue. */
  task: Task;
}

/**
 * Writes the assignment of a task record (at placement, and whenever its desiredStatus changes); `taskJson`:
 * r.task already encoded for its record (the same text, encoded once). Stored compact (kit.ts's
 * compactText: the task's id, the cluster's name and the ARN prefix its ARNs share, named once: a third
 * fewer bytes for every store, journal and watcher of each placement's assignment); decodeAssignment reads both forms.
 */
export function assignmentOp(r: TaskRecord, taskJson = json(r.task)): Op {
  const arn = r.task.taskArn ?? '';
  const prefix = arn.slice(0, arn.indexOf(':task/') + 1);
  return { put: assignmentKey(r.containerInstanceId, r.id), value: compactText(`{"cluster":${json(r.cluster)},"task":${taskJson}}`, [r.id, r.cluster, prefix]) };
}

export const assignmentDeleteOp = (instanceId: string, taskId: string): Op => ({ delete: assignmentKey(instanceId, taskId) });

/** Every assignment of an instance (the instance leaves the store). */
export const instanceAssignmentsDeleteOp = (instanceId: string): Op => ({ deletePrefix: assignmentsPrefix(instanceId) });

/** An assignment record, stored whole (before schema 8) or compact. */
export const decodeAssignment = (kv: KeyValue) => JSON.parse(expandedText(kv.value.toString('utf8'))) as AssignmentRecord;

/** Instance and task id of an assignment key. */
export function parseAssignmentKey(key: string): { instanceId: string; taskId: string } {
  const [instanceId, taskId] = key.slice(ASSIGNMENTS_ROOT.length).split('/');
  return { instanceId: instanceId!, taskId: taskId! };
}

/** A page of an instance's assignments, read at `revision` (0: the newest) so pages agree. */
export async function assignmentsPage(store: Store, instanceId: string, after: string | undefined, revision: number): Promise<{ kvs: KeyValue[]; more: boolean; revision: number }> {
  const page = await store.range(assignmentsPrefix(instanceId), { limit: 500, ...(after ? { after } : {}), ...(revision ? { revision } : {}) });
  return { kvs: page.kvs, more: page.more, revision: page.revision };
}
