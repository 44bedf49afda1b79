// Task sets (a service of the EXTERNAL deployment controller): `task-sets/CLUSTER/SERVICE/DIGITS` holds one
// ECS TaskSet (DIGITS: its id `ecs-svc/DIGITS` without the prefix) and the clientToken that created it. A
// service has a few task sets, so they are read as one range. The service record is their anchor: every
// write of a task set is in a transaction that compares the service record's revision and writes the
// record too (handlers) or decides from it (the services controller), so a decision never overwrites a
// change it did not see.
import type { TaskSet } from '@berth/core';
import type { Op, Store } from '@berth/store';
import { ROOT, decode, json } from './kit.js';

const TASK_SETS_ROOT = ROOT + 'task-sets/';
const serviceTaskSetsPrefix = (cluster: string, service: string) => `${TASK_SETS_ROOT}${cluster}/${service}/`;
const digits = (id: string) => id.slice(id.lastIndexOf('/') + 1);
const taskSetKey = (cluster: string, service: string, id: string) => `${serviceTaskSetsPrefix(cluster, service)}${digits(id)}`;

export interface TaskSetRecord {
  taskSet: TaskSet;
  /** CreateTaskSet's clientToken: a repeat with it returns this task set. */
  clientToken?: string;
}

/** The service's task sets, oldest first (ids count down, so the range is newest first). */
export async function serviceTaskSets(store: Store, cluster: string, service: string): Promise<TaskSetRecord[]> {
  const page = await store.range(serviceTaskSetsPrefix(cluster, service), { limit: 1000 });
  return page.kvs.map((kv) => decode<TaskSetRecord>(kv)).reverse();
}

export function putTaskSetOp(cluster: string, service: string, rec: TaskSetRecord): Op {
  return { put: taskSetKey(cluster, service, rec.taskSet.id!), value: json(rec) };
}

export function deleteTaskSetOp(cluster: string, service: string, id: string): Op {
  return { delete: taskSetKey(cluster, service, id) };
}

/** Every task set of a service (when it becomes INACTIVE). */
export const serviceTaskSetsDeleteOp = (cluster: string, service: string): Op => ({ deletePrefix: serviceTaskSetsPrefix(cluster, service) });

