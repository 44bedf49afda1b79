// Assignments: one pointer per task placed on an instance (`assignments/INSTANCE/TASK`). The agent's
// session watches its instance's prefix: a put (a new task, or a desiredStatus change) or a delete (the
// task reached STOPPED) is what the agent hears. They go with their task: a task reaching STOPPED loses
// its assignment, and retention removes what is left with the task or its instance.
import type { KeyValue, Op, Store } from '@berth/store';
import { ROOT, decode, json } from './kit.js';

export const ASSIGNMENTS_ROOT = ROOT + 'assignments/';
export const assignmentsPrefix = (instanceId: string) => `${ASSIGNMENTS_ROOT}${instanceId}/`;
export const assignmentKey = (instanceId: string, taskId: string) => `${assignmentsPrefix(instanceId)}${taskId}`;

export interface AssignmentRecord {
  cluster: string;
  taskId: string;
  /** Mirrors the task's desiredStatus, so a StopTask wakes the instance's session watch. */
  desiredStatus: string;
}

export function assignmentOp(instanceId: string, a: AssignmentRecord): Op {
  return { put: assignmentKey(instanceId, a.taskId), value: json(a) };
}

export const assignmentDeleteOp = (instanceId: string, taskId: string): Op => ({ delete: assignmentKey(instanceId, taskId) });

/** Every assignment of an instance (the instance leaves the store). */
export const instanceAssignmentsDeleteOp = (instanceId: string): Op => ({ deletePrefix: assignmentsPrefix(instanceId) });

export const decodeAssignment = (kv: KeyValue) => decode<AssignmentRecord>(kv);

/** A page of an instance's assignments, read at `revision` (0: the newest) so pages agree. */
export async function assignmentsPage(store: Store, instanceId: string, after: string | undefined, revision: number): Promise<{ kvs: KeyValue[]; more: boolean; revision: number }> {
  const page = await store.range(assignmentsPrefix(instanceId), { limit: 500, ...(after ? { after } : {}), ...(revision ? { revision } : {}) });
  return { kvs: page.kvs, more: page.more, revision: page.revision };
}
