// Naming tasks and task definitions: a task reference (id or ARN) to its id, a task ARN to cluster and id,
// the ACTIVE revision a RunTask names, and a task's definition for its reports.
import {
  clientError, parseArn, parseTaskDefinitionRef, resourceId, invalid,
  type Task, type TaskDefinition,
} from '@berth/core';
import type { Store } from '@berth/store';
import type { ServerContext } from '../../context.js';
import { getRevision, latestActiveRevision, type RevisionRecord } from '../../state/task-definitions.js';

/**
 * The task id a reference names in `cluster`: a bare id, or an ARN `...:task/<cluster>/<id>`. null when the
 * ARN names another cluster; InvalidParameterException on `field` when it is not a task ARN at all.
 */
export function taskRefId(ref: string, cluster: string, field = 'task'): string | null {
  // ECS's words, whatever is wrong with the reference.
  const bad = () => invalid(field, 'Task Identifier is invalid');
  if (typeof ref !== 'string' || ref === '') throw bad();
  if (!ref.startsWith('arn:')) {
    if (ref.includes('/')) throw bad();
    return ref;
  }
  const a = parseArn(ref);
  if (a === null || a.service !== 'ecs' || a.resourceType !== 'task') throw bad();
  const parts = a.resource.split('/');
  if (parts.length === 2 && parts[0] !== cluster) return null;
  return resourceId(a.resource);
}

/** Cluster and id of a task ARN (the agent's reports name tasks by ARN). */
export function parseTaskArn(arn: string): { cluster: string; id: string } | null {
  const a = parseArn(arn);
  if (a === null || a.resourceType !== 'task') return null;
  const parts = a.resource.split('/');
  return parts.length === 2 && parts[0] && parts[1] ? { cluster: parts[0], id: parts[1] } : null;
}

/** The task as Describe shows it: tags only when asked for. */
export function present(task: Task, withTags: boolean): Task {
  if (withTags) return { ...task, tags: task.tags ?? [] };
  const { tags: _t, ...rest } = task;
  return rest;
}

/**
 * The revision a reference names, which must be ACTIVE (a bare family means its latest ACTIVE revision):
 * from the task-definition informer where the context has one (no store read once the revision is in use),
 * else from the store.
 */
export async function activeTaskDefinition(ctx: ServerContext, ref: string): Promise<RevisionRecord> {
  const { family, revision } = parseTaskDefinitionRef(ref, 'taskDefinition');
  const held = ctx.taskDefinitions;
  const rec = held
    ? (revision !== undefined ? await held.revision(family, revision) : await held.latestActive(family))
    : (revision !== undefined ? await getRevision(ctx.store, family, revision) : await latestActiveRevision(ctx.store, family))?.value;
  if (!rec) throw clientError('Unable to describe task definition.', 'taskDefinition');
  // ECS's words for an INACTIVE (or DELETE_IN_PROGRESS) revision.
  if (rec.taskDefinition.status !== 'ACTIVE') throw clientError('TaskDefinition is inactive', 'taskDefinition');
  return rec;
}

/**
 * What a revision's ARN names for good: its content. A revision's number is never handed out twice (the
 * family record keeps the highest), and only its status and the times it changed (`status`, `deregisteredAt`,
 * `deleteRequestedAt`) are written after registration; those are left out here, so nothing can act on a
 * status this replica read earlier (RunTask and CreateService read the revision with its status from the
 * task-definition informer, kept current by a watch: activeTaskDefinition).
 */
export type TaskDefinitionContent = Omit<TaskDefinition, 'status' | 'deregisteredAt' | 'deleteRequestedAt'>;

/**
 * Revisions' content kept per store by ARN, least recently used first out, at most this many: what the
 * assignments, reports and credential mints of running tasks read, one store get each otherwise. Not store
 * state that can change (above), so no watch is needed (issue 14 §2); bounded, since families and their
 * revisions are not (about 1-4 KiB a revision: a few MiB at most).
 */
export const TASK_DEFINITION_CONTENT_ENTRIES = 1000;
const contents = new WeakMap<Store, Map<string, TaskDefinitionContent>>();

/** The content of the revision `arn` names (whatever its status), or undefined when there is none. */
export async function taskDefinitionOf(ctx: ServerContext, arn: string): Promise<TaskDefinitionContent | undefined> {
  let held = contents.get(ctx.store);
  if (!held) contents.set(ctx.store, (held = new Map()));
  const hit = held.get(arn);
  if (hit) {
    held.delete(arn);
    held.set(arn, hit);
    return hit;
  }
  const { family, revision } = parseTaskDefinitionRef(arn);
  const rec = revision !== undefined ? await getRevision(ctx.store, family, revision) : null;
  if (!rec) return undefined;
  const { status: _s, deregisteredAt: _d, deleteRequestedAt: _r, ...content } = rec.value.taskDefinition;
  held.delete(arn);
  held.set(arn, content);
  if (held.size > TASK_DEFINITION_CONTENT_ENTRIES) held.delete(held.keys().next().value!);
  return content;
}

/** Revisions whose content is held for `store` (tests: the bound). */
export function taskDefinitionContentsHeld(store: Store): number {
  return contents.get(store)?.size ?? 0;
}
