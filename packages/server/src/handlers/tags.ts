// TagResource, UntagResource, ListTagsForResource: tags live inside each resource's own record (what
// Describe* returns with include TAGS), so tagging is a read-modify-write of that one key, compared on
// its revision. One table says where each taggable resource type keeps its tags.
import { BerthError, checkTags, mergeTags, parseArn, removeTags, type Tag, type EcsActions } from '@berth/core';
import type { ServerContext } from '../context.js';
import { clusterKey, instanceKey, revisionKey, serviceKey, taskKey } from '../keys.js';
import { commitWithRetry, decode, json } from '../json-store.js';

type Req<A extends keyof EcsActions> = EcsActions[A]['request'];
type Res<A extends keyof EcsActions> = EcsActions[A]['response'];

interface Taggable {
  /** The store key of the resource an ARN's resource part names, or undefined when it cannot name one. */
  key(resource: string): string | undefined;
  tags(record: any): Tag[];
  withTags(record: any, tags: Tag[]): unknown;
}

const pair = (resource: string): [string, string] | undefined => {
  const parts = resource.split('/');
  return parts.length === 2 && parts[0] && parts[1] ? [parts[0], parts[1]] : undefined;
};

/** By ARN resource type (services: the long ARN form, service/CLUSTER/NAME, as ECS requires for tags). */
export const TAGGABLE: Record<string, Taggable> = {
  cluster: {
    key: (r) => (r && !r.includes('/') ? clusterKey(r) : undefined),
    tags: (c) => c.tags ?? [],
    withTags: (c, tags) => ({ ...c, tags }),
  },
  'task-definition': {
    key: (r) => {
      const m = /^([A-Za-z0-9_-]{1,255}):(\d{1,10})$/.exec(r);
      return m ? revisionKey(m[1]!, Number(m[2])) : undefined;
    },
    tags: (rec) => rec.tags ?? [],
    withTags: (rec, tags) => ({ ...rec, tags }),
  },
  task: {
    key: (r) => {
      const p = pair(r);
      return p ? taskKey(p[0], p[1]) : undefined;
    },
    tags: (rec) => rec.task?.tags ?? [],
    withTags: (rec, tags) => ({ ...rec, task: { ...rec.task, tags } }),
  },
  service: {
    key: (r) => {
      const p = pair(r);
      return p ? serviceKey(p[0], p[1]) : undefined;
    },
    tags: (rec) => rec.service?.tags ?? [],
    withTags: (rec, tags) => ({ ...rec, service: { ...rec.service, tags } }),
  },
  'container-instance': {
    key: (r) => {
      const p = pair(r);
      return p ? instanceKey(p[0], p[1]) : undefined;
    },
    tags: (rec) => rec.instance?.tags ?? [],
    withTags: (rec, tags) => ({ ...rec, instance: { ...rec.instance, tags } }),
  },
};

const notFound = () => new BerthError('ResourceNotFoundException', 'The specified resource could not be found.', 'resourceArn');

/** The store key an ECS ARN of this account and region designates, and how to reach its tags. */
function locate(ctx: ServerContext, arn: string): { key: string; type: Taggable } {
  const a = parseArn(arn);
  if (!a || a.service !== 'ecs') throw new BerthError('InvalidParameterException', `resourceArn: ${JSON.stringify(arn)} is not an ECS resource ARN`, 'resourceArn');
  const type = TAGGABLE[a.resourceType];
  if (!type) {
    throw new BerthError('InvalidParameterException', `resourceArn: resources of type '${a.resourceType}' cannot be tagged (taggable: ${Object.keys(TAGGABLE).join(', ')})`, 'resourceArn');
  }
  // Another account's or region's ARN names nothing here.
  if (a.accountId !== ctx.identity.accountId || a.region !== ctx.identity.region) throw notFound();
  const key = type.key(a.resource);
  if (!key) throw notFound();
  return { key, type };
}

async function update(ctx: ServerContext, arn: string, change: (tags: Tag[]) => Tag[]): Promise<void> {
  const { key, type } = locate(ctx, arn);
  await commitWithRetry(ctx.store, async () => {
    const kv = await ctx.store.get(key);
    if (!kv) throw notFound();
    const rec = decode<any>(kv);
    const next = type.withTags(rec, change(type.tags(rec)));
    return { txn: { compare: [{ key, modRevision: kv.modRevision }], success: [{ put: key, value: json(next) }] }, result: undefined };
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
  const { key, type } = locate(ctx, req.resourceArn);
  const kv = await ctx.store.get(key);
  if (!kv) throw notFound();
  return { tags: type.tags(decode(kv)) };
}
