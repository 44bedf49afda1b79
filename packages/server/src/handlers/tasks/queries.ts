// DescribeTasks and ListTasks. A ListTasks page is one walk over an index (the service's tasks, an
// instance's tasks, or the cluster's tasks by status), filtered on what the index entries hold: it examines
// a bounded number of keys and may return fewer than maxResults with a nextToken, as ECS's pages may.
import {
  BerthError, clusterName, invalid, taskArn,
  type DescribeTasksRequest, type DescribeTasksResponse, type Failure, type ListTasksRequest, type ListTasksResponse, type Task,
} from '@berth/core';
import type { KeyValue } from '@berth/store';
import type { ServerContext } from '../../context.js';
import { lastSegment } from '../../state/kit.js';
import {
  LIVE_TASK_STATUSES, TASK_STATUSES, TASKS_BY_STATUS_ROOT, decodeListing, getTasks, serviceTasksPrefix, tasksByStatusPrefix,
} from '../../state/tasks.js';
import { getServiceWithoutEvents } from '../../state/services.js';
import { pageBuckets } from '../../state/paging.js';
import { decodeToken, encodeToken, pageSize } from '../../pagination.js';
import { instanceRefId } from '../container-instances.js';
import { clusterExists } from '../clusters.js';
import { present, taskRefId } from './references.js';

const DESCRIBE_MAX = 100;

export async function describeTasks(ctx: ServerContext, req: DescribeTasksRequest): Promise<DescribeTasksResponse> {
  const cluster = clusterName(req.cluster);
  const refs = req.tasks ?? [];
  if (refs.length === 0) throw invalid('tasks', 'Tasks cannot be empty.');
  if (refs.length > DESCRIBE_MAX) throw invalid('tasks', `At most ${DESCRIBE_MAX} tasks can be described at once (${refs.length} given).`);
  const ids = refs.map((ref, i) => taskRefId(ref, cluster, `tasks[${i}]`));
  await clusterExists(ctx, cluster);
  const withTags = req.include?.includes('TAGS') ?? false;
  const wanted = ids.filter((id): id is string => id !== null);
  const found = new Map((await getTasks(ctx.store, cluster, wanted)).flatMap((rec) => (rec ? [[rec.value.id, rec.value] as const] : [])));
  const tasks: Task[] = [];
  const failures: Failure[] = [];
  ids.forEach((id, i) => {
    const rec = id !== null ? found.get(id) : undefined;
    if (rec) tasks.push(present(rec.task, withTags));
    else failures.push({ arn: refs[i]!.startsWith('arn:') ? refs[i]! : taskArn(ctx.identity, cluster, refs[i]!), reason: 'MISSING' });
  });
  return { tasks, failures };
}

export async function listTasks(ctx: ServerContext, req: ListTasksRequest): Promise<ListTasksResponse> {
  const cluster = clusterName(req.cluster);
  const limit = pageSize(req.maxResults);
  const desired = req.desiredStatus ?? 'RUNNING';
  const instanceId = req.containerInstance !== undefined ? instanceRefId(req.containerInstance, cluster) : undefined;
  await clusterExists(ctx, cluster);
  if (req.serviceName !== undefined && (await getServiceWithoutEvents(ctx.store, cluster, req.serviceName)) === null) {
    throw new BerthError('ServiceNotFoundException', 'Service not found.', 'serviceName');
  }
  // PENDING never matches (desiredStatus is never PENDING); an instance ARN of another cluster matches nothing.
  if (desired === 'PENDING' || instanceId === null) return { taskArns: [] };
  // A service's tasks carry group service:<name> (a daemon's, later, daemon:<name>).
  const group = req.serviceName !== undefined ? `service:${req.serviceName}` : req.daemonName !== undefined ? `daemon:${req.daemonName}` : undefined;
  // A task wanted RUNNING is not STOPPED yet; one wanted STOPPED may be in any bucket.
  const statuses = desired === 'RUNNING' ? LIVE_TASK_STATUSES : TASK_STATUSES;
  let root: string;
  let buckets: string[];
  if (req.serviceName !== undefined && instanceId === undefined) {
    root = serviceTasksPrefix(cluster, req.serviceName, 'live').replace(/live\/$/, '');
    buckets = [serviceTasksPrefix(cluster, req.serviceName, 'live'), ...(desired === 'STOPPED' ? [serviceTasksPrefix(cluster, req.serviceName, 'stopped')] : [])];
  } else {
    root = `${TASKS_BY_STATUS_ROOT}${cluster}/`;
    // A PROVISIONING task is on no instance yet (its bucket is keyed by capacity provider).
    buckets = statuses.filter((s) => instanceId === undefined || s !== 'PROVISIONING').map((s) => tasksByStatusPrefix(cluster, s, instanceId));
  }
  const keep = (kv: KeyValue) => {
    const l = decodeListing(kv);
    return l.d === desired && (req.family === undefined || l.f === req.family) && (req.startedBy === undefined || l.s === req.startedBy) &&
      (req.launchType === undefined || l.l === req.launchType) && (group === undefined || l.g === group);
  };
  const page = await pageBuckets(ctx.store, buckets, decodeToken(req.nextToken, root), { limit, keep });
  const taskArns = page.kept.map((kv) => taskArn(ctx.identity, cluster, lastSegment(kv.key)));
  return { taskArns, ...(page.next !== undefined ? { nextToken: encodeToken(page.next) } : {}) };
}
