// What an instance's agent should run: its assignment records, each carrying its task, joined with the
// task definitions' content (immutable, kept by ARN, bounded: references.ts). Used for the full set on connect and for each increment.
import type { TaskAssignment } from '@berth/core';
import type { KeyValue } from '@berth/store';
import type { ServerContext } from '../context.js';
import { assignmentsPage, decodeAssignment } from '../state/assignments.js';
import { taskDefinitionOf } from '../handlers/tasks/references.js';

export async function resolveAssignment(ctx: ServerContext, kv: KeyValue): Promise<TaskAssignment | undefined> {
  const { task } = decodeAssignment(kv);
  const taskDefinition = await taskDefinitionOf(ctx, task.taskDefinitionArn!);
  if (!taskDefinition) {
    ctx.log.error('task definition of an assigned task is gone', { task: task.taskArn, taskDefinition: task.taskDefinitionArn });
    return undefined;
  }
  return { task, taskDefinition };
}

/** The instance's whole desired set, as of one store revision. */
export async function fullAssignmentSet(ctx: ServerContext, instanceId: string): Promise<{ revision: number; tasks: TaskAssignment[] }> {
  const tasks: TaskAssignment[] = [];
  let after: string | undefined;
  let revision = 0;
  for (;;) {
    const page = await assignmentsPage(ctx.store, instanceId, after, revision);
    revision = page.revision;
    for (const kv of page.kvs) {
      const a = await resolveAssignment(ctx, kv);
      if (a) tasks.push(a);
    }
    if (!page.more || page.kvs.length === 0) return { revision, tasks };
    after = page.kvs[page.kvs.length - 1]!.key;
  }
}
