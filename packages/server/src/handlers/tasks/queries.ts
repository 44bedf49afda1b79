// DescribeTasks and ListTasks.
import {
  BerthError, clusterName, invalid, parseTaskDefinitionRef, taskArn,
  type DescribeTasksRequest, type DescribeTasksResponse, type Failure, type ListTasksRequest, type ListTasksResponse, type Task,
} from '@berth/core';
import type { ServerContext } from '../../context.js';
import type { TaskRecord } from '../../records.js';
import { serviceKey, taskKey, tasksPrefix } from '../../keys.js';
import { decode, getJSON } from '../../json-store.js';
import { decodeToken, encodeToken, pageSize } from '../../pagination.js';
import { instanceRefId } from '../container-instances.js';
import { clusterExists, present, taskRefId } from './references.js';

const DESCRIBE_MAX = 100;

export async function describeTasks(ctx: ServerContext, req: DescribeTasksRequest): Promise<DescribeTasksResponse> {
  const cluster = clusterName(req.cluster);
  const refs = req.tasks ?? [];
  if (refs.length === 0) throw invalid('tasks', 'tasks: Tasks cannot be empty.');
  if (refs.length > DESCRIBE_MAX) throw invalid('tasks', `tasks: at most ${DESCRIBE_MAX} per call (${refs.length} given).`);
  const ids = refs.map((ref, i) => taskRefId(ref, cluster, `tasks[${i}]`));
  await clusterExists(ctx, cluster);
  const withTags = req.include?.includes('TAGS') ?? false;
  const recs = await Promise.all(ids.map((id) => (id === null ? null : getJSON<TaskRecord>(ctx.store, taskKey(cluster, id)))));
  const tasks: Task[] = [];
  const failures: Failure[] = [];
  recs.forEach((rec, i) => {
    if (rec) tasks.push(present(rec.value.task, withTags));
    else failures.push({ arn: refs[i]!.startsWith('arn:') ? refs[i]! : taskArn(ctx.identity, cluster, refs[i]!), reason: 'MISSING' });
  });
  return { tasks, failures };
}

const familyOf = (tdArn: string | undefined) => (tdArn ? parseTaskDefinitionRef(tdArn).family : undefined);

export async function listTasks(ctx: ServerContext, req: ListTasksRequest): Promise<ListTasksResponse> {
  const cluster = clusterName(req.cluster);
  const limit = pageSize(req.maxResults);
  const desired = req.desiredStatus ?? 'RUNNING';
  const instanceId = req.containerInstance !== undefined ? instanceRefId(req.containerInstance, cluster) : undefined;
  const prefix = tasksPrefix(cluster);
  let after = decodeToken(req.nextToken, prefix);
  await clusterExists(ctx, cluster);
  if (req.serviceName !== undefined && (await ctx.store.get(serviceKey(cluster, req.serviceName))) === null) {
    throw new BerthError('ServiceNotFoundException', 'Service not found.', 'serviceName');
  }
  // A service's tasks carry group service:<name> (a daemon's, later, daemon:<name>).
  const group = req.serviceName !== undefined ? `service:${req.serviceName}` : req.daemonName !== undefined ? `daemon:${req.daemonName}` : undefined;
  const keep = (r: TaskRecord) =>
    r.task.desiredStatus === desired &&
    (instanceId === undefined || r.containerInstanceId === instanceId) &&
    (req.family === undefined || familyOf(r.task.taskDefinitionArn) === req.family) &&
    (req.startedBy === undefined || r.task.startedBy === req.startedBy) &&
    (req.launchType === undefined || r.task.launchType === req.launchType) &&
    (group === undefined || r.task.group === group);
  const taskArns: string[] = [];
  // PENDING never matches (desiredStatus is never PENDING); an instance ARN of another cluster matches nothing.
  if (desired === 'PENDING' || instanceId === null) return { taskArns };
  for (;;) {
    const page = await ctx.store.range(prefix, { limit: 500, ...(after ? { after } : {}) });
    for (const [i, kv] of page.kvs.entries()) {
      const r = decode<TaskRecord>(kv);
      after = kv.key;
      if (!keep(r)) continue;
      taskArns.push(r.task.taskArn!);
      if (taskArns.length >= limit) {
        const more = page.more || i < page.kvs.length - 1;
        return more ? { taskArns, nextToken: encodeToken(after) } : { taskArns };
      }
    }
    if (!page.more || page.kvs.length === 0) return { taskArns };
  }
}

