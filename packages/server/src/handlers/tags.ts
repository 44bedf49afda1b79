// TagResource, UntagResource, ListTagsForResource: tags live inside each resource's own record (what
// Describe* returns with include TAGS), so tagging is a read-modify-write of that one key, compared on
// its revision. One table says where each taggable resource type keeps its tags.
import { BerthError, checkTags, describeValue, mergeTags, parseArn, removeTags, type Tag, type EcsActions } from '@berth/core';
import type { Op, Store } from '@berth/store';
import type { ServerContext } from '../context.js';
import { commitWithRetry } from '../state/kit.js';
import { clusterKey, getCluster, putClusterOp } from '../state/clusters.js';
import { getRevision, revisionKey, revisionOps } from '../state/task-definitions.js';
import { getTask, taskKey, taskOps } from '../state/tasks.js';
import { getService, serviceKey, serviceOps } from '../state/services.js';
import { getInstance, instanceKey, instanceOps } from '../state/instances.js';

type Req<A extends keyof EcsActions> = EcsActions[A]['request'];
type Res<A extends keyof EcsActions> = EcsActions[A]['response'];

/** A taggable resource as read: its tags, the key and revision a write compares, and the write itself. */
interface Tagged {
  tags: Tag[];
  key: string;
  modRevision: number;
  write(tags: Tag[]): Op[];
}

/** Reads the resource an ARN's resource part names: undefined when the part cannot name one, null when it does not exist. */
type Taggable = (store: Store, resource: string) => Promise<Tagged | null> | undefined;

const pair = (resource: string): [string, string] | undefined => {
  const parts = resource.split('/');
  return parts.length === 2 && parts[0] && parts[1] ? [parts[0], parts[1]] : undefined;
};

/** By ARN resource type (services: the long ARN form, service/CLUSTER/NAME, as ECS requires for tags). */
export const TAGGABLE: Record<string, Taggable> = {
  cluster: (store, r) => (r && !r.includes('/') ? getCluster(store, r).then((c) => c && {
    tags: c.value.tags ?? [], key: clusterKey(r), modRevision: c.modRevision, write: (tags) => [putClusterOp({ ...c.value, tags })],
  }) : undefined),
  'task-definition': (store, r) => {
    const m = /^([A-Za-z0-9_-]{1,255}):(\d{1,10})$/.exec(r);
    if (!m) return undefined;
    const [family, revision] = [m[1]!, Number(m[2])];
    return getRevision(store, family, revision).then((rec) => rec && {
      tags: rec.value.tags ?? [], key: revisionKey(family, revision), modRevision: rec.modRevision, write: (tags) => revisionOps({ ...rec.value, tags }, rec.value),
    });
  },
  task: (store, r) => {
    const p = pair(r);
    return p && getTask(store, p[0], p[1]).then((rec) => rec && {
      tags: rec.value.task.tags ?? [], key: taskKey(p[0], p[1]), modRevision: rec.modRevision,
      write: (tags) => taskOps({ ...rec.value, task: { ...rec.value.task, tags } }, rec.value),
    });
  },
  service: (store, r) => {
    const p = pair(r);
    return p && getService(store, p[0], p[1]).then((rec) => rec && {
      tags: rec.value.service.tags ?? [], key: serviceKey(p[0], p[1]), modRevision: rec.modRevision,
      write: (tags) => serviceOps({ ...rec.value, service: { ...rec.value.service, tags } }, rec.value),
    });
  },
  'container-instance': (store, r) => {
    const p = pair(r);
    return p && getInstance(store, p[0], p[1]).then((rec) => rec && {
      tags: rec.value.instance.tags ?? [], key: instanceKey(p[0], p[1]), modRevision: rec.modRevision,
      write: (tags) => instanceOps({ ...rec.value, instance: { ...rec.value.instance, tags } }, rec.value),
    });
  },
};

const notFound = () => new BerthError('ResourceNotFoundException', 'The specified resource could not be found.', 'resourceArn');

/** Reads the resource an ECS ARN of this account and region designates. */
async function locate(ctx: ServerContext, arn: string): Promise<Tagged> {
  const a = parseArn(arn);
  if (!a || a.service !== 'ecs') throw new BerthError('InvalidParameterException', 'The ARN provided is invalid.', 'resourceArn');
  const type = TAGGABLE[a.resourceType];
  if (!type) {
    throw new BerthError('InvalidParameterException', `Resources of type ${describeValue(a.resourceType)} cannot be tagged (taggable: ${Object.keys(TAGGABLE).join(', ')}).`, 'resourceArn');
  }
  // Another account's or region's ARN names nothing here.
  if (a.accountId !== ctx.identity.accountId || a.region !== ctx.identity.region) throw notFound();
  const found = await type(ctx.store, a.resource);
  if (!found) throw notFound();
  return found;
}

async function update(ctx: ServerContext, arn: string, change: (tags: Tag[]) => Tag[]): Promise<void> {
  await commitWithRetry(ctx.store, async () => {
    const r = await locate(ctx, arn);
    return { txn: { compare: [{ key: r.key, modRevision: r.modRevision }], success: r.write(change(r.tags)) }, result: undefined };
  });
}

export async function tagResource(ctx: ServerContext, req: Req<'TagResource'>): Promise<Res<'TagResource'>> {
  checkTags('tags', req.tags);
  await update(ctx, req.resourceArn, (tags) => mergeTags(tags, req.tags));
  return {};
}

export async function untagResource(ctx: ServerContext, req: Req<'UntagResource'>): Promise<Res<'UntagResource'>> {
  await update(ctx, req.resourceArn, (tags) => removeTags(tags, req.tagKeys));
  return {};
}

export async function listTagsForResource(ctx: ServerContext, req: Req<'ListTagsForResource'>): Promise<Res<'ListTagsForResource'>> {
  return { tags: (await locate(ctx, req.resourceArn)).tags };
}
