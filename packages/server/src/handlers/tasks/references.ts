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

/** The revision a reference names, which must be ACTIVE (a bare family means its latest ACTIVE revision). */
export async function activeTaskDefinition(ctx: ServerContext, ref: string): Promise<RevisionRecord> {
  const { family, revision } = parseTaskDefinitionRef(ref, 'taskDefinition');
  const rec = revision !== undefined ? await getRevision(ctx.store, family, revision) : await latestActiveRevision(ctx.store, family);
  if (!rec) throw clientError('Unable to describe task definition.', 'taskDefinition');
  // ECS's words for an INACTIVE (or DELETE_IN_PROGRESS) revision.
  if (rec.value.taskDefinition.status !== 'ACTIVE') throw clientError('TaskDefinition is inactive', 'taskDefinition');
  return rec.value;
}

/** Task definitions are immutable in what tasks read (containers); cached per store by ARN. */
const tdCache = new WeakMap<Store, Map<string, TaskDefinition>>();

export async function taskDefinitionOf(ctx: ServerContext, arn: string): Promise<TaskDefinition | undefined> {
  let cache = tdCache.get(ctx.store);
  if (!cache) tdCache.set(ctx.store, (cache = new Map()));
  const hit = cache.get(arn);
  if (hit) return hit;
  const { family, revision } = parseTaskDefinitionRef(arn);
  const rec = revision !== undefined ? await getRevision(ctx.store, family, revision) : null;
  if (!rec) return undefined;
  if (cache.size > 1000) cache.clear();
  cache.set(arn, rec.value.taskDefinition);
  return rec.value.taskDefinition;
}

