// What an instance's agent should run: the assignment pointers under its prefix, resolved to the task
// records and their task definitions. Used for the full set on connect and for each watch increment.
import type { TaskAssignment, TaskDefinition } from '@berth/core';
import { parseTaskDefinitionRef } from '@berth/core';
import type { KeyValue } from '@berth/store';
import type { ServerContext } from '../context.js';
import { assignmentsPage, decodeAssignment } from '../state/assignments.js';
import { getTask } from '../state/tasks.js';
import { getRevision } from '../state/task-definitions.js';

/** Task definitions never change once registered, so a session caches them by ARN. */
export class TaskDefinitionCache {
  private readonly byArn = new Map<string, TaskDefinition>();
  constructor(private readonly ctx: ServerContext) {}

  async get(arn: string): Promise<TaskDefinition | undefined> {
    const hit = this.byArn.get(arn);
    if (hit) return hit;
    const { family, revision } = parseTaskDefinitionRef(arn);
    const rec = await getRevision(this.ctx.store, family, revision ?? 0);
    if (!rec) return undefined;
    if (this.byArn.size > 1000) this.byArn.clear();
    this.byArn.set(arn, rec.value.taskDefinition);
    return rec.value.taskDefinition;
  }
}

export async function resolveAssignment(ctx: ServerContext, defs: TaskDefinitionCache, kv: KeyValue): Promise<TaskAssignment | undefined> {
  const a = decodeAssignment(kv);
  const rec = await getTask(ctx.store, a.cluster, a.taskId);
  if (!rec) return undefined;
  const taskDefinition = await defs.get(rec.value.task.taskDefinitionArn!);
  if (!taskDefinition) {
    ctx.log.error('task definition of an assigned task is gone', { task: rec.value.task.taskArn, taskDefinition: rec.value.task.taskDefinitionArn });
    return undefined;
  }
  return { task: rec.value.task, taskDefinition };
}

/** The instance's whole desired set, as of one store revision. */
export async function fullAssignmentSet(ctx: ServerContext, defs: TaskDefinitionCache, instanceId: string): Promise<{ revision: number; tasks: TaskAssignment[] }> {
  const tasks: TaskAssignment[] = [];
  let after: string | undefined;
  let revision = 0;
  for (;;) {
    const page = await assignmentsPage(ctx.store, instanceId, after, revision);
    revision = page.revision;
    for (const kv of page.kvs) {
      const a = await resolveAssignment(ctx, defs, kv);
      if (a) tasks.push(a);
    }
    if (!page.more || page.kvs.length === 0) return { revision, tasks };
    after = page.kvs[page.kvs.length - 1]!.key;
  }
}
